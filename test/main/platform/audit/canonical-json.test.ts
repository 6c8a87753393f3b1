import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../../src/main/platform/audit/canonical-json';

/** The definition the audit chain's hashes were made with: JSON.stringify of a key-sorted copy. */
function reference(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)]));
  }
  return value;
}

describe('canonical JSON (what audit hashes and sale seals are computed over)', () => {
  it('writes exactly the text of the key-sorted copy, for any JSON-like value', () => {
    const leaf = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.date({ noInvalidDate: true }));
    const value = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        leaf,
        fc.array(tie('node')),
        fc.dictionary(fc.oneof(fc.string(), fc.nat().map(String), fc.constantFrom('4294967295', '01', '-1', '1.5')), tie('node')),
      ),
    })).node;
    fc.assert(
      fc.property(value, (v) => {
        expect(canonicalJson(v)).toBe(reference(v));
      }),
      { numRuns: 2_000 },
    );
  });

  it('sorts keys at every level and leaves out undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, undefined, { z: 1, y: undefined }], c: 'x' }, e: undefined })).toBe('{"a":{"c":"x","d":[1,null,{"z":1}]},"b":1}');
    expect(canonicalJson({ at: new Date(Date.UTC(2026, 11, 7)) })).toBe('{"at":"2026-12-07T00:00:00.000Z"}');
    // eslint-disable-next-line no-sparse-arrays -- a hole is written as JSON.stringify writes it
    expect(canonicalJson([1, , 3])).toBe(reference([1, , 3]));
  });
});
