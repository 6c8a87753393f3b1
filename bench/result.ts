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
  /** The acceptance goal of issue #18, where it names one: `metric` (p50, p99 or a key of `extra`) must stay at most / at least `limit`. */
  readonly goal?: Goal;
}

export interface Goal {
  readonly metric: string;
  readonly kind: 'at most' | 'at least';
  readonly limit: number;
}

/**
 * The measured value over its goal, so that 1 is the goal itself and under 1
 * meets it either way: measured / limit for an upper bound, limit /
 * measured for a lower bound (a throughput).
 */
export function ratioToGoal(figure: Figure): { measured: number; ratio: number } | null {
  const { goal } = figure;
  if (goal === undefined) return null;
  const value = goal.metric === 'p50' ? figure.p50 : goal.metric === 'p99' ? figure.p99 : figure.extra?.[goal.metric];
  if (typeof value !== 'number' || value <= 0) return null;
  const ratio = goal.kind === 'at most' ? value / goal.limit : goal.limit / value;
  return { measured: value, ratio: Math.round(ratio * 100) / 100 };
}
