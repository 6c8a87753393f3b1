import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_CLAIM_RULES, findMedicalClaims } from '../../../../src/shared/domain/customer-care/medical-claims';

const terms = BUILT_IN_CLAIM_RULES.flatMap((rule) => rule.terms.map((term) => ({ rule, term })));
const anyCase = (text: string, flips: readonly boolean[]) =>
  [...text].map((c, i) => (flips[i % flips.length] === true ? c.toUpperCase() : c.toLowerCase())).join('');
const separator = fc.constantFrom(' ', '. ', ', ', '! ', '\n', ' (', ') ', ' — ', '"', '');

describe('medical-claim matching (property)', () => {
  it('finds every listed term in any case wherever it stands as a whole word, reported as written', () => {
    fc.assert(
      fc.property(fc.constantFrom(...terms), fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }), separator, separator, (entry, flips, before, after) => {
        const written = anyCase(entry.term, flips);
        const text = `Our product${before === '' ? ' ' : before}${written}${after === '' ? ' ' : after}end`;
        const found = findMedicalClaims(text);
        expect(found.some((f) => f.phrase === written && text.slice(f.index, f.index + f.phrase.length) === written)).toBe(true);
      }),
    );
  });

  it('never flags a term that is only part of a longer word', () => {
    fc.assert(
      fc.property(fc.constantFrom(...terms), fc.constantFrom('q', 'x', 'é', '7'), (entry, glue) => {
        expect(findMedicalClaims(`${glue}${entry.term}${glue}`)).toEqual([]);
      }),
    );
  });
});
