/**
 * Medical claims in customer-facing text (issue #22).
 *
 * Nothing the store sends or prints may say that a product cures, treats or
 * prevents a disease: under federal law such a claim makes the product an
 * unapproved drug, health claims in advertising need competent and reliable
 * scientific evidence, and the states' cannabis advertising rules forbid
 * them outright. Product information describes characteristics (cannabinoids,
 * terpenes from the certificate of analysis), never therapeutic effects.
 *
 * The built-in list is data: each rule names its terms (every form that is
 * matched, whole words only, case-insensitive), the source it rests on, and
 * whether that citation still needs a compliance officer's check (⚠ verify).
 * A compliance officer adds rules at the store (stored, audited); the checker
 * takes both lists.
 */

export interface ClaimSource {
  readonly citation: string;
  /** What the source says, in our words. */
  readonly summary: string;
  /** True when the citation (section or paragraph) still needs checking against the text. */
  readonly verify: boolean;
}

export type ClaimRuleKind = 'claim_verb' | 'disease' | 'therapeutic_phrase';

export interface ClaimRule {
  readonly id: string;
  readonly kind: ClaimRuleKind;
  /** Every form matched as a whole word or phrase, case-insensitive. */
  readonly terms: readonly string[];
  /** Phrases containing a term that are not a claim ("sweet treats"): matched text inside one of these is not flagged. */
  readonly notClaims?: readonly string[];
  readonly source: ClaimSource;
}

export const CLAIM_SOURCES = {
  fdcaDrug: {
    citation: '21 U.S.C. §321(g)(1)(B) (FD&C Act §201(g)(1)(B))',
    summary:
      'An article intended for use in the diagnosis, cure, mitigation, treatment or prevention of disease is a drug; a product marketed that way is an unapproved new drug.',
    verify: false,
  },
  fdaDiseaseClaim: {
    citation: '21 CFR 101.93(g)(2)',
    summary:
      'A statement is a disease claim if it says, explicitly or implicitly, that the product has an effect on a specific disease or class of diseases (FDA’s test, applied in its warning letters to cannabis and CBD sellers).',
    verify: false,
  },
  ftcHealthClaims: {
    citation: '15 U.S.C. §§45, 52 (FTC Act §§5, 12); FTC Health Products Compliance Guidance (Dec 2022)',
    summary:
      'Health claims in advertising must be truthful and backed by competent and reliable scientific evidence; disease claims about cannabis products are the FTC’s and FDA’s joint enforcement target.',
    verify: false,
  },
  stateAdvertising: {
    citation:
      'State cannabis advertising rules: CA Bus. & Prof. Code §26152 and 4 CCR §15040 ff.; CO 1 CCR 212-3 Rule 3-1005; WA WAC 314-55-155; MA 935 CMR 500.105(4)(b); MI R 420.507 ⚠ verify each section and paragraph',
    summary: 'State rules forbid advertising or labelling that is false or misleading, and several name health or therapeutic claims expressly.',
    verify: true,
  },
} as const satisfies Record<string, ClaimSource>;

export const BUILT_IN_CLAIM_RULES: readonly ClaimRule[] = [
  { id: 'cure', kind: 'claim_verb', terms: ['cure', 'cures', 'cured', 'curing', 'curative'], source: CLAIM_SOURCES.fdcaDrug },
  {
    id: 'treat',
    kind: 'claim_verb',
    terms: ['treat', 'treats', 'treated', 'treating', 'treatment'],
    // An edible is a "treat": the noun in these phrases is not a claim.
    notClaims: ['sweet treat', 'sweet treats', 'tasty treat', 'tasty treats', 'treat yourself', 'treat your self', 'a treat', 'little treat'],
    source: CLAIM_SOURCES.fdcaDrug,
  },
  { id: 'prevent', kind: 'claim_verb', terms: ['prevent', 'prevents', 'prevented', 'preventing', 'prevention'], source: CLAIM_SOURCES.fdcaDrug },
  { id: 'mitigate', kind: 'claim_verb', terms: ['mitigate', 'mitigates', 'mitigating'], source: CLAIM_SOURCES.fdcaDrug },
  { id: 'heal', kind: 'claim_verb', terms: ['heal', 'heals', 'healing'], source: CLAIM_SOURCES.ftcHealthClaims },
  { id: 'diagnose', kind: 'claim_verb', terms: ['diagnose', 'diagnoses', 'diagnosis'], source: CLAIM_SOURCES.fdcaDrug },
  { id: 'remedy', kind: 'claim_verb', terms: ['remedy', 'remedies', 'medicinal', 'medication'], source: CLAIM_SOURCES.ftcHealthClaims },
  {
    id: 'therapeutic',
    kind: 'therapeutic_phrase',
    terms: ['therapeutic', 'pain relief', 'relieves pain', 'anti-inflammatory', 'anti-anxiety', 'clinically proven', 'doctor recommended'],
    source: CLAIM_SOURCES.stateAdvertising,
  },
  {
    id: 'disease',
    kind: 'disease',
    terms: [
      'cancer',
      'tumor',
      'tumour',
      'epilepsy',
      'seizure',
      'seizures',
      'anxiety',
      'depression',
      'insomnia',
      'ptsd',
      'glaucoma',
      'arthritis',
      'diabetes',
      'alzheimer',
      "alzheimer's",
      'parkinson',
      "parkinson's",
      'multiple sclerosis',
      'crohn',
      "crohn's",
      'migraine',
      'migraines',
      'chronic pain',
      'nausea',
      'hiv',
      'aids',
      'covid',
      'covid-19',
      'opioid addiction',
      'adhd',
      'autism',
    ],
    notClaims: ['first aids', 'band aids'],
    source: CLAIM_SOURCES.fdaDiseaseClaim,
  },
];

