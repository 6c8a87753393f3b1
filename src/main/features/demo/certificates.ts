import { labAnalytes, labCertificates, products } from '../../platform/db/schema';
import type { RegisterTx } from '../../platform/db/transaction';
import { isNotNull } from 'drizzle-orm';

const TERPENES = ['myrcene', 'limonene', 'beta-caryophyllene', 'linalool', 'alpha-pinene'] as const;

/**
 * A certificate of analysis for every demo product that has a lab (all but
 * accessories): THCa from the product's potency, a little CBD, five
 * terpenes at made-up but stable percentages (basis points), contaminants passed.
 */
export function seedDemoCertificates(tx: RegisterTx, storeId: string, savedBy: string, now: Date): void {
  const rows = tx.select().from(products).where(isNotNull(products.coaLabName)).all();
  rows.forEach((p, index) => {
    const id = `coa-demo-${p.id}`;
    tx.insert(labCertificates)
      .values({
        id,
        storeId,
        productId: p.id,
        packageTag: null,
        labName: p.coaLabName ?? 'Bay Analytical Labs',
        testedOn: p.coaTestedOn ?? '2026-09-15',
        batch: p.coaBatchNumber,
        contaminantsPassed: true,
        coaUrl: null,
        savedBy,
        savedAt: now,
      })
      .run();
    const analytes = [
      ...(p.thcPercentBp === null ? [] : [{ kind: 'cannabinoid' as const, name: 'thca', percentBp: p.thcPercentBp }]),
      { kind: 'cannabinoid' as const, name: 'cbd', percentBp: (index * 7) % 40 },
      ...TERPENES.map((name, k) => ({ kind: 'terpene' as const, name, percentBp: ((index * 37 + k * 53) % 110) + 10 })),
    ];
    for (const a of analytes)
      tx.insert(labAnalytes)
        .values({ certificateId: id, ...a })
        .run();
  });
}
