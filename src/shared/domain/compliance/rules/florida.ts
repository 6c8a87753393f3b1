import type { StateRulePack } from '../limit-rule';
import { each, MED, ounces, rule } from '../rule-helpers';

/**
 * Florida, medical only (docs/compliance/fl.md).
 * Smokable: F.S. 381.986(8)(e)16.b. — no more than one 35-day supply of
 * marijuana in a form for smoking in any 35 days; a 35-day supply may not
 * exceed 2.5 oz (quoted by the Office of Medical Marijuana Use). Infused
 * pre-rolls are marijuana in a form for smoking (stricter reading).
 * Non-smokable: the Department of Health's daily dose and 70-day supply
 * limits (Emergency Rule 64ER22-8, effective 2022-08-29, under F.S.
 * 381.986(4)(f)): 24,500 mg THC in aggregate, and per route — edibles
 * 4,200 mg, inhalation 24,500, oral 14,000, sublingual 13,300, suppository
 * 13,650, topical 10,500. Products do not carry their route: beverages
 * count as edibles, tinctures at the sublingual cap (the lower of oral and
 * sublingual). The rule text was read only as quoted by secondary sources
 * and its permanent number in chapter 64-4 F.A.C. was not found: verify.
 * The physician's order balance in the registry (MMUR) caps further — the
 * state allotment check, not this pack.
 */
const SMOKABLE = each(['flower', 'preroll', 'infused_preroll'], 'net_weight_mg');
const ROUTE = 'DOH Emergency Rule 64ER22-8 (F.S. 381.986(4)(f))';
const note = '64ER22-8 read through secondary quotations; route assumed from the category.';
const v = { effectiveFrom: '2022-08-29', verify: true, verifyNote: note } as const;

export const florida: StateRulePack = {
  state: 'FL',
  version: 'FL-2026-12',
  adultUse: false,
  ages: [
    { customerType: 'medical', minimumAge: 18, citation: 'F.S. 381.986 (minors through a caregiver)' },
    { customerType: 'caregiver', minimumAge: 21, citation: 'F.S. 381.986(6)' },
  ],
  limits: [
    rule('FL-MED-SMOKABLE', 'smokable', MED, SMOKABLE, ounces(2.5), { rollingDays: 35 }, 'F.S. 381.986(8)(e)16.b. (2.5 oz per 35 days)', {
      effectiveFrom: '2019-03-18',
    }),
    rule(
      'FL-MED-NONSMOKABLE',
      'non_smokable',
      MED,
      each(['concentrate', 'vape', 'edible', 'beverage', 'tincture', 'topical'], 'thc_mg'),
      24_500,
      { rollingDays: 70 },
      `${ROUTE} (24,500 mg THC per 70 days, aggregate)`,
      v,
    ),
    rule(
      'FL-MED-INHALATION',
      'inhalation',
      MED,
      each(['concentrate', 'vape'], 'thc_mg'),
      24_500,
      { rollingDays: 70 },
      `${ROUTE} (inhalation: 24,500 mg THC per 70 days)`,
      v,
    ),
    rule('FL-MED-EDIBLE', 'edible', MED, each(['edible', 'beverage'], 'thc_mg'), 4_200, { rollingDays: 70 }, `${ROUTE} (edibles: 4,200 mg THC per 70 days)`, v),
    rule(
      'FL-MED-TINCTURE',
      'tincture',
      MED,
      { tincture: 'thc_mg' },
      13_300,
      { rollingDays: 70 },
      `${ROUTE} (sublingual 13,300 / oral 14,000 mg THC per 70 days: the lower)`,
      v,
    ),
    rule('FL-MED-TOPICAL', 'topical', MED, { topical: 'thc_mg' }, 10_500, { rollingDays: 70 }, `${ROUTE} (topical: 10,500 mg THC per 70 days)`, v),
  ],
};
