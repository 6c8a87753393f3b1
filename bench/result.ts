import type { Summary } from './stats';

/** One measured figure as it lands in bench/results.json. */
export interface Figure extends Partial<Summary> {
  readonly id: string;
  readonly title: string;
  readonly unit: string;
  /** What the figure was measured against (rows, sizes). */
  readonly dataSize: Record<string, number | string>;
  /** Extra measured values (ratios, throughput, memory). */
  readonly extra?: Record<string, number | string>;
}
