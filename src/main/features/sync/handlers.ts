import { eq } from 'drizzle-orm';
import { RECONCILIATION_ROWS } from '../../../shared/contract/sync';
import { appendAudit } from '../../platform/audit/log';
import { signedIn } from '../../core/signed-in';
import type { Handlers } from '../../core/handler';
import { metrcSettings, stores } from '../../platform/db/schema';
import { writeTransaction } from '../../platform/db/transaction';
import { storeIdOfTerminal } from '../store/terminal';
import { saveMenuSettings, menuSettingsView } from './menu-settings';
import { saveMetrcSettings } from './metrc-settings';
import { resolveDeadLetter, retryDeadLane, retryDeadLetter } from './outbox';
import { syncStatus } from './status';

export const syncHandlers: Handlers<
  | 'sync-status'
  | 'sync-retry'
  | 'sync-retry-lane'
  | 'packages-reconcile'
  | 'sync-resolve'
  | 'metrc-settings-get'
  | 'metrc-settings-set'
  | 'menu-settings-get'
  | 'menu-settings-set'
> = {
  'sync-status': (_input, ctx) => {
    const store = ctx.db
      .select({ state: stores.state })
      .from(stores)
      .where(eq(stores.id, storeIdOfTerminal(ctx.db, ctx.terminalId)))
      .get();
    return syncStatus(ctx.db, ctx.sync, store?.state ?? '', ctx.now());
  },

  'sync-retry': (input, ctx) => {
    retryDeadLetter(ctx.db, { itemId: input.itemId, staffId: signedIn(ctx), terminalId: ctx.terminalId, now: ctx.now() });
    ctx.sync.wake();
    return { itemId: input.itemId };
  },

  'sync-retry-lane': (input, ctx) => {
    const retried = retryDeadLane(ctx.db, { destination: input.destination, staffId: signedIn(ctx), terminalId: ctx.terminalId, now: ctx.now() });
    ctx.sync.wake();
    return { destination: input.destination, retried };
  },

  'packages-reconcile': async (_input, ctx) => {
    const report = await ctx.sync.reconcilePackages({ staffId: signedIn(ctx), terminalId: ctx.terminalId });
    const capped = <T>(rows: readonly T[]): T[] => rows.slice(0, RECONCILIATION_ROWS);
    return {
      ...report,
      quantityMismatches: capped(report.quantityMismatches),
      unitMismatches: capped(report.unitMismatches),
      missingLocally: capped(report.missingLocally),
      notActiveInMetrc: capped(report.notActiveInMetrc),
      onHoldInMetrc: capped(report.onHoldInMetrc),
    };
  },

  'sync-resolve': (input, ctx) => {
    resolveDeadLetter(ctx.db, { itemId: input.itemId, reason: input.reason, staffId: signedIn(ctx), terminalId: ctx.terminalId, now: ctx.now() });
    ctx.sync.wake();
    return { itemId: input.itemId };
  },

  'metrc-settings-get': (_input, ctx) => {
    const row = ctx.db
      .select()
      .from(metrcSettings)
      .where(eq(metrcSettings.storeId, storeIdOfTerminal(ctx.db, ctx.terminalId)))
      .get();
    if (row === undefined) return { configured: false, baseUrl: null, apiVersion: null, licenseNumber: null, enabled: false };
    return { configured: true, baseUrl: row.baseUrl, apiVersion: row.apiVersion, licenseNumber: row.licenseNumber, enabled: row.enabled };
  },

  'metrc-settings-set': async (input, ctx) => {
    const staffId = signedIn(ctx);
    const storeId = storeIdOfTerminal(ctx.db, ctx.terminalId);
    writeTransaction(ctx.db, (tx) => {
      saveMetrcSettings(tx, ctx.piiKeys, storeId, input, staffId, ctx.now());
      // The keys never enter the audit log; that they changed, and who changed them, does.
      appendAudit(tx, {
        at: ctx.now(),
        staffId,
        terminalId: ctx.terminalId,
        action: 'settings.metrc',
        entityType: 'store',
        entityId: storeId,
        after: { baseUrl: input.baseUrl, apiVersion: input.apiVersion, licenseNumber: input.licenseNumber, enabled: input.enabled },
      });
    });
    await ctx.sync.reconfigure();
    return { configured: true as const };
  },

  'menu-settings-get': (_input, ctx) => menuSettingsView(ctx.db, storeIdOfTerminal(ctx.db, ctx.terminalId)),

  'menu-settings-set': async (input, ctx) => {
    const staffId = signedIn(ctx);
    const storeId = storeIdOfTerminal(ctx.db, ctx.terminalId);
    writeTransaction(ctx.db, (tx) => {
      saveMenuSettings(tx, ctx.piiKeys, storeId, input, staffId, ctx.now());
      // As for the Metrc keys: the secret never enters the audit log, the change and its author do.
      appendAudit(tx, {
        at: ctx.now(),
        staffId,
        terminalId: ctx.terminalId,
        action: 'settings.menu',
        entityType: 'store',
        entityId: storeId,
        after: { endpointUrl: input.endpointUrl, enabled: input.enabled },
      });
    });
    await ctx.sync.reconfigure();
    return { configured: true as const };
  },
};
