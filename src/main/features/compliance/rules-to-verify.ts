import { eq } from 'drizzle-orm';
import type { CommandOutput } from '../../../shared/contract';
import { stores } from '../../platform/db/schema';
import type { RegisterDb } from '../../platform/db/open';
import { storeIdOfTerminal } from '../store/terminal';
import { stateTaxTables } from '../../../shared/domain/taxes/tax-tables';
import { rulePackFor } from '../../../shared/domain/compliance/rule-packs';

/**
 * What a compliance officer must still confirm for this store's state:
 * every limit and tax the register applies on a stricter reading because
 * the primary text was not reached or sources conflict.
 */
export function rulesToVerify(db: RegisterDb, terminalId: string): CommandOutput<'compliance-rules-to-verify'> {
  const storeId = storeIdOfTerminal(db, terminalId);
  const state = db.select({ state: stores.state }).from(stores).where(eq(stores.id, storeId)).get()?.state ?? '';
  const pack = rulePackFor(state);
  const taxes = stateTaxTables[state] ?? null;
  return {
    state,
    rulePack: pack.version,
    taxTable: taxes?.version ?? null,
    items: [
      ...pack.limits
        .filter((r) => r.verify === true)
        .map((r) => ({
          kind: 'limit' as const,
          id: r.id,
          citation: r.citation,
          note: r.verifyNote ?? 'Secondary or conflicting sources: the stricter reading applies.',
        })),
      ...(taxes?.rules ?? [])
        .filter((t) => t.verify)
        .map((t) => ({
          kind: 'tax' as const,
          id: t.id,
          citation: t.citation,
          note: t.verifyNote ?? 'Secondary or conflicting sources: confirm the rate and base.',
        })),
    ],
  };
}
