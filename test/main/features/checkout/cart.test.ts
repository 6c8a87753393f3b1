import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../../src/main/core/create-core';
import { demoPackageTag, demoUpc } from '../../../../src/main/features/demo/seed';
import type { CartView } from '../../../../src/shared/contract/cart';
import { signIn } from '../../../support/session';
import { openTempDatabase, type TempDatabase, testPiiKeys } from '../../../support/temp-db';
import { value } from '../../../support/result';

let database: TempDatabase;
let core: Core;
beforeEach(async () => {
  database = openTempDatabase({ demo: true });
  core = createCore({ piiKeys: testPiiKeys, database, now: () => new Date('2026-11-24T18:00:00Z') });
  await signIn(core);
});
afterEach(() => database.dispose());

const newCart = async (): Promise<CartView> => value(await core.send('cart-open', {}));
const scan = (cartId: string, code: string, extra: { quantity?: number; weightMg?: number } = {}) => core.send('cart-scan', { cartId, code, ...extra });
const sql = (text: string, ...params: unknown[]) => database.sqlite.prepare(text).run(...params);

// Demo product 1 (Blue Dream 3.5g) has packages 1 (2026-08-01, 24 units) and 2 (2026-10-01, 6 units).
const BLUE_DREAM_UPC = demoUpc(0);
const OLDER = demoPackageTag(1);
const NEWER = demoPackageTag(2);

describe('scan to cart', () => {
  it('resolves a UPC to the oldest sellable package (FIFO) and adds repeat scans to the same line', async () => {
    const cart = await newCart();
    value(await scan(cart.cartId, BLUE_DREAM_UPC));
    const view = value(await scan(cart.cartId, BLUE_DREAM_UPC));
    expect(view.lines).toHaveLength(1);
    expect(view.lines[0]).toMatchObject({ packageTag: OLDER, quantity: 2, name: 'Blue Dream 3.5g', unitPriceCents: 3500 });
  });

  it('skips on-hold, recalled, untested and empty packages when picking by UPC', async () => {
    for (const change of ["status = 'on_hold'", "status = 'recalled'", "lab_testing_state = 'TestFailed'", 'quantity_on_hand = 0']) {
      sql(`UPDATE packages SET ${change} WHERE tag = ?`, OLDER);
      const cart = await newCart();
      expect(value(await scan(cart.cartId, BLUE_DREAM_UPC)).lines[0]?.packageTag).toBe(NEWER);
      sql("UPDATE packages SET status = 'active', lab_testing_state = 'TestPassed', quantity_on_hand = 24 WHERE tag = ?", OLDER);
      value(await core.send('cart-park', { cartId: cart.cartId, label: 'x' }));
      sql("UPDATE carts SET status = 'abandoned' WHERE id = ?", cart.cartId);
    }
  });

  it('moves to the next package when the oldest is fully held by another cart', async () => {
    const first = await newCart();
    value(await scan(first.cartId, BLUE_DREAM_UPC, { quantity: 24 }));
    const second = await newCart();
    expect(value(await scan(second.cartId, BLUE_DREAM_UPC)).lines[0]?.packageTag).toBe(NEWER);
  });

  it('takes a tag as that exact package', async () => {
    const cart = await newCart();
    expect(value(await scan(cart.cartId, NEWER)).lines[0]?.packageTag).toBe(NEWER);
  });

  it.each([
    ['an unknown tag', '1A4FFFFFFFFFFFFFFFFFFFFF', 'PACKAGE_NOT_IN_STORE', "Tag 1A4…FFFFFF is not in this store's inventory."],
    ['a wrong check digit', '850000010001', 'UPC_CHECK_DIGIT', 'UPC check digit is wrong — rescan.'],
    ['an unknown UPC', '036000291452', 'UPC_UNKNOWN', 'No product in this store has UPC 036000291452 — check the label or type the SKU.'],
    ['an unknown SKU', 'NOPE-1', 'SKU_UNKNOWN', 'No product in this store has SKU "NOPE-1" — check the code or search by name.'],
  ])('explains %s', async (_label, code, errorCode, message) => {
    const cart = await newCart();
    expect(await scan(cart.cartId, code)).toMatchObject({ ok: false, error: { code: errorCode, message } });
    expect(value(await core.send('cart-get', { cartId: cart.cartId })).lines).toEqual([]);
  });

  it.each([
    ["status = 'on_hold'", 'PACKAGE_ON_HOLD'],
    ["status = 'recalled'", 'PACKAGE_RECALLED'],
    ["status = 'finished'", 'PACKAGE_EMPTY'],
    ["lab_testing_state = 'SubmittedForTesting'", 'PACKAGE_UNTESTED'],
  ])('refuses a tag whose package has %s', async (change, code) => {
    sql(`UPDATE packages SET ${change} WHERE tag = ?`, NEWER);
    const cart = await newCart();
    expect(await scan(cart.cartId, NEWER)).toMatchObject({ ok: false, error: { code } });
  });

  it('asks for a weight for goods sold by weight and takes it in milligrams', async () => {
    const cart = await newCart();
    expect(await scan(cart.cartId, 'GT-0011')).toMatchObject({ ok: false, error: { code: 'WEIGHT_REQUIRED' } });
    const view = value(await scan(cart.cartId, 'GT-0011', { weightMg: 3_543 }));
    expect(view.lines[0]).toMatchObject({ sellingMode: 'weight', quantity: 3_543, unitPriceCents: 900 });
  });
});

