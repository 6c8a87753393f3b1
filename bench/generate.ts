import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { findMigrationsFolder } from '../src/main/platform/config/paths';
import { openDatabase, type RegisterDatabase } from '../src/main/platform/db/open';
import { DEMO_STORE_ID, seedDemoStore } from '../src/main/features/demo/seed';
import { gtinCheckDigit } from '../src/shared/barcode/gtin';
import { productCategories } from '../src/main/platform/db/schema';
import { pick, seededRandom } from '../src/shared/random';
import { derivePiiKeys } from '../src/main/platform/security/pii-crypto';

/** A fixed data key for generated databases (benchmarks only). */
export const BENCH_MASTER_KEY = Buffer.alloc(32, 1);
export const benchPiiKeys = derivePiiKeys(BENCH_MASTER_KEY);

/**
 * Bump when the generated data changes; the schema version (the newest
 * shipped migration) is part of every cache name too, so a new migration
 * rebuilds the data instead of migrating (and backing up) a 1 GB file.
 */
const GENERATOR_VERSION = `4-${schemaVersion()}`;

function schemaVersion(): number {
  const journal = JSON.parse(readFileSync(join(findMigrationsFolder(), 'meta', '_journal.json'), 'utf8')) as { entries: Array<{ when: number }> };
  return journal.entries.at(-1)?.when ?? 0;
}
export const dataDir = join(import.meta.dirname, '.data');
export { GENERATOR_VERSION };

export interface CatalogSize {
  readonly products: number;
  readonly packages: number;
}

export const benchUpc = (index: number): string => {
  const body = `86${String(index).padStart(9, '0')}`;
  return `${body}${gtinCheckDigit(body)}`;
};
export const benchTag = (index: number): string => `1A4BENCH0000${String(index).padStart(12, '0')}`;
export const benchSku = (index: number): string => `BN-${index}`;

/**
 * A register database with the demo store plus `size` generated products and
 * packages, built once per size and seed and cached under bench/.data.
 */
export function catalogDatabase(size: CatalogSize, seed = 42): string {
  const path = join(dataDir, `catalog-v${GENERATOR_VERSION}-${size.products}-${size.packages}-${seed}.sqlite`);
  if (existsSync(path)) return path;
  return buildAtomically(path, (database) => fillCatalog(database, size, seed));
}

export function buildAtomically(path: string, fill: (database: RegisterDatabase) => void): string {
  mkdirSync(dirname(path), { recursive: true });
  const building = `${path}.building`;
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${building}${suffix}`, { force: true });
  const database = openDatabase({ path: building, migrationsFolder: findMigrationsFolder() });
  seedDemoStore(database.db, benchPiiKeys, new Date('2026-01-01T00:00:00Z'));
  fill(database);
  database.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  database.close();
  renameSync(building, path);
  return path;
}

function fillCatalog({ sqlite }: RegisterDatabase, size: CatalogSize, seed: number): void {
  const random = seededRandom(seed);
  const brands = Array.from({ length: 400 }, (_, i) => `Brand ${i}`);
  const strains = Array.from({ length: 900 }, (_, i) => `Strain ${i}`);
  const insertProduct = sqlite.prepare(
    `INSERT INTO products (id, store_id, sku, upc, name, brand, strain, category, selling_mode, price_cents, net_weight_mg, thc_mg, cbd_mg, active)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'each', ?, ?, ?, 0, 1)`,
  );
  const insertPackage = sqlite.prepare(
    `INSERT INTO packages (id, store_id, tag, product_id, unit, quantity_on_hand, packaged_date, lab_testing_state, status)
     VALUES (?, ?, ?, ?, 'each', ?, ?, ?, ?)`,
  );
  sqlite.transaction(() => {
    for (let i = 0; i < size.products; i += 1) {
      const category = pick(random, productCategories);
      const strain = pick(random, strains);
      insertProduct.run(
        `bp-${i}`,
        DEMO_STORE_ID,
        benchSku(i),
        benchUpc(i),
        `${strain} ${category} ${i}`,
        pick(random, brands),
        strain,
        category,
        500 + Math.floor(random() * 9500),
        1000 + Math.floor(random() * 6000),
        Math.floor(random() * 900),
      );
    }
    for (let p = 0; p < size.packages; p += 1) {
      const productIndex = p % size.products;
      const month = 1 + Math.floor(random() * 10);
      // Mostly sellable, some on hold / untested / empty, as on a real shelf.
      const roll = random();
      const status = roll < 0.03 ? 'on_hold' : roll < 0.04 ? 'recalled' : 'active';
      const lab = random() < 0.05 ? 'SubmittedForTesting' : 'TestPassed';
      const quantity = random() < 0.1 ? 0 : 1 + Math.floor(random() * 60);
      insertPackage.run(`bk-${p}`, DEMO_STORE_ID, benchTag(p), `bp-${productIndex}`, quantity, `2026-${String(month).padStart(2, '0')}-15`, lab, status);
    }
  })();
}
