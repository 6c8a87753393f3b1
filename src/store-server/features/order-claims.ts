import { and, eq } from 'drizzle-orm';
import type { OrderClaimRequest } from '../../shared/contract/store-server';
import { storeLocal } from '../../shared/domain/store-calendar';
import { AppError } from '../../shared/errors';
import { orderClaims } from '../db/schema';
import type { StoreDb } from '../db/open';
import { readStoreSettings } from './store-settings';
import type { Terminal } from './terminals';

/**
 * One register takes an online order (issue #21): the first claim wins, in
 * one statement (insert, or nothing when it is there), so two registers
 * accepting at the same moment are decided by PostgreSQL. The register that
 * holds the claim may claim again (a retry, or rejecting an order it
 * accepted); any other is refused, told which register took it and when.
 */
export async function claimOrder(db: StoreDb, terminal: Terminal, request: OrderClaimRequest, now: Date): Promise<{ claimed: true; claimedAt: string }> {
  await db
    .insert(orderClaims)
    .values({
      connectionId: request.connectionId,
      orderId: request.orderId,
      terminalId: terminal.id,
      terminalName: terminal.name,
      action: request.action,
      claimedAt: now,
    })
    .onConflictDoNothing();
  const where = and(eq(orderClaims.connectionId, request.connectionId), eq(orderClaims.orderId, request.orderId));
  const [claim] = await db.select().from(orderClaims).where(where);
  // Claims are never deleted: gone between the two statements means the database is not answering as it should (503).
  if (claim === undefined) throw new Error('the order claim just written cannot be read back');
  if (claim.terminalId !== terminal.id) {
    const { timeZone } = (await readStoreSettings(db)).identity;
    const at = storeLocal(claim.claimedAt, timeZone).toFormat('HH:mm');
    throw new AppError('ORDER_TAKEN_ELSEWHERE', `${claim.terminalName} ${claim.action === 'accept' ? 'accepted' : 'rejected'} this order at ${at}.`, {
      terminalId: claim.terminalId,
      terminalName: claim.terminalName,
      claimedAt: claim.claimedAt.toISOString(),
    });
  }
  if (claim.action !== request.action) {
    await db.update(orderClaims).set({ action: request.action }).where(where);
  }
  return { claimed: true, claimedAt: claim.claimedAt.toISOString() };
}
