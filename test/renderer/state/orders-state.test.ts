import { beforeEach, describe, expect, it } from 'vitest';
import { create } from 'zustand';
import type { Send } from '../../../src/renderer/reconnecting-send';
import { ordersState, type OrdersState } from '../../../src/renderer/state/orders-state';
import type { Result } from '../../../src/shared/errors';

/**
 * The order queue's state at the counter: a refusal shown to the budtender
 * (a wrong package scanned while picking) stays until they act again. The
 * core pushes "orders-changed" within half a second of any change (and the
 * relay pull changes the queue's version every 15 s), and the screen reloads
 * the queue then; that background reload must not wipe the refusal before
 * anyone has read it (it did: CI saw the wrong-tag message vanish on a slow
 * machine).
 */
const answers: Result<unknown>[] = [];
const scripted = (async () => {
  const next = answers.shift();
  if (next === undefined) throw new Error('No scripted answer left');
  return next;
}) as Send;
const useOrders = create<OrdersState>(ordersState(scripted));

const QUEUE = { orders: [], relay: null, lastPulledAt: null, lastError: null } as unknown;
const WRONG_TAG = { code: 'ORDER_PICK_WRONG_PRODUCT', message: 'Wrong package: …000003 is Blue Dream 7g, which this order does not have.' };

describe('the order queue state', () => {
  beforeEach(() => {
    answers.length = 0;
    useOrders.setState({ queue: null, error: null, message: null });
  });

  it('keeps a refusal shown through a background reload of the queue', async () => {
    answers.push({ ok: false, error: WRONG_TAG }, { ok: true, value: QUEUE });
    expect(await useOrders.getState().pick('order-1', '1A4000000000000000000003')).toBe(false);
    await useOrders.getState().load();
    expect(useOrders.getState().error).toEqual(WRONG_TAG);
    expect(useOrders.getState().queue).toBe(QUEUE);
  });

  it('clears the refusal when the budtender acts again and it works', async () => {
    answers.push({ ok: false, error: WRONG_TAG }, { ok: true, value: QUEUE });
    await useOrders.getState().pick('order-1', '1A4000000000000000000003');
    expect(await useOrders.getState().pick('order-1', '1a4000000000000000000001')).toBe(true);
    expect(useOrders.getState().error).toBeNull();
    expect(useOrders.getState().message).toBe('Picked 1A4000000000000000000001.');
  });

  it('shows a background reload that fails, and keeps a message the budtender was given', async () => {
    answers.push({ ok: true, value: QUEUE }, { ok: false, error: { code: 'CORE_UNAVAILABLE', message: 'The register is reconnecting.' } });
    await useOrders.getState().ready('order-1');
    await useOrders.getState().load();
    expect(useOrders.getState().error?.code).toBe('CORE_UNAVAILABLE');
    expect(useOrders.getState().message).toBe('Order ready for pickup.');
  });
});
