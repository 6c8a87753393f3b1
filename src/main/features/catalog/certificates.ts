import { randomUUID } from 'node:crypto';
import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import { AppError } from '../../../shared/errors';
import { analyteName, meets, parseCoaQuery, type AnalyteKind } from '../../../shared/domain/lab/coa-query';
import { appendAudit } from '../../platform/audit/log';
import { labAnalytes, labCertificates, packages, products } from '../../platform/db/schema';
import type { RegisterDb } from '../../platform/db/open';
import type { RegisterTx } from '../../platform/db/transaction';

type Reader = RegisterDb | RegisterTx;

export interface CertificateInput {
  readonly productId: string;
  readonly packageTag?: string | undefined;
  readonly labName: string;
  readonly testedOn: string;
  readonly batch?: string | undefined;
  readonly contaminantsPassed: boolean;
  readonly coaUrl?: string | undefined;
  readonly analytes: ReadonlyArray<{ readonly kind: AnalyteKind; readonly name: string; readonly percentBp: number }>;
}

/**
 * Saves a certificate (audited). A package certificate whose contaminants
 * failed marks the package TestFailed, so no path sells it; a passing one
 * never clears a state Metrc set (that comes from the state system).
 */
export function saveCertificate(tx: RegisterTx, actor: { storeId: string; staffId: string; terminalId: string; now: Date }, input: CertificateInput): string {
  const product = tx.select({ storeId: products.storeId }).from(products).where(eq(products.id, input.productId)).get();
  if (product?.storeId !== actor.storeId) throw new AppError('PRODUCT_NOT_FOUND', 'No such product in this store.');
  if (input.packageTag !== undefined) {
    const pkg = tx.select({ productId: packages.productId }).from(packages).where(eq(packages.tag, input.packageTag)).get();
    if (pkg?.productId !== input.productId) throw new AppError('COA_PACKAGE_MISMATCH', 'That package is not of this product.');
  }
  const names = input.analytes.map((a) => analyteName(a.name));
  if (new Set(names).size !== names.length) throw new AppError('COA_ANALYTE_TWICE', 'Each analyte once per certificate.');
  const id = randomUUID();
  tx.insert(labCertificates)
    .values({
      id,
      storeId: actor.storeId,
      productId: input.productId,
      packageTag: input.packageTag ?? null,
      labName: input.labName,
      testedOn: input.testedOn,
      batch: input.batch ?? null,
      contaminantsPassed: input.contaminantsPassed,
      coaUrl: input.coaUrl ?? null,
      savedBy: actor.staffId,
      savedAt: actor.now,
    })
    .run();
  for (const [i, a] of input.analytes.entries())
    tx.insert(labAnalytes)
      .values({ certificateId: id, kind: a.kind, name: names[i] ?? a.name, percentBp: a.percentBp })
      .run();
  if (input.packageTag !== undefined && !input.contaminantsPassed) {
    tx.update(packages).set({ labTestingState: 'TestFailed' }).where(eq(packages.tag, input.packageTag)).run();
  }
  appendAudit(tx, {
    at: actor.now,
    staffId: actor.staffId,
    terminalId: actor.terminalId,
    action: 'coa.save',
    entityType: 'product',
    entityId: input.productId,
    after: {
      certificateId: id,
      packageTag: input.packageTag ?? null,
      labName: input.labName,
      testedOn: input.testedOn,
      contaminantsPassed: input.contaminantsPassed,
      analytes: input.analytes.length,
    },
  });
  return id;
}

export interface CertificateView {
  readonly certificateId: string;
  readonly productId: string;
  readonly packageTag: string | null;
  readonly labName: string;
  readonly testedOn: string;
  readonly batch: string | null;
  readonly contaminantsPassed: boolean;
  readonly coaUrl: string | null;
  readonly cannabinoids: Array<{ name: string; percentBp: number }>;
  readonly terpenes: Array<{ name: string; percentBp: number }>;
}

function views(db: Reader, certs: Array<typeof labCertificates.$inferSelect>): CertificateView[] {
  if (certs.length === 0) return [];
  const analytes = db
    .select()
    .from(labAnalytes)
    .where(
      inArray(
        labAnalytes.certificateId,
        certs.map((c) => c.id),
      ),
    )
    .all();
  const of = (id: string, kind: AnalyteKind) =>
    analytes
      .filter((a) => a.certificateId === id && a.kind === kind)
      .sort((a, b) => b.percentBp - a.percentBp || a.name.localeCompare(b.name))
      .map((a) => ({ name: a.name, percentBp: a.percentBp }));
  return certs.map((c) => ({
    certificateId: c.id,
    productId: c.productId,
    packageTag: c.packageTag,
    labName: c.labName,
    testedOn: c.testedOn,
    batch: c.batch,
    contaminantsPassed: c.contaminantsPassed,
    coaUrl: c.coaUrl,
    cannabinoids: of(c.id, 'cannabinoid'),
    terpenes: of(c.id, 'terpene'),
  }));
}

/** The product's current certificate and each package's own, newest first. */
export function certificatesOfProduct(db: Reader, productId: string): { product: CertificateView | null; packages: CertificateView[] } {
  const certs = db.select().from(labCertificates).where(eq(labCertificates.productId, productId)).orderBy(desc(labCertificates.savedAt)).all();
  const product = certs.find((c) => c.packageTag === null);
  const latestPerPackage = new Map<string, typeof labCertificates.$inferSelect>();
  for (const c of certs) if (c.packageTag !== null && !latestPerPackage.has(c.packageTag)) latestPerPackage.set(c.packageTag, c);
  const [productView] = views(db, product === undefined ? [] : [product]);
  return { product: productView ?? null, packages: views(db, [...latestPerPackage.values()]) };
}

/** Products whose current certificate meets every condition ("myrcene > 0.5 %"), strongest first on the first condition. */
export function searchCertificates(db: Reader, storeId: string, query: string, limit: number) {
  const parsed = parseCoaQuery(query);
  if ('error' in parsed) throw new AppError('COA_QUERY_INVALID', parsed.error);
  const latest = new Map<string, typeof labCertificates.$inferSelect>();
  for (const c of db
    .select()
    .from(labCertificates)
    .where(and(eq(labCertificates.storeId, storeId), isNull(labCertificates.packageTag)))
    .orderBy(desc(labCertificates.savedAt))
    .all())
    if (!latest.has(c.productId)) latest.set(c.productId, c);
  const matches = views(db, [...latest.values()]).flatMap((v) => {
    const all = [...v.cannabinoids, ...v.terpenes];
    const found = parsed.conditions.map((cond) => all.find((a) => a.name === cond.name));
    if (!parsed.conditions.every((cond, i) => found[i] !== undefined && meets(cond, found[i]!.percentBp))) return [];
    return [{ certificate: v, matched: found.map((f) => f!) }];
  });
  const names = new Map(
    db
      .select({ id: products.id, name: products.name })
      .from(products)
      .where(eq(products.storeId, storeId))
      .all()
      .map((p) => [p.id, p.name]),
  );
  return matches
    .sort((a, b) => (b.matched[0]?.percentBp ?? 0) - (a.matched[0]?.percentBp ?? 0))
    .slice(0, limit)
    .map((m) => ({
      productId: m.certificate.productId,
      productName: names.get(m.certificate.productId) ?? '',
      matched: m.matched,
      certificate: m.certificate,
    }));
}
