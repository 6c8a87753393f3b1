import { randomUUID } from 'node:crypto';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { appendAudit } from '../../platform/audit/log';
import { businessDay } from '../../../shared/domain/store-calendar';
import { openMedicalRegistration } from '../customers/pii';
import { patientIdFor } from '../customers/patient';
import type { RegisterDb } from '../../platform/db/open';
import { complianceFlags, customers, sales, stores } from '../../platform/db/schema';
import { writeTransaction } from '../../platform/db/transaction';
import type { PiiKeys } from '../../platform/security/pii-crypto';
import type { SyncMonitor } from '../sync/monitor';
import { patientStatusRequired } from '../../../shared/domain/compliance/state-verification';

export const OFFLINE_EXCEPTION = 'offline_exception';

export interface ReverifyResult {
  readonly checked: number;
  readonly exceptions: number;
  /** Still waiting: the state could not be asked. */
  readonly waiting: number;
}

interface Problem {
  readonly problem: 'registration_expired' | 'patient_inactive' | 'over_state_allotment';
  readonly message: string;
}

/**
 * After reconnecting: every sale made offline is checked again against the
 * state (the patient's standing and allotment where the state holds them,
 * the registration's validity on the sale's day). Anything that would have
 * failed goes to the compliance officer's review queue as an offline
 * exception; the sale is marked re-verified either way.
 */
export async function reverifyOfflineSales(db: RegisterDb, keys: PiiKeys, sync: SyncMonitor, now: Date, batch = 50): Promise<ReverifyResult> {
  const pending = db
    .select({
      id: sales.id,
      saleNumber: sales.saleNumber,
      storeId: sales.storeId,
      customerId: sales.customerId,
      customerType: sales.customerType,
      completedAt: sales.completedAt,
      state: stores.state,
      timeZone: stores.timeZone,
    })
    .from(sales)
    .innerJoin(stores, eq(stores.id, sales.storeId))
    .where(and(eq(sales.madeOffline, true), isNull(sales.reverifiedAt)))
    .orderBy(asc(sales.completedAt))
    .limit(batch)
    .all();
  let checked = 0;
  let exceptions = 0;
  for (const sale of pending) {
    const day = businessDay(sale.completedAt, sale.timeZone);
    const outcome = await problemsOf(db, keys, sync, sale, day);
    if (outcome === 'offline') return { checked, exceptions, waiting: pending.length - checked };
    const found = outcome.filter((p, i) => outcome.findIndex((q) => q.problem === p.problem) === i);
    const rule = patientStatusRequired(sale.state);
    writeTransaction(db, (tx) => {
      for (const p of found) {
        tx.insert(complianceFlags)
          .values({
            id: randomUUID(),
            storeId: sale.storeId,
            kind: OFFLINE_EXCEPTION,
            customerId: sale.customerId,
            saleId: sale.id,
            businessDay: day,
            details: { saleNumber: sale.saleNumber, ...p },
            citation: rule?.citation ?? 'State medical program: registration valid on the day of sale',
            createdAt: now,
          })
          .run();
      }
      tx.update(sales).set({ reverifiedAt: now }).where(eq(sales.id, sale.id)).run();
      appendAudit(tx, {
        at: now,
        staffId: null,
        terminalId: null,
        action: 'sale.reverify',
        entityType: 'sale',
        entityId: sale.id,
        after: { problems: found.map((p) => p.problem) },
      });
    });
    checked += 1;
    exceptions += found.length;
  }
  return { checked, exceptions, waiting: 0 };
}

async function problemsOf(
  db: RegisterDb,
  keys: PiiKeys,
  sync: SyncMonitor,
  sale: { customerId: string | null; customerType: string; state: string },
  day: string,
): Promise<Problem[] | 'offline'> {
  if (sale.customerId === null || sale.customerType === 'adult') return [];
  const card = (id: string | null) =>
    id === null
      ? undefined
      : db.select({ sealed: customers.medicalRegistration, expiry: customers.medicalExpiry }).from(customers).where(eq(customers.id, id)).get();
  // A caregiver's sale stands on both cards, and the state is asked about the patient, as at the counter.
  const patientId = patientIdFor(db, sale.customerId);
  const patient = card(patientId);
  const problems: Problem[] = [];
  for (const held of patientId === sale.customerId ? [patient] : [card(sale.customerId), patient]) {
    if (held?.expiry == null || held.expiry < day)
      problems.push({
        problem: 'registration_expired',
        message: `The medical registration was not valid on ${day} (${held?.expiry == null ? 'no expiry on file' : `expired ${held.expiry}`}).`,
      });
  }
  if (patientStatusRequired(sale.state) === null || patient?.sealed == null) return problems;
  const answer = await sync.patientStatus(openMedicalRegistration(keys, patient.sealed));
  if (!answer.online) return 'offline';
  const status = answer.status;
  if (!status.active) problems.push({ problem: 'patient_inactive', message: 'The state system says the patient is not active.' });
  if (status.expiry !== null && status.expiry < day)
    problems.push({ problem: 'registration_expired', message: `The state system says the registration expired on ${status.expiry}, before the sale.` });
  for (const bucket of ['flower', 'concentrate', 'infused'] as const) {
    const a = status[bucket];
    if (a !== null && a.purchasedMg > a.allowedMg)
      problems.push({
        problem: 'over_state_allotment',
        message: `The state records ${a.purchasedMg} mg of ${bucket} purchased against ${a.allowedMg} mg allowed in its window.`,
      });
  }
  return problems;
}
