import {
  pairingCodeResponseSchema,
  retireTerminalResponseSchema,
  storeTerminalsResponseSchema,
  type StoreTerminal,
} from '../../../shared/contract/store-server';
import type { StoreRegisterView } from '../../../shared/contract/store-link';
import { AppError } from '../../../shared/errors';
import type { HandlerContext, Handlers } from '../../core/handler';
import { signedIn } from '../../core/signed-in';
import { appendAudit } from '../../platform/audit/log';
import { writeTransaction } from '../../platform/db/transaction';
import type { StoreClient } from './store-client';

/**
 * The store's registers, managed from a register already paired with the
 * store server (issue #20: the pairing code "on the CLI and a screen"). The
 * register decides who may make them, by the command's permission (an
 * admin, as for pairing this register); making a code or retiring a
 * register also carries that admin's PIN, which the store server checks
 * against its roster (a stolen register's credential alone makes nothing).
 * Each change is audited here under the admin who made it. The network call comes first and the audit entry after it:
 * a refused or unreachable call writes nothing.
 */

// Retiring ends the other register's read stream at the server (its slot and role too), which can take a few seconds.
const RETIRE_TIMEOUT_MS = 10_000;

export const storeRegisterHandlers: Handlers<'store-registers-list' | 'store-pairing-code-create' | 'store-register-retire'> = {
  'store-registers-list': async (_input, ctx) => {
    const client = pairedClient(ctx);
    const { terminals } = await client.call('GET', '/v1/terminals', undefined, storeTerminalsResponseSchema);
    return { registers: terminals.map((t) => registerView(client, t)) };
  },

  'store-pairing-code-create': async (input, ctx) => {
    const staffId = signedIn(ctx);
    const client = pairedClient(ctx);
    const made = await client.call('POST', '/v1/terminals/pairing-code', { admin: { staffId, pin: input.pin } }, pairingCodeResponseSchema);
    const now = ctx.now();
    writeTransaction(ctx.db, (tx) => {
      // Not the code itself: anyone reading the audit log within its 15 minutes could pair a machine with it.
      appendAudit(tx, {
        at: now,
        staffId,
        terminalId: ctx.terminalId,
        action: 'store-link.pairing-code',
        entityType: 'store_link',
        entityId: client.link.terminalId,
        after: { expiresAt: made.expiresAt },
      });
    });
    return made;
  },

  'store-register-retire': async (input, ctx) => {
    const staffId = signedIn(ctx);
    const client = pairedClient(ctx);
    const { retired } = await client.call(
      'POST',
      '/v1/terminals/retire',
      { terminalId: input.terminalId, admin: { staffId, pin: input.pin } },
      retireTerminalResponseSchema,
      RETIRE_TIMEOUT_MS,
    );
    const now = ctx.now();
    writeTransaction(ctx.db, (tx) => {
      appendAudit(tx, {
        at: now,
        staffId,
        terminalId: ctx.terminalId,
        action: 'store-link.retire',
        entityType: 'store_terminal',
        entityId: retired.id,
        before: { name: retired.name, pairedAt: retired.pairedAt, lastSeenAt: retired.lastSeenAt },
        after: { retiredAt: retired.retiredAt },
      });
    });
    return { retired: registerView(client, retired) };
  },
};

/** The link to the store server, or a refusal in words: these calls mean nothing on a register alone. */
function pairedClient(ctx: HandlerContext): StoreClient {
  const client = ctx.storeLink.client();
  if (client === null)
    throw new AppError(
      'STORE_LINK_NOT_PAIRED',
      'This register is not paired with a store server: pair it first (Store server, on this screen), or make the code on the store server with store-pairing-code.',
    );
  return client;
}

function registerView(client: StoreClient, t: StoreTerminal): StoreRegisterView {
  return { ...t, thisRegister: t.id === client.link.terminalId };
}
