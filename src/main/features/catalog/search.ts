import { and, asc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { CatalogIndexItem, CatalogItem } from '../../../shared/contract/catalog';
import type { ProductCategory } from '../../../shared/contract/values';
import { packages, productHolds, products, productSearchText } from '../../platform/db/schema';
import type { RegisterDb } from '../../platform/db/open';

export interface CatalogQuery {
  readonly storeId: string;
  readonly text: string;
  readonly category?: ProductCategory | undefined;
  readonly limit: number;
  readonly offset: number;
}

/**
 * A package may be sold only when it is active, passed its lab test (or needs none), still
 * holds stock, and is not on a quality hold (its own, or its batch's: quality/holds.ts);
 * everything else is invisible to the counter.
 */
export const sellablePackage: SQL = sql`${packages.status} = 'active' AND ${packages.labTestingState} IN ('TestPassed', 'NotRequired') AND ${packages.quantityOnHand} > 0
  AND NOT EXISTS (SELECT 1 FROM ${productHolds} WHERE ${productHolds.releasedAt} IS NULL AND (${productHolds.packageTag} = ${packages.tag}
    OR ${productHolds.batch} = coalesce(${packages.productionBatch}, (SELECT ${products.coaBatchNumber} FROM ${products} WHERE ${products.id} = ${packages.productId}))))`;

/** What the counter shows of a product, for both the server search and the register's own index. */
const productColumns = {
  productId: products.id,
  sku: products.sku,
  upc: products.upc,
  name: products.name,
  brand: products.brand,
  strain: products.strain,
  category: products.category,
  sellingMode: products.sellingMode,
  priceCents: products.priceCents,
  netWeightMg: products.netWeightMg,
  thcPercentBp: products.thcPercentBp,
  thcMg: products.thcMg,
  piecesPerUnit: products.piecesPerUnit,
  imageId: products.imageId,
};

export function searchCatalog(db: RegisterDb, query: CatalogQuery): { total: number; more: boolean; items: CatalogItem[] } {
  const filter = and(
    eq(products.storeId, query.storeId),
    eq(products.active, true),
    textFilter(query.text),
    query.category === undefined ? undefined : eq(products.category, query.category),
  );
  // One walk of the search index in name order (issue #18): no product row is read to test a word, and it
  // stops once it holds the page and one match past the count's cap — so the page and the count come from
  // the same walk, and a word in nearly every product stops early.
  const reach = Math.max(query.offset + query.limit, SEARCH_COUNT_CAP + 1);
  const matches = db.select({ id: products.id }).from(products).where(filter).orderBy(asc(products.name), asc(products.id)).limit(reach).all();
  const ids = matches.slice(query.offset, query.offset + query.limit).map((row) => row.id);
  const more = matches.length > SEARCH_COUNT_CAP;
  const total = Math.min(matches.length, SEARCH_COUNT_CAP);
  if (ids.length === 0) return { total, more, items: [] };
  const byId = new Map(
    db
      .select(productColumns)
      .from(products)
      .where(inArray(products.id, ids))
      .all()
      .map((row) => [row.productId, row]),
  );
  const page = ids.flatMap((id) => {
    const product = byId.get(id);
    return product === undefined ? [] : [product];
  });
  const stock = new Map(
    db
      .select({
        productId: packages.productId,
        available: sql<number>`coalesce(sum(CASE WHEN ${sellablePackage} THEN ${packages.quantityOnHand} END), 0)`,
        sellablePackages: sql<number>`count(CASE WHEN ${sellablePackage} THEN 1 END)`,
      })
      .from(packages)
      .where(inArray(packages.productId, ids))
      .groupBy(packages.productId)
      .all()
      .map((row) => [row.productId, row]),
  );
  const items = page.map((p) => ({ ...p, available: stock.get(p.productId)?.available ?? 0, sellablePackages: stock.get(p.productId)?.sellablePackages ?? 0 }));
  return { total, more, items };
}

/**
 * How far a search counts: past it the counter shows "1,000+ products"
 * (`more`). A word in nearly every product ("Brand") matched 38,000 of
 * 50,000 and counting them all walked the whole index, 9–12 ms (issue #18);
 * stopping at the cap, such a count ends within the first few thousand.
 */
export const SEARCH_COUNT_CAP = 1_000;

export interface CatalogIndexQuery {
  readonly storeId: string;
  readonly offset: number;
  readonly limit: number;
  /** Only these products, when given. */
  readonly productIds?: readonly string[] | undefined;
}

/**
 * A page of the store's active products with stock and sellable package
 * tags, for the register's own search index. In SKU order: the store's
 * unique SKU index walks it without sorting, and pages neither overlap nor
 * skip. Two queries per page (the products, then their sellable packages)
 * keep each on an index: 50,000 products with 200,000 packages take about a
 * second of the core's time in all, in pages it answers between other calls.
 */
export function catalogIndexPage(db: RegisterDb, query: CatalogIndexQuery): { total: number; items: CatalogIndexItem[] } {
  const filter = and(
    eq(products.storeId, query.storeId),
    eq(products.active, true),
    query.productIds === undefined ? undefined : inArray(products.id, [...query.productIds]),
  );
  const total =
    db
      .select({ n: sql<number>`count(*)` })
      .from(products)
      .where(filter)
      .get()?.n ?? 0;
  const rows = db.select(productColumns).from(products).where(filter).orderBy(asc(products.sku)).limit(query.limit).offset(query.offset).all();
  if (rows.length === 0) return { total, items: [] };
  const stock = new Map<string, { available: number; tags: string[] }>();
  // The page again as a subquery: cheaper than thousands of bound ids.
  const page = db.select({ id: products.id }).from(products).where(filter).orderBy(asc(products.sku)).limit(query.limit).offset(query.offset);
  const sellable = db
    .select({ productId: packages.productId, tag: packages.tag, quantity: packages.quantityOnHand })
    .from(packages)
    .where(and(inArray(packages.productId, page), sellablePackage))
    .all();
  for (const pkg of sellable) {
    const entry = stock.get(pkg.productId) ?? { available: 0, tags: [] };
    entry.available += pkg.quantity;
    entry.tags.push(pkg.tag);
    stock.set(pkg.productId, entry);
  }
  const items = rows.map((row) => {
    const entry = stock.get(row.productId);
    return { ...row, available: entry?.available ?? 0, sellablePackages: entry?.tags.length ?? 0, packageTags: entry?.tags ?? [] };
  });
  return { total, items };
}

/**
 * Every word must be in the name, brand, strain or SKU (anywhere, ASCII case
 * folded, as LIKE '%word%' matched them), or be the UPC. The words are bound
 * parameters, and SQLite lower-cases them as it lower-cases the indexed text.
 */
function textFilter(text: string): SQL | undefined {
  // The likeliest rare word first: SQLite tests the conditions in order and stops at the first that fails,
  // so "Brand 399" tests "399" on every product and "brand" only where "399" is (issue #18). Numbers and
  // longer words are rarer in a catalog than short words.
  const words = text
    .split(/\s+/)
    .filter((w) => w !== '')
    .sort((a, b) => Number(/\d/.test(b)) - Number(/\d/.test(a)) || b.length - a.length);
  if (words.length === 0) return undefined;
  return and(...words.map((word) => or(sql`instr(${productSearchText(products)}, lower(${word})) > 0`, eq(products.upc, word))));
}
