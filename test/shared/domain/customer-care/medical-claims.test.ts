import { describe, expect, it } from 'vitest';
import { BUILT_IN_CLAIM_RULES, describeClaims, findMedicalClaims, storedClaimRule } from '../../../../src/shared/domain/customer-care/medical-claims';

const phrases = (text: string) => findMedicalClaims(text).map((f) => f.phrase);

describe('medical-claim checker', () => {
  it('finds claim verbs and disease names, whole words, any case, as written', () => {
    expect(phrases('This tincture CURES insomnia and Treats Chronic  Pain.')).toEqual(['CURES', 'insomnia', 'Treats', 'Chronic  Pain']);
  });

  it('does not flag words that merely contain a term, nor the edible "treats"', () => {
    expect(phrases('Procured from a curated farm; secure checkout. Sweet treats for the weekend — treat yourself!')).toEqual([]);
    expect(phrases('Our gummies treat anxiety')).toEqual(['treat', 'anxiety']);
  });

  it('names the rule and its source for each finding', () => {
    const [finding] = findMedicalClaims('Helps prevent seizures');
    expect(finding).toMatchObject({ phrase: 'prevent', ruleId: 'prevent', kind: 'claim_verb', index: 6 });
    expect(finding?.source.citation).toContain('21 U.S.C. §321(g)(1)(B)');
    expect(describeClaims(findMedicalClaims('cures cancer'))).toBe(
      '“cures” (21 U.S.C. §321(g)(1)(B) (FD&C Act §201(g)(1)(B))), “cancer” (21 CFR 101.93(g)(2))',
    );
  });

  it('matches curly and straight apostrophes and multi-word names', () => {
    expect(phrases('Not for Crohn’s or multiple\nsclerosis')).toEqual(['Crohn’s', 'multiple\nsclerosis']);
  });

  it('takes rules a compliance officer added, with their own citation', () => {
    const added = storedClaimRule({ id: 'r1', term: 'fibromyalgia', kind: 'disease', citation: 'Store policy 4.2', summary: 'x', verify: true });
    expect(findMedicalClaims('Fibromyalgia relief', [...BUILT_IN_CLAIM_RULES, added])).toMatchObject([{ phrase: 'Fibromyalgia', ruleId: 'store:r1' }]);
    expect(findMedicalClaims('Fibromyalgia relief')).toEqual([]);
  });

  it('every built-in rule carries a citation, and state rules are flagged to verify', () => {
    for (const rule of BUILT_IN_CLAIM_RULES) {
      expect(rule.source.citation.length).toBeGreaterThan(5);
      expect(rule.terms.length).toBeGreaterThan(0);
    }
    expect(BUILT_IN_CLAIM_RULES.find((r) => r.id === 'therapeutic')?.source.verify).toBe(true);
  });

  it('lets product facts through', () => {
    expect(phrases('Blue Dream 3.5 g — THC 22.4 %, myrcene 0.8 %. Tested by SC Labs. Thank you for shopping with us!')).toEqual([]);
  });
});
