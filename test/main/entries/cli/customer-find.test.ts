import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { withDatabase } from '../../../../src/main/entries/cli/args';
import { runCli } from '../../../../src/main/entries/cli/index';
import { supportKeySource } from '../../../../src/main/entries/cli/key-option';
import { writeContactDetails } from '../../../../src/main/features/customer-profile/contact-details';
import { insertCustomer } from '../../../../src/main/features/customers/customer-records';
import { DEMO_STORE_ID } from '../../../../src/main/features/demo/seed';
import { writeTransaction } from '../../../../src/main/platform/db/transaction';
import { derivePiiKeys } from '../../../../src/main/platform/security/pii-crypto';
import { captureIo } from '../../../support/cli';
import { keyedDemoFile, tempDir } from '../../../support/temp-db';

const dir = tempDir();
afterEach(() => dir.cleanup());

describe('npm run cli -- customer-find', () => {
  it('finds a customer by phone or email with the support key, printing ids and no names; refuses a malformed number', async () => {
    const db = await keyedDemoFile(join(dir.path));
    const keys = derivePiiKeys(await supportKeySource(db).getMasterKey());
    await withDatabase(db, (database) =>
      writeTransaction(database.db, (tx) => {
        insertCustomer(tx, keys, {
          id: 'cust-rosa',
          storeId: DEMO_STORE_ID,
          customerType: 'adult',
          firstName: 'Rosa',
          lastName: 'Parkes',
          dateOfBirth: '1980-02-03',
          createdAt: new Date('2026-11-24T18:00:00Z'),
        });
        writeContactDetails(tx, keys, 'cust-rosa', { phone: '212-555-0142', email: 'rosa@example.com' });
      }),
    );
    for (const contact of ['+1 212 555 0142', 'ROSA@example.com']) {
      const io = captureIo();
      expect(await runCli(['customer-find', '--db', db, '--contact', contact], io)).toBe(0);
      expect(JSON.parse(io.out())).toEqual({
        items: [{ customerId: 'cust-rosa', customerType: 'adult', createdAt: '2026-11-24T18:00:00.000Z', hasPhone: true, hasEmail: true }],
      });
      expect(io.out()).not.toContain('Rosa');
    }
    const bad = captureIo();
    expect(await runCli(['customer-find', '--db', db, '--contact', '555-0142'], bad)).toBe(1);
    expect(JSON.parse(bad.out())).toMatchObject({ error: { code: 'CUSTOMER_PHONE_INVALID' } });
  });
});
