import { findMigrationsFolder } from '../../src/main/platform/config/paths';
import { createCore } from '../../src/main/core/create-core';
import { openDatabase } from '../../src/main/platform/db/open';
import { seededRandom } from '../../src/shared/random';
import { benchPiiKeys, catalogDatabase, type CatalogSize } from '../generate';
import type { Figure } from '../result';
import { summarize, timeMsAsync } from '../stats';
import { copyToScratch } from '../scratch';
import { signInBudtender } from '../session';

/**
 * Issue #18: the catalog as the counter loads and searches it. The index a
 * register keeps for search-as-you-type, loaded page by page after sign-in
 * (the whole of it, and the slowest page: the core serves nothing else
 * while a page is read), and the server-side search a typed word runs
 * (`catalog-search`), at the store's size.
 */
export async function catalogFigures(size: CatalogSize, searches: number): Promise<Figure[]> {
  const path = copyToScratch(catalogDatabase(size), 'catalog');
  const database = openDatabase({ path, migrationsFolder: findMigrationsFolder() });
  const core = createCore({ database, piiKeys: benchPiiKeys });
  await signInBudtender(core);

  const pages: number[] = [];
  let loaded = 0;
  let total = Infinity;
  const started = process.hrtime.bigint();
  while (loaded < total) {
    let answer: { total: number; items: unknown[] } = { total: 0, items: [] };
    pages.push(
      await timeMsAsync(async () => {
        const result = await core.send('catalog-index', { offset: loaded });
        if (!result.ok) throw new Error(result.error.message);
        answer = result.value;
      }),
    );
    total = answer.total;
    loaded += answer.items.length;
    if (answer.items.length === 0) break;
  }
  const wholeMs = Number(process.hrtime.bigint() - started) / 1e6;

  // Words a budtender types: a brand, a strain, a category, a SKU fragment, a product number.
  const random = seededRandom(18);
  const words = ['Brand 1', 'Strain 42', 'flower', 'vape', 'BN-12', 'Strain 7 edible', 'Brand 399', '1234'];
  const samples: number[] = [];
  for (let i = 0; i < searches; i += 1) {
    const text = words[Math.floor(random() * words.length)] ?? 'flower';
    samples.push(
      await timeMsAsync(async () => {
        const result = await core.send('catalog-search', { text, limit: 50 });
        if (!result.ok) throw new Error(result.error.message);
      }),
    );
  }
  database.close();
  const dataSize = { products: size.products, packages: size.packages };
  return [
    {
      id: 'catalog_index_load',
      title: 'Catalog index loaded after sign-in (every page, through the core)',
      unit: 'ms',
      samples: 1,
      p50: Math.round(wholeMs),
      p99: Math.round(wholeMs),
      max: Math.round(wholeMs),
      dataSize,
      extra: { pages: pages.length, slowestPageMs: Math.round(Math.max(...pages) * 10) / 10, products: loaded },
      goal: { metric: 'p50', kind: 'at most', limit: 1_000 },
    },
    {
      id: 'catalog_search',
      title: 'Catalog search for a typed word (catalog-search, 50 results)',
      unit: 'ms',
      ...summarize(samples),
      dataSize,
      goal: { metric: 'p99', kind: 'at most', limit: 10 },
    },
  ];
}
