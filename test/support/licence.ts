/** Issuer identification numbers of the states the tests use (AAMVA's IIN table). */
const IIN: Readonly<Record<string, string>> = { CA: '636014', CO: '636020', FL: '636010', IL: '636035', MA: '636002', MI: '636032', WI: '636031' };

export interface LicenceFields {
  readonly idNumber: string;
  readonly familyName: string;
  readonly firstName: string;
  /** YYYY-MM-DD. */
  readonly dateOfBirth: string;
  /** YYYY-MM-DD, or null for a barcode that carries no expiry element. */
  readonly expiry: string | null;
  readonly issuer: keyof typeof IIN | string;
}

const mmddccyy = (iso: string) => `${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(0, 4)}`;

/**
 * A US licence's PDF417 text as an ID scanner sends it (AAMVA 2016, version
 * 08): "@" LF RS CR, the "ANSI " header with the issuer's IIN, one DL
 * subfile of LF-separated elements ended by CR.
 */
export function licenceBarcode(f: LicenceFields): string {
  const iin = IIN[f.issuer];
  if (iin === undefined) throw new Error(`no IIN for ${f.issuer} in the test table`);
  const elements = [
    'DCAC',
    `DCS${f.familyName.toUpperCase()}`,
    `DAC${f.firstName.toUpperCase()}`,
    'DADNONE',
    'DBD01012022',
    `DBB${mmddccyy(f.dateOfBirth)}`,
    ...(f.expiry === null ? [] : [`DBA${mmddccyy(f.expiry)}`]),
    'DBC1',
    `DAJ${f.issuer}`,
    'DAK123450000  ',
    `DAQ${f.idNumber}`,
    'DCF00000000000000',
    'DCGUSA',
    'DDAF',
  ];
  const body = `DL${elements.join('\n')}\r`;
  const header = `@\n\u001e\rANSI ${iin}080001DL0041${String(body.length).padStart(4, '0')}`;
  return header + body;
}
