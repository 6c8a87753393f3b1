import { and, eq, inArray, or } from 'drizzle-orm';
import { AppError } from '../../../shared/errors';
import type { StoreLinkState } from '../../../shared/contract/store-link';
import type { Handlers, HandlerContext } from '../../core/handler';
import { signedIn } from '../../core/signed-in';
import { appendAudit } from '../../platform/audit/log';
import { outbox } from '../../platform/db/schema';
import { writeTransaction } from '../../platform/db/transaction';
import { STORE_LANE, TRACEABILITY_LANE } from '../sync/lanes';
import { forgetStoreLink, saveStoreLink, storeLinkView } from './link-settings';
import { pairWithStoreServer } from './store-client';
import { queueEarlierSalesForStore, queueRosterForStore } from './store-commands';
import { queueCustomersForStore } from './store-customers';
import { longestLookbackDays } from '../../../shared/domain/compliance/rule-packs';

/** Pairing on the Sync screen, and the mode the counter shows. */
export const storeLinkHandlers: Handlers<'store-link-get' | 'store-link-pair' | 'store-link-unpair'> = {
  'store-link-get': (_input, ctx) => linkState(ctx),

  'store-link-pair': async (input, ctx) => {
    const staffId = signedIn(ctx);
    // Network first, then one transaction: a failed pairing writes nothing.
    const link = await pairWithStoreServer(input.address, input.code, input.name);
    const now = ctx.now();
    writeTransaction(ctx.db, (tx) => {
      saveStoreLink(tx, ctx.piiKeys, link, now);
      // What this register sold in the limits' lookback goes to the store server too (once; keyed like any sale).
      const handedOver = queueEarlierSalesForStore(tx, now, longestLookbackDays());
      // Its staff join the store's roster, so they sign in at every register.
      const roster = queueRosterForStore(tx, now);
      // Its customers, their points and their credit become the store's, known at every register.
      const customers = queueCustomersForStore(tx, now);
      appendAudit(tx, {
        at: now,
        staffId,
        terminalId: ctx.terminalId,
        action: 'store-link.pair',
        entityType: 'store_link',
        entityId: link.terminalId,
        after: {
          url: link.url,
          fingerprint: link.fingerprint,
          name: input.name,
          earlierSalesQueued: handedOver.queued,
          staffQueued: roster.queued,
          customersQueued: customers,
        },
      });
    });
    ctx.storeLink.relink();
    await ctx.sync.reconfigure();
    return linkState(ctx);
  },

  'store-link-unpair': async (_input, ctx) => {
    const staffId = signedIn(ctx);
    const now = ctx.now();
    writeTransaction(ctx.db, (tx) => {
      // The state lane too: an item handed over with its answer lost, then sent by this register alone, could reach Metrc twice.
      const waiting = tx
        .select({ id: outbox.id })
        .from(outbox)
        .where(
          or(
            and(eq(outbox.destination, STORE_LANE), inArray(outbox.status, ['pending', 'in_flight', 'dead'])),
            and(eq(outbox.destination, TRACEABILITY_LANE), inArray(outbox.status, ['pending', 'in_flight'])),
          ),
        )
        .all().length;
      if (waiting > 0)
        throw new AppError('STORE_LINK_BUSY', `${waiting} sale(s) have not reached the store server yet: reconnect and let them go before unpairing.`);
      forgetStoreLink(tx);
      appendAudit(tx, { at: now, staffId, terminalId: ctx.terminalId, action: 'store-link.unpair', entityType: 'store_link', entityId: ctx.terminalId });
    });
    ctx.storeLink.relink();
    await ctx.sync.reconfigure();
    return linkState(ctx);
  },
};

function linkState(ctx: HandlerContext): StoreLinkState {
  const state = ctx.storeLink.state();
  const view = storeLinkView(ctx.db);
  const pending = ctx.db
    .select({ id: outbox.id })
    .from(outbox)
    .where(and(eq(outbox.destination, STORE_LANE), inArray(outbox.status, ['pending', 'in_flight'])))
    .all().length;
  return {
    mode: state.mode,
    url: view?.url ?? null,
    fingerprint: view?.fingerprint ?? null,
    pairedAt: view?.pairedAt ?? null,
    lastContactAt: view?.lastContactAt ?? null,
    configVersion: state.configVersion,
    designated: state.designated,
    isolation: state.isolation,
    pending,
  };
}