export interface ClaimFinding {
  /** The offending text exactly as written. */
  readonly phrase: string;
  /** Where it starts in the text (UTF-16 index). */
  readonly index: number;
  readonly ruleId: string;
  readonly kind: ClaimRuleKind;
  readonly source: ClaimSource;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A term as a pattern: its words joined by any run of spaces; apostrophes straight or curly. */
const termPattern = (term: string) =>
  term
    .trim()
    .split(/\s+/)
    .map((w) => escape(w).replace(/'/g, "['’]"))
    .join('\\s+');
// Whole words: no letter or digit right before or after (Unicode-aware, so "précure" is not "cure").
const wholeWord = (body: string) => new RegExp(`(?<![\\p{L}\\p{N}])(?:${body})(?![\\p{L}\\p{N}])`, 'giu');

/**
 * Every medical claim in `text`, in reading order, against the built-in rules
 * and any added at the store. The longest term wins where two overlap
 * ("chronic pain" over "pain relief"'s neighbour).
 */
export function findMedicalClaims(text: string, rules: readonly ClaimRule[] = BUILT_IN_CLAIM_RULES): ClaimFinding[] {
  const findings: ClaimFinding[] = [];
  for (const rule of rules) {
    const terms = [...rule.terms].filter((t) => t.trim() !== '').sort((a, b) => b.length - a.length);
    if (terms.length === 0) continue;
    const excused = excusedRanges(text, rule.notClaims ?? []);
    for (const match of text.matchAll(wholeWord(terms.map(termPattern).join('|')))) {
      const start = match.index;
      const end = start + match[0].length;
      if (excused.some(([a, b]) => a <= start && end <= b)) continue;
      findings.push({ phrase: match[0], index: start, ruleId: rule.id, kind: rule.kind, source: rule.source });
    }
  }
  findings.sort((a, b) => a.index - b.index || b.phrase.length - a.phrase.length);
  // One finding per stretch of text: a phrase inside a longer one already found is not repeated.
  return findings.filter((f, i) => !findings.slice(0, i).some((g) => g.index <= f.index && f.index + f.phrase.length <= g.index + g.phrase.length));
}

function excusedRanges(text: string, phrases: readonly string[]): Array<readonly [number, number]> {
  if (phrases.length === 0) return [];
  return [...text.matchAll(wholeWord(phrases.map(termPattern).join('|')))].map((m) => [m.index, m.index + m[0].length] as const);
}

/** A rule a compliance officer added at the store, as the checker reads it. */
export function storedClaimRule(row: {
  readonly id: string;
  readonly term: string;
  readonly kind: ClaimRuleKind;
  readonly citation: string;
  readonly summary: string;
  readonly verify: boolean;
}): ClaimRule {
  return { id: `store:${row.id}`, kind: row.kind, terms: [row.term], source: { citation: row.citation, summary: row.summary, verify: row.verify } };
}

/** "“cures” (21 U.S.C. §321(g)(1)(B)), “cancer” (21 CFR 101.93(g)(2))" — for a refusal the budtender reads. */
export function describeClaims(findings: readonly ClaimFinding[]): string {
  return findings.map((f) => `“${f.phrase}” (${f.source.citation}${f.source.verify ? ' ⚠ verify' : ''})`).join(', ');
}
