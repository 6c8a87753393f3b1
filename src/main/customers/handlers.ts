import { randomUUID } from 'node:crypto';
import { and, asc, eq, or } from 'drizzle-orm';
import { startsWith } from '../db/like';
import { customers } from '../db/schema';
import { writeTransaction, type RegisterTx } from '../db/transaction';
import { AppError } from '../../shared/errors';
import { appendAudit } from '../audit/log';
import type { Handlers } from '../core/handler';
import { storeIdOfTerminal } from '../store/terminal';
import { sealMedicalRegistration } from './pii';

export const customerHandlers: Handlers<'customer-create' | 'customer-search'> = {
  'customer-create': (input, ctx) =>
    writeTransaction(ctx.db, (tx) => {
      const id = randomUUID();
      const at = ctx.now();
      if (input.caregiverFor !== undefined) requirePatient(tx, input.caregiverFor);
      tx.insert(customers)
        .values({
          id,
          storeId: storeIdOfTerminal(tx, ctx.terminalId),
          customerType: input.customerType,
          firstName: input.firstName,
          lastName: input.lastName,
          dateOfBirth: input.dateOfBirth,
          resident: input.resident,
          ...(input.medicalRegistration === undefined ? {} : sealMedicalRegistration(ctx.piiKeys, input.medicalRegistration)),
          medicalExpiry: input.medicalExpiry ?? null,
          caregiverForId: input.caregiverFor ?? null,
          createdAt: at,
        })
        .run();
      // The audit entry names the customer's type only: PII stays out of the log.
      appendAudit(tx, {
        at,
        staffId: ctx.staffId,
        terminalId: ctx.terminalId,
        action: 'customer.create',
        entityType: 'customer',
        entityId: id,
        after: { customerType: input.customerType },
      });
      return { customerId: id };
    }),

  'customer-search': (input, ctx) => {
    const rows = ctx.db
      .select({
        customerId: customers.id,
        customerType: customers.customerType,
        firstName: customers.firstName,
        lastName: customers.lastName,
        dateOfBirth: customers.dateOfBirth,
        medicalExpiry: customers.medicalExpiry,
      })
      .from(customers)
      .where(and(eq(customers.storeId, storeIdOfTerminal(ctx.db, ctx.terminalId)), or(startsWith(customers.lastName, input.text), startsWith(customers.firstName, input.text))))
      .orderBy(asc(customers.lastName), asc(customers.firstName))
      .limit(input.limit)
      .all();
    return { items: rows };
  },
};

/** A caregiver's patient must be a registered medical patient of this database. */
function requirePatient(tx: RegisterTx, patientId: string): void {
  const patient = tx.select({ type: customers.customerType }).from(customers).where(eq(customers.id, patientId)).get();
  if (patient?.type !== 'medical') throw new AppError('CAREGIVER_PATIENT_UNKNOWN', 'The caregiver’s patient must be registered first as a medical patient.');
}
