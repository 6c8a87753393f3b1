import { randomUUID } from 'node:crypto';
import { and, asc, eq, or } from 'drizzle-orm';
import { startsWith } from '../db/like';
import { customers } from '../db/schema';
import { writeTransaction } from '../db/transaction';
import { appendAudit } from '../audit/log';
import type { Handlers } from '../core/handler';
import { storeIdOfTerminal } from '../store/terminal';
import { sealMedicalRegistration } from './pii';

export const customerHandlers: Handlers<'customer-create' | 'customer-search'> = {
  'customer-create': (input, ctx) =>
    writeTransaction(ctx.db, (tx) => {
      const id = randomUUID();
      const at = ctx.now();
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
