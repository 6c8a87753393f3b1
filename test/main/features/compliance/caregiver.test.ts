import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../../src/main/core/create-core';
import { priorPurchases } from '../../../../src/main/features/compliance/purchase-history';
import { demoUpc } from '../../../../src/main/features/demo/seed';
import { openDrawer } from '../../../../src/main/features/cash-drawer/session';
import { startFakeMetrc } from '../../../support/fake-metrc';
import { testMetrcCredentials, testMetrcDispatcher } from '../../../support/metrc-lane';
import { checkInSaved } from '../../../support/check-in';
import { signIn } from '../../../support/session';
import { openTempDatabase, testPiiKeys, type TempDatabase } from '../../../support/temp-db';

let database: TempDatabase;
let core: Core;
beforeEach(async () => {
  database = openTempDatabase({ demo: true });
  core = createCore({ piiKeys: testPiiKeys, database });
  await signIn(core, 'manager');
  openDrawer(database.db, { terminalId: core.terminalId, staffId: 'staff-demo-manager', count: { '2000': 10 }, now: new Date() });
});
afterEach(() => database.dispose());

const caregiver = (patientId: string | undefined) =>
  core.send('customer-create', {
    customerType: 'caregiver',
    firstName: 'Robin',
    lastName: 'Hale',
    dateOfBirth: '1970-03-03',
    medicalRegistration: 'CA-CG-5550199',
    medicalExpiry: '2027-12-31',
    ...(patientId === undefined ? {} : { caregiverFor: patientId }),
  });

async function saleFor(customerId: string, registration?: string) {
  const cart = await core.send('cart-open', {});
  if (!cart.ok) throw new Error(cart.error.message);
  const checkIn = await checkInSaved(core, database, cart.value.cartId, customerId, registration === undefined ? {} : { registration });
  if (checkIn.outcome !== 'accepted') return { ok: false as const, refusal: checkIn.refusal };
  await core.send('cart-scan', { cartId: cart.value.cartId, code: demoUpc(0) });
  return core.send('sale-complete', { cartId: cart.value.cartId, tenders: [{ tender: 'cash', tenderedCents: 10_000 }] });
}

describe('caregivers', () => {
  it('must name a registered medical patient', async () => {
    expect(await caregiver(undefined)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await caregiver('customer-demo-adult')).toMatchObject({ ok: false, error: { code: 'CAREGIVER_PATIENT_UNKNOWN' } });
  });

  it('buys within the patient’s limits: each one’s purchases count for the other', async () => {
    const created = await caregiver('customer-demo-medical');
    if (!created.ok) throw new Error(created.error.message);
    const since = new Date(Date.now() - 60_000);
    expect((await saleFor('customer-demo-medical')).ok).toBe(true);
    expect(priorPurchases(database.db, created.value.customerId, since)).toHaveLength(1);
    expect((await saleFor(created.value.customerId, 'CA-CG-5550199')).ok).toBe(true);
    expect(priorPurchases(database.db, 'customer-demo-medical', since)).toHaveLength(2);
  });

  it('is refused when the patient’s card expired, even with a valid caregiver card', async () => {
    const created = await caregiver('customer-demo-medical-expired');
    if (!created.ok) throw new Error(created.error.message);
    expect(await saleFor(created.value.customerId, 'CA-CG-5550199')).toMatchObject({
      ok: false,
      refusal: { code: 'MEDICAL_EXPIRED', message: expect.stringContaining('renew through the state portal') },
    });
  });

  it('reaches Metrc as a Caregiver receipt carrying both registration numbers', async () => {
    const created = await caregiver('customer-demo-medical');
    if (!created.ok) throw new Error(created.error.message);
    const sale = await saleFor(created.value.customerId, 'CA-CG-5550199');
    expect(sale.ok).toBe(true);
    const metrc = await startFakeMetrc(testMetrcCredentials);
    try {
      expect(await testMetrcDispatcher(database.db, metrc.url).drain('metrc', 10_000)).toMatchObject({ pending: 0, deadLettered: 0 });
      expect(metrc.receipts()[0]).toMatchObject({
        SalesCustomerType: 'Caregiver',
        PatientLicenseNumber: 'CA-MMIC-2207841',
        CaregiverLicenseNumber: 'CA-CG-5550199',
      });
    } finally {
      await metrc.close();
    }
  });
});
