/**
 * Certificates of analysis at the counter (issue #22): percentages are exact
 * integers in basis points (0.85 % = 85 bp; 23.15 % = 2315 bp), parsed from
 * text without floating point, and the counter's search over them
 * ("myrcene > 0.5 %", "thca >= 20 and limonene > 0.3").
 */

export const analyteKinds = ['cannabinoid', 'terpene'] as const;
export type AnalyteKind = (typeof analyteKinds)[number];

/** "0.5", "23.15", "7" → basis points (50, 2315, 700); null when not a percentage with at most two decimals in 0–100. */
export function percentToBp(text: string): number | null {
  const match = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (match === null) return null;
  const bp = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return bp <= 10_000 ? bp : null;
}

/** 2315 → "23.15 %", 50 → "0.50 %". */
export function formatBp(bp: number): string {
  return `${Math.trunc(bp / 100)}.${String(bp % 100).padStart(2, '0')} %`;
}

export type Comparison = '>' | '>=' | '<' | '<=' | '=';

export interface AnalyteCondition {
  /** Lower-case analyte name as stored (`myrcene`, `thca`, `beta-caryophyllene`). */
  readonly name: string;
  readonly op: Comparison;
  readonly bp: number;
}

export type CoaQueryParse = { readonly conditions: readonly AnalyteCondition[] } | { readonly error: string };

/** Normalises an analyte name: lower case, spaces and underscores as hyphens ("Beta Caryophyllene" → "beta-caryophyllene"). */
export function analyteName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');
}

/**
 * Parses "myrcene > 0.5 %" and conditions joined by "and" or commas. A
 * readable error names the part it could not read, so the budtender fixes it.
 */
export function parseCoaQuery(text: string): CoaQueryParse {
  const parts = text
    .split(/\s*(?:,|\band\b)\s*/i)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (parts.length === 0) return { error: 'Type a condition such as “myrcene > 0.5 %”.' };
  const conditions: AnalyteCondition[] = [];
  for (const part of parts) {
    const match = /^([a-z][a-z0-9 _-]*?)\s*(>=|<=|>|<|=)\s*([0-9.]+)\s*%?$/i.exec(part);
    if (match === null) return { error: `Could not read “${part}”: write it as <name> <, <=, =, >= or > <percent>, e.g. myrcene > 0.5 %.` };
    const bp = percentToBp(match[3] ?? '');
    if (bp === null) return { error: `“${match[3]}” is not a percentage between 0 and 100 with at most two decimals.` };
    conditions.push({ name: analyteName(match[1] ?? ''), op: match[2] as Comparison, bp });
  }
  return { conditions };
}

export function meets(condition: AnalyteCondition, bp: number): boolean {
  switch (condition.op) {
    case '>':
      return bp > condition.bp;
    case '>=':
      return bp >= condition.bp;
    case '<':
      return bp < condition.bp;
    case '<=':
      return bp <= condition.bp;
    case '=':
      return bp === condition.bp;
    default: {
      const never: never = condition.op;
      throw new Error(`unknown comparison ${String(never)}`);
    }
  }
}
