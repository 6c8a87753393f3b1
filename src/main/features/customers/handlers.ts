import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { customers } from '../../platform/db/schema';
import { writeTransaction, type RegisterTx } from '../../platform/db/transaction';
import { AppError } from '../../../shared/errors';
import { appendAudit } from '../../platform/audit/log';
import type { Handlers } from '../../core/handler';
import { storeIdOfTerminal } from '../store/terminal';
import { insertCustomer, searchCustomersByName } from './customer-records';
import { sealMedicalRegistration } from './pii';
import { mergeCustomers } from './merge';
import { signedIn } from '../../core/signed-in';

export const customerHandlers: Handlers<'customer-create' | 'customer-search' | 'customer-merge'> = {
  'customer-create': (input, ctx) =>
    writeTransaction(ctx.db, (tx) => {
      const id = randomUUID();
      const at = ctx.now();
      if (input.caregiverFor !== undefined) requirePatient(tx, input.caregiverFor);
      insertCustomer(tx, ctx.piiKeys, {
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
      });
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

  'customer-merge': (input, ctx) =>
    writeTransaction(ctx.db, (tx) => mergeCustomers(tx, ctx.piiKeys, { ...input, staffId: signedIn(ctx), terminalId: ctx.terminalId, now: ctx.now() })),

  'customer-search': (input, ctx) => ({
    items: searchCustomersByName(ctx.db, ctx.piiKeys, storeIdOfTerminal(ctx.db, ctx.terminalId), input.text, input.limit).map(({ row, pii }) => ({
      customerId: row.id,
      customerType: row.customerType,
      ...pii,
      medicalExpiry: row.medicalExpiry,
    })),
  }),
};

/** A caregiver's patient must be a registered medical patient of this database. */
function requirePatient(tx: RegisterTx, patientId: string): void {
  const patient = tx.select({ type: customers.customerType }).from(customers).where(eq(customers.id, patientId)).get();
  if (patient?.type !== 'medical') throw new AppError('CAREGIVER_PATIENT_UNKNOWN', 'The caregiver’s patient must be registered first as a medical patient.');
}
