import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../../src/main/core/create-core';
import { medicalRegistrationLookup, openMedicalRegistration } from '../../../../src/main/features/customers/pii';
import { signIn } from '../../../support/session';
import { openTempDatabase, testPiiKeys, type TempDatabase } from '../../../support/temp-db';

let database: TempDatabase;
let core: Core;
beforeEach(async () => {
  database = openTempDatabase({ demo: true });
  core = createCore({ piiKeys: testPiiKeys, database });
  await signIn(core);
});
afterEach(() => database.dispose());

describe('customer PII at rest', () => {
  it('stores medical registration numbers encrypted: unreadable in the raw database file', async () => {
    const created = await core.send('customer-create', {
      customerType: 'medical',
      firstName: 'Rowan',
      lastName: 'Ellis',
      dateOfBirth: '1970-05-05',
      medicalRegistration: 'CA-MMIC-5551234',
      medicalExpiry: '2027-05-05',
    });
    expect(created.ok).toBe(true);
    database.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const raw = readFileSync(database.path).toString('latin1');
    for (const secret of ['CA-MMIC-5551234', 'CA-MMIC-2207841', 'CA-MMIC-1993320']) expect(raw).not.toContain(secret);
    // Names and birth dates too (issue #16, finding 6): the demo customers' and this one's.
    for (const secret of ['Rowan', 'Ellis', '1970-05-05', 'Rivera', 'Jordan', '1990-04-12', 'Medina']) expect(raw).not.toContain(secret);
    const customerId = created.ok ? created.value.customerId : '';
    const row = database.sqlite
      .prepare('SELECT medical_registration AS sealed, medical_registration_lookup AS lookup FROM customers WHERE id = ?')
      .get(customerId) as { sealed: string; lookup: string };
    expect(row.sealed).toMatch(/^v1:/);
    expect(openMedicalRegistration(testPiiKeys, row.sealed)).toBe('CA-MMIC-5551234');
    // Found again by keyed hash, typed with different spacing and case.
    expect(row.lookup).toBe(medicalRegistrationLookup(testPiiKeys, ' ca-mmic 5551234 '));
  });
});
