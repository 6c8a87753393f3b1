import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import { appendAudit } from '../../platform/audit/log';
import { deposits, type DenominationCount } from '../../platform/db/schema';
import type { RegisterDb } from '../../platform/db/open';
import { writeTransaction } from '../../platform/db/transaction';
import { countTotal } from './denominations';

export interface DepositInput {
  readonly storeId: string;
  readonly terminalId: string;
  readonly denominations: DenominationCount;
  readonly bagNumber: string;
  readonly preparedBy: string;
  readonly verifiedBy: string;
  readonly businessDay: string;
  readonly now: Date;
}

/**
 * Records a deposit bag. Cash businesses without normal banking move large
 * sums by courier: two different people must prepare and verify each bag.
 */
export function recordDeposit(db: RegisterDb, input: DepositInput): { depositId: string; amountCents: number } {
  if (input.preparedBy === input.verifiedBy) throw new AppError('DEPOSIT_NEEDS_TWO_PEOPLE', 'A second person must verify the deposit bag.');
  if (input.bagNumber.trim() === '') throw new AppError('BAG_NUMBER_REQUIRED', 'Enter the tamper-evident bag number.');
  const amountCents = countTotal(input.denominations);
  if (amountCents <= 0) throw new AppError('DEPOSIT_EMPTY', 'A deposit must hold some cash.');
  return writeTransaction(db, (tx) => {
    const depositId = randomUUID();
    tx.insert(deposits)
      .values({
        id: depositId,
        storeId: input.storeId,
        amountCents,
        denominations: input.denominations,
        bagNumber: input.bagNumber.trim(),
        preparedBy: input.preparedBy,
        verifiedBy: input.verifiedBy,
        businessDay: input.businessDay,
        createdAt: input.now,
      })
      .run();
    appendAudit(tx, {
      at: input.now,
      staffId: input.preparedBy,
      terminalId: input.terminalId,
      action: 'deposit.record',
      entityType: 'deposit',
      entityId: depositId,
      after: { amountCents, bagNumber: input.bagNumber.trim(), verifiedBy: input.verifiedBy },
    });
    return { depositId, amountCents };
  });
}
