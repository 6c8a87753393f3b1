import { eq } from 'drizzle-orm';
import { AppError } from '../../../shared/errors';
import { dayWindow } from '../../../shared/domain/store-calendar';
import { stores } from '../../platform/db/schema';
import type { RegisterDb } from '../../platform/db/open';
import { writeTransaction, type RegisterTx } from '../../platform/db/transaction';
import type { HandlerContext, Handlers } from '../../core/handler';
import { signedIn } from '../../core/signed-in';
import { storeIdOfTerminal } from '../store/terminal';
import { batchView } from './batch-view';
import { placeHold, releaseHold } from './holds';
import { attachIncidentPhoto, incidentPhoto, removeIncidentPhoto } from './incident-photos';
import { incidentTrend, incidentView, listIncidents, openIncident, recordStep, resolveIncident, type Actor } from './incidents';

type QualityCommand =
  | 'qa-incident-open'
  | 'qa-incident-step'
  | 'qa-incident-resolve'
  | 'qa-incident-get'
  | 'qa-incidents'
  | 'qa-incident-photo-attach'
  | 'qa-incident-photo-remove'
  | 'qa-incident-photo'
  | 'qa-hold-place'
  | 'qa-hold-release'
  | 'qa-batch-view'
  | 'qa-trend';

const actor = (tx: RegisterDb | RegisterTx, ctx: HandlerContext): Actor => ({
  storeId: storeIdOfTerminal(tx, ctx.terminalId),
  staffId: signedIn(ctx),
  terminalId: ctx.terminalId,
  now: ctx.now(),
});

export const qualityHandlers: Handlers<QualityCommand> = {
  'qa-incident-open': (input, ctx) =>
    writeTransaction(ctx.db, (tx) => {
      const a = actor(tx, ctx);
      return incidentView(tx, a.storeId, openIncident(tx, a, input));
    }),

  'qa-incident-step': (input, ctx) =>
    writeTransaction(ctx.db, (tx) => {
      const a = actor(tx, ctx);
      recordStep(tx, a, input);
      return incidentView(tx, a.storeId, input.incidentId);
    }),

  'qa-incident-resolve': (input, ctx) =>
    writeTransaction(ctx.db, (tx) => {
      const a = actor(tx, ctx);
      resolveIncident(tx, a, input.incidentId, input);
      return incidentView(tx, a.storeId, input.incidentId);
    }),

  'qa-incident-get': (input, ctx) => incidentView(ctx.db, storeIdOfTerminal(ctx.db, ctx.terminalId), input.incidentId),

  'qa-incidents': (input, ctx) => ({ items: listIncidents(ctx.db, storeIdOfTerminal(ctx.db, ctx.terminalId), input.status) }),

  'qa-incident-photo-attach': (input, ctx) => {
    // Decoded before the transaction: the write lock is held only for the insert.
    const bytes = Buffer.from(input.base64, 'base64');
    return writeTransaction(ctx.db, (tx) => {
      const a = actor(tx, ctx);
      attachIncidentPhoto(tx, a, { incidentId: input.incidentId, bytes });
      return incidentView(tx, a.storeId, input.incidentId);
    });
  },

  'qa-incident-photo-remove': (input, ctx) =>
    writeTransaction(ctx.db, (tx) => {
      const a = actor(tx, ctx);
      return incidentView(tx, a.storeId, removeIncidentPhoto(tx, a, input));
    }),

  'qa-incident-photo': (input, ctx) => incidentPhoto(ctx.db, storeIdOfTerminal(ctx.db, ctx.terminalId), input.photoId),

  'qa-hold-place': (input, ctx) => writeTransaction(ctx.db, (tx) => placeHold(tx, { ...actor(tx, ctx), ...input, incidentId: input.incidentId ?? null })),

  'qa-hold-release': (input, ctx) =>
    writeTransaction(ctx.db, (tx) => {
      const a = actor(tx, ctx);
      releaseHold(tx, { ...a, holdId: input.holdId, note: input.note });
      return { holdId: input.holdId };
    }),

  'qa-batch-view': (input, ctx) => batchView(ctx.db, ctx.piiKeys, storeIdOfTerminal(ctx.db, ctx.terminalId), input.batch),

  'qa-trend': (input, ctx) => {
    const storeId = storeIdOfTerminal(ctx.db, ctx.terminalId);
    const zone = ctx.db.select({ timeZone: stores.timeZone }).from(stores).where(eq(stores.id, storeId)).get()?.timeZone ?? 'UTC';
    if (input.to < input.from) throw new AppError('PERIOD_INVALID', `The period ends (${input.to}) before it starts (${input.from}).`);
    return { items: incidentTrend(ctx.db, storeId, dayWindow(input.from, zone).start, dayWindow(input.to, zone).end) };
  },
};
