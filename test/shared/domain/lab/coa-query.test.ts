import { describe, expect, it } from 'vitest';
import { formatBp, meets, parseCoaQuery, percentToBp } from '../../../../src/shared/domain/lab/coa-query';

describe('certificate percentages and search', () => {
  it('reads percentages as exact basis points, never through a float', () => {
    expect(['0.5', '0.05', '23.15', '100', '7', '0.29'].map(percentToBp)).toEqual([50, 5, 2315, 10_000, 700, 29]);
    expect(['0.125', '100.01', '-1', 'abc', ''].map(percentToBp)).toEqual([null, null, null, null, null]);
    expect(formatBp(2315)).toBe('23.15 %');
    expect(formatBp(50)).toBe('0.50 %');
  });

  it('parses "myrcene > 0.5 %" and conjunctions', () => {
    expect(parseCoaQuery('myrcene > 0.5 %')).toEqual({ conditions: [{ name: 'myrcene', op: '>', bp: 50 }] });
    expect(parseCoaQuery('THCa >= 20 and Beta Caryophyllene > 0.3%, linalool<=0.1')).toEqual({
      conditions: [
        { name: 'thca', op: '>=', bp: 2000 },
        { name: 'beta-caryophyllene', op: '>', bp: 30 },
        { name: 'linalool', op: '<=', bp: 10 },
      ],
    });
    expect(parseCoaQuery('myrcene is high')).toMatchObject({ error: expect.stringContaining('Could not read “myrcene is high”') });
    expect(parseCoaQuery('myrcene > 0.555')).toMatchObject({ error: expect.stringContaining('at most two decimals') });
  });

  it('compares exactly at the boundary', () => {
    const c = { name: 'myrcene', op: '>' as const, bp: 50 };
    expect([meets(c, 50), meets(c, 51), meets({ ...c, op: '>=' }, 50), meets({ ...c, op: '=' }, 50), meets({ ...c, op: '<' }, 49)]).toEqual([
      false,
      true,
      true,
      true,
      true,
    ]);
  });
});
