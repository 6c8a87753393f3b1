import type Database from 'better-sqlite3';

/** The oldest package's tag of a demo product, by its name (what a budtender would pick first). */
export function firstTagOf(sqlite: Database.Database, productName: string): string {
  const row = sqlite
    .prepare('SELECT k.tag FROM packages k JOIN products p ON p.id = k.product_id WHERE p.name = ? ORDER BY k.packaged_date LIMIT 1')
    .get(productName) as { tag: string } | undefined;
  if (row === undefined) throw new Error(`The demo store has no package of ${productName}`);
  return row.tag;
}
