import type { StateTaxTable } from '../tax-rule';

/**
 * Florida (medical only). Marijuana and marijuana delivery devices dispensed
 * under s. 381.986, F.S. are exempt from sales tax (s. 212.08(2), F.S., as
 * amended by ch. 2017-232): a treatment centre charges no tax on them. Other
 * goods (clothing, non-delivery accessories) would pay 6 % plus county surtax,
 * which this table does not model: the `accessory` category is read as
 * delivery devices. Florida licenses no adult-use sales.
 */
export const floridaTaxes: StateTaxTable = {
  state: 'FL',
  version: '2026-06-01.1',
  saleTypes: ['medical'],
  localTaxCapBp: 0,
  sources: [
    'https://www.flsenate.gov/Session/Bill/2022/776/BillText/Filed/HTML (describes the existing s. 212.08 exemption)',
    'https://thelaughinggrass.com/florida-legislature-passes-medical-marijuana-bill (SB 8-A, 2017)',
  ],
  rules: [],
};
