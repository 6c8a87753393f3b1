import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { AppError } from '../../../shared/errors';
import { appendAudit } from '../../platform/audit/log';
import { settings, staff, stores, terminals } from '../../platform/db/schema';
import type { RegisterDb } from '../../platform/db/open';
import { writeTransaction } from '../../platform/db/transaction';
import { hashPin } from '../../../staff-pin/pin';
import { THIS_TERMINAL_KEY } from './terminal';

/** True when the database has no store yet (first start). */
export function isBlank(db: RegisterDb): boolean {
  return (
    (db
      .select({ n: sql<number>`count(*)` })
      .from(stores)
      .get()?.n ?? 0) === 0
  );
}

export interface FirstRunInput {
  readonly storeName: string;
  readonly licenseNumber: string;
  /** Two-letter state code whose rules apply. */
  readonly state: string;
  readonly timeZone: string;
  readonly address: string;
  readonly terminalName: string;
  readonly saleNumberPrefix: string;
  readonly adminName: string;
  readonly adminPin: string;
  readonly now: Date;
}

/**
 * First run of a real store: the store, this terminal and its first admin
 * (who then adds the staff). Refused on a database that already has a
 * store, so it can never overwrite one.
 */
export async function setUpStore(db: RegisterDb, input: FirstRunInput): Promise<{ storeId: string; terminalId: string; adminId: string }> {
  if (!/^[A-Z]{2}$/.test(input.state)) throw new AppError('STATE_INVALID', 'Give the two-letter state code, e.g. CA.');
  if (!DateTime.now().setZone(input.timeZone).isValid)
    throw new AppError('TIME_ZONE_INVALID', `"${input.timeZone}" is not an IANA time zone (e.g. America/Los_Angeles).`);
  if (!/^[A-Z0-9]{1,6}$/.test(input.saleNumberPrefix)) throw new AppError('PREFIX_INVALID', 'The sale number prefix is 1–6 capital letters or digits.');
  for (const [field, value] of [
    ['store name', input.storeName],
    ['licence number', input.licenseNumber],
    ['address', input.address],
    ['terminal name', input.terminalName],
    ['admin name', input.adminName],
  ] as const) {
    if (value.trim() === '') throw new AppError('FIELD_REQUIRED', `The ${field} is required.`);
  }
  const pinHash = await hashPin(input.adminPin); // refuses weak PINs with a clear message
  return writeTransaction(db, (tx) => {
    if (!isBlank(db)) throw new AppError('ALREADY_SET_UP', 'This database already has a store: first-run set-up can only run once.');
    const storeId = randomUUID();
    const terminalId = randomUUID();
    const adminId = randomUUID();
    tx.insert(stores)
      .values({
        id: storeId,
        name: input.storeName.trim(),
        licenseNumber: input.licenseNumber.trim(),
        state: input.state,
        timeZone: input.timeZone,
        address: input.address.trim(),
        createdAt: input.now,
      })
      .run();
    tx.insert(terminals).values({ id: terminalId, storeId, name: input.terminalName.trim(), saleNumberPrefix: input.saleNumberPrefix }).run();
    tx.insert(staff).values({ id: adminId, storeId, displayName: input.adminName.trim(), role: 'admin', pinHash, createdAt: input.now }).run();
    tx.insert(settings).values({ key: THIS_TERMINAL_KEY, value: terminalId, updatedAt: input.now }).run();
    appendAudit(tx, {
      at: input.now,
      staffId: adminId,
      terminalId,
      action: 'store.set-up',
      entityType: 'store',
      entityId: storeId,
      after: { state: input.state, timeZone: input.timeZone, admin: adminId },
    });
    return { storeId, terminalId, adminId };
  });
}
