import type { HandlerContext, Handlers } from '../../core/handler';
import { signedIn } from '../../core/signed-in';
import type { RegisterDb } from '../../platform/db/open';
import { canApprove } from '../../platform/security/roles';
import type { PiiKeys } from '../../platform/security/pii-crypto';
import { storeIdOfTerminal } from '../store/terminal';
import { downloadActivePackages } from '../sync/metrc/active-packages';
import { fetchAdjustReasons, type AdjustReason } from '../sync/metrc/adjust-reasons';
import { MetrcHttp } from '../../../metrc/http';
import { registerQuantity } from '../sync/metrc/package-quantity';
import { loadMetrcSettings } from '../sync/metrc-settings';
import { metrcNotSetUp } from '../sync/monitor';
import { blindView, currentCount, recountTag, requireCount, scanIntoCount, startCount, submitCount, type Counter } from './count-log';
import { approveVariance, closeCount, dismissVariance, varianceLineOf, varianceReport, type MetrcQuantities } from './variances';

function counter(ctx: HandlerContext): Counter {
  return { storeId: storeIdOfTerminal(ctx.db, ctx.terminalId), staffId: signedIn(ctx), terminalId: ctx.terminalId, now: ctx.now() };
}

function metrcConnection(db: RegisterDb, keys: PiiKeys, storeId: string) {
  const settings = loadMetrcSettings(db, keys, storeId);
  if (settings === null || !settings.enabled) return null;
  return { http: new MetrcHttp({ ...settings, timeoutMs: 10_000 }), version: settings.apiVersion };
}

/** Metrc's active packages by tag, in our units; never a reason not to show the report (offline, the column is empty and says why). */
async function metrcSide(ctx: HandlerContext, storeId: string): Promise<{ quantities: MetrcQuantities | null; note: string }> {
  const connection = metrcConnection(ctx.db, ctx.piiKeys, storeId);
  if (connection === null) return { quantities: null, note: 'Metrc is not set up: only the register and the count are compared.' };
  try {
    const active = await downloadActivePackages(connection.http, connection.version);
    const quantities = new Map<string, number | null>();
    for (const p of active) {
      const q = registerQuantity(p.quantity, p.unitOfMeasureName);
      quantities.set(p.label.toUpperCase(), q.ok ? q.value.quantity : null);
    }
    return { quantities, note: `Metrc's ${active.length} active package(s), read ${ctx.now().toISOString()}.` };
  } catch (error) {
    return {
      quantities: null,
      note: `Metrc could not be read (${error instanceof Error ? error.message : String(error)}): only the register and the count are compared.`,
    };
  }
}

/** Metrc's reasons when they can be read; null offline (the adapter matches the name when it sends, and parks it if Metrc does not know it). */
async function reasonsOrNull(ctx: HandlerContext, storeId: string): Promise<AdjustReason[] | null> {
  const connection = metrcConnection(ctx.db, ctx.piiKeys, storeId);
  if (connection === null) return null;
  try {
    return await fetchAdjustReasons(connection.http, connection.version);
  } catch {
    return null;
  }
}

export const countHandlers: Handlers<
  | 'count-start'
  | 'count-scan'
  | 'count-view'
  | 'count-submit'
  | 'count-recount'
  | 'count-report'
  | 'count-adjust-reasons'
  | 'count-approve'
  | 'count-dismiss'
  | 'count-close'
> = {
  'count-start': (input, ctx) => startCount(ctx.db, counter(ctx), input.area, input.scope),

  'count-scan': (input, ctx) => scanIntoCount(ctx.db, counter(ctx), input.countId, input.tag, { units: input.units, weightMg: input.weightMg }),

  'count-view': (input, ctx) => {
    const storeId = storeIdOfTerminal(ctx.db, ctx.terminalId);
    const count = input.countId === undefined ? currentCount(ctx.db, storeId) : requireCount(ctx.db, storeId, input.countId);
    return { count: count === undefined ? null : blindView(ctx.db, count.id) };
  },

  'count-submit': (input, ctx) => submitCount(ctx.db, counter(ctx), input.countId),

  'count-recount': (input, ctx) => recountTag(ctx.db, counter(ctx), input.countId, input.tag, { units: input.units, weightMg: input.weightMg }),

  'count-report': async (input, ctx) => {
    const storeId = storeIdOfTerminal(ctx.db, ctx.terminalId);
    requireCount(ctx.db, storeId, input.countId);
    return varianceReport(ctx.db, storeId, input.countId, await metrcSide(ctx, storeId));
  },

  'count-adjust-reasons': async (_input, ctx) => {
    const storeId = storeIdOfTerminal(ctx.db, ctx.terminalId);
    const connection = metrcConnection(ctx.db, ctx.piiKeys, storeId);
    if (connection === null) throw metrcNotSetUp();
    return { reasons: await fetchAdjustReasons(connection.http, connection.version) };
  },

  'count-approve': async (input, ctx) => {
    const by = counter(ctx);
    // Network before the write: the reasons are read first (the write transaction is synchronous).
    const reasons = await reasonsOrNull(ctx, by.storeId);
    const selfApproves = ctx.staff !== null && canApprove(ctx.staff.role, 'inventory.adjust');
    approveVariance(ctx.db, by, input.countId, input.tag, {
      metrcReason: input.metrcReason,
      note: input.note,
      approvedBy: ctx.approvedBy ?? (selfApproves ? by.staffId : null),
      reasons,
    });
    return varianceLineOf(ctx.db, by.storeId, input.countId, input.tag, { quantities: null, note: '' });
  },

  'count-dismiss': (input, ctx) => {
    const by = counter(ctx);
    dismissVariance(ctx.db, by, input.countId, input.tag, input.note);
    return varianceLineOf(ctx.db, by.storeId, input.countId, input.tag, { quantities: null, note: '' });
  },

  'count-close': (input, ctx) => {
    closeCount(ctx.db, counter(ctx), input.countId);
    return { id: input.countId, status: 'closed' as const };
  },
};
