/**
 * Issuer identification numbers on AAMVA DL/ID cards → issuing jurisdiction
 * (the issuer, not the holder's address state). From AAMVA's published IIN
 * list as remembered by its public summaries; verify new entries against it.
 */
export const IIN_JURISDICTIONS: Readonly<Record<string, { readonly code: string; readonly country: 'USA' | 'CAN' }>> = {
  '636033': { code: 'AL', country: 'USA' }, '636059': { code: 'AK', country: 'USA' }, '636026': { code: 'AZ', country: 'USA' },
  '636021': { code: 'AR', country: 'USA' }, '636014': { code: 'CA', country: 'USA' }, '636020': { code: 'CO', country: 'USA' },
  '636006': { code: 'CT', country: 'USA' }, '636011': { code: 'DE', country: 'USA' }, '636043': { code: 'DC', country: 'USA' },
  '636010': { code: 'FL', country: 'USA' }, '636055': { code: 'GA', country: 'USA' }, '636047': { code: 'HI', country: 'USA' },
  '636050': { code: 'ID', country: 'USA' }, '636035': { code: 'IL', country: 'USA' }, '636037': { code: 'IN', country: 'USA' },
  '636018': { code: 'IA', country: 'USA' }, '636022': { code: 'KS', country: 'USA' }, '636046': { code: 'KY', country: 'USA' },
  '636007': { code: 'LA', country: 'USA' }, '636041': { code: 'ME', country: 'USA' }, '636003': { code: 'MD', country: 'USA' },
  '636002': { code: 'MA', country: 'USA' }, '636032': { code: 'MI', country: 'USA' }, '636038': { code: 'MN', country: 'USA' },
  '636051': { code: 'MS', country: 'USA' }, '636030': { code: 'MO', country: 'USA' }, '636008': { code: 'MT', country: 'USA' },
  '636054': { code: 'NE', country: 'USA' }, '636049': { code: 'NV', country: 'USA' }, '636039': { code: 'NH', country: 'USA' },
  '636036': { code: 'NJ', country: 'USA' }, '636009': { code: 'NM', country: 'USA' }, '636001': { code: 'NY', country: 'USA' },
  '636004': { code: 'NC', country: 'USA' }, '636034': { code: 'ND', country: 'USA' }, '636023': { code: 'OH', country: 'USA' },
  '636058': { code: 'OK', country: 'USA' }, '636029': { code: 'OR', country: 'USA' }, '636025': { code: 'PA', country: 'USA' },
  '636052': { code: 'RI', country: 'USA' }, '636005': { code: 'SC', country: 'USA' }, '636042': { code: 'SD', country: 'USA' },
  '636053': { code: 'TN', country: 'USA' }, '636015': { code: 'TX', country: 'USA' }, '636040': { code: 'UT', country: 'USA' },
  '636024': { code: 'VT', country: 'USA' }, '636000': { code: 'VA', country: 'USA' }, '636045': { code: 'WA', country: 'USA' },
  '636061': { code: 'WV', country: 'USA' }, '636031': { code: 'WI', country: 'USA' }, '636060': { code: 'WY', country: 'USA' },
  '636019': { code: 'GU', country: 'USA' }, '604431': { code: 'PR', country: 'USA' }, '636062': { code: 'VI', country: 'USA' },
  '604427': { code: 'AS', country: 'USA' },
  '604432': { code: 'AB', country: 'CAN' }, '636028': { code: 'BC', country: 'CAN' }, '636048': { code: 'MB', country: 'CAN' },
  '636017': { code: 'NB', country: 'CAN' }, '636016': { code: 'NL', country: 'CAN' }, '636013': { code: 'NS', country: 'CAN' },
  '636012': { code: 'ON', country: 'CAN' }, '604426': { code: 'PE', country: 'CAN' }, '604428': { code: 'QC', country: 'CAN' },
  '636044': { code: 'SK', country: 'CAN' }, '604429': { code: 'YT', country: 'CAN' }, '604430': { code: 'NT', country: 'CAN' },
  '604433': { code: 'NU', country: 'CAN' },
};