describe('cart', () => {
  it('never lets a quantity exceed what the package holds, counting other carts', async () => {
    const other = await newCart();
    value(await scan(other.cartId, NEWER, { quantity: 4 }));
    const cart = await newCart();
    const view = value(await scan(cart.cartId, NEWER));
    const lineId = view.lines[0]?.lineId ?? '';
    expect(await core.send('cart-set-quantity', { cartId: cart.cartId, lineId, quantity: 3 })).toMatchObject({
      ok: false,
      error: { code: 'NOT_ENOUGH_STOCK' },
    });
    expect(value(await core.send('cart-set-quantity', { cartId: cart.cartId, lineId, quantity: 2 })).lines[0]?.quantity).toBe(2);
    expect(await scan(cart.cartId, NEWER)).toMatchObject({ ok: false, error: { code: 'NOT_ENOUGH_STOCK' } });
  });

  it('parks with holds kept, lists, resumes, and refuses changes while parked', async () => {
    const cart = await newCart();
    value(await scan(cart.cartId, NEWER, { quantity: 6 }));
    value(await core.send('cart-park', { cartId: cart.cartId, label: 'Jordan, back in 5' }));
    expect(await scan(cart.cartId, BLUE_DREAM_UPC)).toMatchObject({ ok: false, error: { code: 'CART_PARKED' } });
    const other = await newCart();
    expect(await scan(other.cartId, NEWER)).toMatchObject({ ok: false, error: { code: 'NOT_ENOUGH_STOCK' } });
    expect(value(await core.send('cart-list-parked', {})).items).toEqual([
      { cartId: cart.cartId, label: 'Jordan, back in 5', lines: 1, updatedAt: '2026-11-24T18:00:00.000Z' },
    ]);
    expect(value(await core.send('cart-resume', { cartId: cart.cartId })).status).toBe('open');
    expect(value(await core.send('cart-list-parked', {})).items).toEqual([]);
  });

  it('removes a line and attaches a customer with their type', async () => {
    const cart = await newCart();
    const view = value(await scan(cart.cartId, NEWER));
    expect(value(await core.send('cart-remove-line', { cartId: cart.cartId, lineId: view.lines[0]?.lineId ?? '' })).lines).toEqual([]);
    const attached = value(await core.send('cart-attach-customer', { cartId: cart.cartId, customerId: 'customer-demo-medical' }));
    expect(attached).toMatchObject({ customerId: 'customer-demo-medical', customerType: 'medical' });
    expect(await core.send('cart-attach-customer', { cartId: cart.cartId, customerId: 'nobody' })).toMatchObject({
      ok: false,
      error: { code: 'CUSTOMER_NOT_FOUND' },
    });
  });
});
