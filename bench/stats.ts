/** Percentiles over measured samples (nearest-rank), in the samples' own unit. */
export interface Summary {
  readonly samples: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

export function summarize(values: readonly number[]): Summary {
  if (values.length === 0) throw new Error('No samples');
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
  return { samples: sorted.length, p50: round(rank(50)), p99: round(rank(99)), max: round(sorted.at(-1) ?? 0) };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** Milliseconds elapsed while `work` runs, with a high-resolution clock. */
export function timeMs(work: () => void): number {
  const start = process.hrtime.bigint();
  work();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export async function timeMsAsync(work: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - start) / 1e6;
}
