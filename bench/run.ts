import { cpus, totalmem } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { coldOpenAndMemory } from './figures/cold-open';
import { limitCheck } from './figures/limit-check';
import { outboxReplay } from './figures/outbox-replay';
import { saleCommit } from './figures/sale-commit';
import { scanToCart } from './figures/scan-to-cart';
import { syncStatusFigure } from './figures/sync-status';
import { storeServerFigures } from './figures/store-server';
import { catalogFigures } from './figures/catalog';
import { historyDatabase, type HistorySize } from './generate-history';
import { ratioToGoal, type Figure } from './result';

/**
 * `npm run bench` measures what the register exists for, on generated data of
 * realistic size; `-- --quick` runs the same figures on small data as a smoke
 * check (CI). Writes bench/results.json and prints a table. No thresholds.
 */
const quick = process.argv.includes('--quick');
/** `-- --only=replay` (or any figure group below): run just that group, e.g. while working on it. */
const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length) ?? null;
const wanted = (group: string): boolean => only === null || only === group;

const history: HistorySize = quick
  ? { products: 2_000, packages: 5_000, customers: 2_000, sales: 20_000 }
  : { products: 50_000, packages: 200_000, customers: 60_000, sales: 500_000 };
/**
 * Full mode also measures the history and catalog figures on a small store
 * (10,000 sales, 5,000 products) in the same run, for the scaling table: a
 * hot path that grew with the store's history would show it there.
 */
const smallHistory: HistorySize = { products: 5_000, packages: 20_000, customers: 6_000, sales: 10_000 };

async function main(): Promise<void> {
  const startedAt = new Date();
  const figures: Figure[] = [];
  const scaling: Array<{ small: Figure; large: Figure }> = [];
  log(`mode: ${quick ? 'quick' : 'full'}${only === null ? '' : `, only ${only}`}; generating data (cached in bench/.data)…`);
  if (wanted('history')) {
    const small = quick ? [] : await historyFigures(smallHistory);
    const large = await historyFigures(history);
    figures.push(...large);
    pairUp(scaling, small, large);
  }
  if (wanted('catalog')) {
    const small = quick ? [] : await catalogFigures({ products: 5_000, packages: 20_000 }, 1_000);
    const large = await catalogFigures(quick ? { products: 5_000, packages: 20_000 } : { products: 50_000, packages: 200_000 }, quick ? 200 : 1_000);
    figures.push(...large);
    pairUp(scaling, small, large);
    log('catalog done');
  }
  if (wanted('sync-status')) {
    const small = quick ? [] : [syncStatusFigure(10_000, 1_000)];
    const large = [syncStatusFigure(quick ? 10_000 : 100_000, quick ? 200 : 1_000)];
    figures.push(...large);
    pairUp(scaling, small, large);
    log('sync status done');
  }
  if (wanted('replay')) {
    figures.push(...(await outboxReplay(quick ? 500 : 10_000, [0, 50])));
    log('outbox replay done');
  }
  if (wanted('store-server')) {
    figures.push(...(await storeServerFigures(quick ? 100 : 1_000, 1_000)));
    log('store server done');
  }

  const results = {
    mode: quick ? 'quick' : 'full',
    ...(only === null ? {} : { only }),
    startedAt: startedAt.toISOString(),
    machine: {
      cores: cpus().length,
      cpu: cpus()[0]?.model ?? 'unknown',
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      platform: process.platform,
    },
    figures: figures.map((f) => ({ ...f, ...(ratioToGoal(f) === null ? {} : { ratioToGoal: ratioToGoal(f)?.ratio }) })),
    scaling: scaling.map(({ small, large }) => ({ id: large.id, small: scaleRow(small), large: scaleRow(large) })),
  };
  const file = join(import.meta.dirname, `results${quick ? '.quick' : ''}${only === null ? '' : `.${only}`}.json`);
  mkdirSync(import.meta.dirname, { recursive: true });
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  printTable(results.machine, figures);
  if (scaling.length > 0) printScaling(scaling);
  process.stdout.write(`\nwritten: ${file}\n`);
}

/** The history figures (scan, sale, limit check, cold open) on a store of this size. */
async function historyFigures(size: HistorySize): Promise<Figure[]> {
  // Scans and sales run on the store with history (sales, promoted lines, manual discounts), as a register a year in does.
  const historyDb = historyDatabase(size);
  log(`history database (${size.sales} sales): ${Math.round(historyDb.bytes / 1048576)} MiB`);
  const figures: Figure[] = [];
  figures.push(await scanToCart({ path: historyDb.path, size }, quick ? 300 : 3_000));
  log('scan-to-cart done');
  figures.push(await saleCommit({ path: historyDb.path, size }, quick ? 100 : 1_000));
  log('sale commit done');
  figures.push(limitCheck(historyDb.path, size, quick ? 300 : 3_000));
  log('limit check done');
  figures.push(...coldOpenAndMemory(historyDb.path, historyDb.bytes, quick ? 2 : 7));
  log('cold open done');
  return figures;
}

function pairUp(into: Array<{ small: Figure; large: Figure }>, small: readonly Figure[], large: readonly Figure[]): void {
  for (const figure of large) {
    const match = small.find((f) => f.id === figure.id);
    if (match !== undefined) into.push({ small: match, large: figure });
  }
}

function scaleRow(figure: Figure) {
  return { dataSize: figure.dataSize, p50: figure.p50, p99: figure.p99, unit: figure.unit };
}

/** Each hot path on the small and the large store side by side, with how much the large one costs more. */
function printScaling(pairs: ReadonlyArray<{ small: Figure; large: Figure }>): void {
  process.stdout.write('\nscaling (same run): small store vs large store\n');
  for (const { small, large } of pairs) {
    const growth = (a?: number, b?: number) => (a === undefined || b === undefined || a <= 0 ? '—' : `${(b / a).toFixed(2)}×`);
    process.stdout.write(
      `${large.id.padEnd(22)} p50 ${String(small.p50)} → ${String(large.p50)} ${large.unit} (${growth(small.p50, large.p50)}), p99 ${String(small.p99)} → ${String(large.p99)} (${growth(small.p99, large.p99)})\n`,
    );
  }
}

function printTable(machine: { cores: number; cpu: string; node: string }, figures: readonly Figure[]): void {
  const rows = figures.map((f) => [
    f.title,
    f.unit,
    String(f.p50 ?? ''),
    String(f.p99 ?? ''),
    String(f.max ?? ''),
    String(f.samples ?? ''),
    Object.entries(f.dataSize)
      .map(([k, v]) => `${k}=${v}`)
      .join(' '),
    goalCell(f),
    Object.entries(f.extra ?? {})
      .map(([k, v]) => `${k}=${v}`)
      .join(' '),
  ]);
  const header = ['figure', 'unit', 'p50', 'p99', 'max', 'n', 'data', 'vs goal (<= 1 meets it)', 'extra'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ');
  process.stdout.write(
    `\nmachine: ${machine.cores} cores, ${machine.cpu}, node ${machine.node}\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('-|-')}\n`,
  );
  for (const row of rows) process.stdout.write(`${line(row)}\n`);
}

/** `0.42 (p99 <= 5)`: the figure over its goal, which the acceptance of issue #18 reads; a dash where the issue names none. */
function goalCell(figure: Figure): string {
  const against = ratioToGoal(figure);
  if (figure.goal === undefined || against === null) return '—';
  return `${against.ratio.toFixed(2)} (${figure.goal.metric} ${figure.goal.kind === 'at most' ? '<=' : '>='} ${figure.goal.limit})${against.ratio <= 1 ? '' : ' MISSED'}`;
}

function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
