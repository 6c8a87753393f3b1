import { AppError, fail, ok, type Result } from '../errors';
import { parseAamvaDate } from './aamva-dates';
import { IIN_JURISDICTIONS } from './iin';

/**
 * AAMVA PDF417 (US and Canadian DL/ID cards, versions 1–11) as read by a
 * scanner, tolerant of how scanners mangle it. Recovery strategy:
 * - decode bytes as latin1, drop byte-order marks, turn the literal word
 *   "Enter" some wedge decoders type into a line break;
 * - find the header by its file type ("ANSI " or "AAMVA", any case) rather
 *   than by a leading "@", and read IIN, version and jurisdiction version
 *   after it;
 * - never trust the directory's offsets: find the DL/ID subfile by its type
 *   followed by an element id;
 * - split elements at any control character; when a wedge dropped them all,
 *   split at the known three-letter element ids instead.
 * Bounded work: input is capped and every step is linear.
 */
export interface ParsedId {
  readonly idNumber: string;
  readonly familyName: string;
  readonly firstName: string;
  readonly middleName: string | null;
  readonly nameTruncation: { readonly family: boolean; readonly first: boolean; readonly middle: boolean };
  readonly dateOfBirth: string;
  readonly expiry: string;
  readonly issueDate: string | null;
  /** The issuer, from the IIN (not the address). */
  readonly jurisdiction: string;
  readonly addressJurisdiction: string | null;
  readonly country: 'USA' | 'CAN';
  readonly postalCode: string | null;
  readonly sex: 'male' | 'female' | 'unspecified' | null;
  readonly documentDiscriminator: string | null;
  readonly complianceType: string | null;
  readonly realId: boolean;
  readonly aamvaVersion: number;
  readonly jurisdictionVersion: number | null;
  readonly iin: string;
}

const MAX_INPUT = 8_192;
const ELEMENT_IDS = [
  'DAQ', 'DCS', 'DAC', 'DAD', 'DBB', 'DBA', 'DBD', 'DAJ', 'DAK', 'DAG', 'DAH', 'DAI', 'DCG', 'DBC', 'DCF', 'DDA', 'DDE', 'DDF', 'DDG', 'DDH', 'DDI', 'DDJ', 'DAA', 'DCT', 'DCA',
  'DCB', 'DCD', 'DAU', 'DAW', 'DAY', 'DAZ', 'DCK', 'DDB', 'DDC', 'DDD', 'DDK', 'DDL', 'DCU', 'DBN', 'DBG', 'DBS', 'DCE', 'DCL', 'DCM', 'DCN', 'DCO', 'DCP', 'DCQ', 'DCR', 'DAB', 'DAE', 'DAF',
] as const;
const ELEMENT_SET: ReadonlySet<string> = new Set(ELEMENT_IDS);

export function parseAamva(input: string | Uint8Array): Result<ParsedId> {
  try {
    return ok(parse(typeof input === 'string' ? input : latin1(input)));
  } catch (error) {
    if (error instanceof AppError) return fail(error.toValue());
    return fail({ code: 'ID_NOT_AAMVA', message: 'This is not a driver’s licence or ID card barcode — scan the back of the card again.' });
  }
}

/** A quick test for scans: does this look like a licence barcode rather than a product code? */
export function looksLikeAamva(text: string): boolean {
  const start = text.replace(/^\uFEFF/, '');
  return /(ANSI |AAMVA)\s?\d{6}/i.test(text.slice(0, 200)) || (start.startsWith('@') && start.charCodeAt(1) < 0x20);
}

function parse(raw: string): ParsedId {
  if (raw.length > MAX_INPUT) throw new AppError('ID_TOO_LONG', 'That scan is far too long to be an ID card barcode.');
  let text = raw.replace(/^\uFEFF|\u00EF\u00BB\u00BF/g, '').replace(/Enter/g, '\n');
  // A card may declare a printable data element separator right after "@" (a "|" has been seen).
  const declared = text.startsWith('@') ? text[1] : undefined;
  if (declared !== undefined && /[^\w\s]/.test(declared)) text = text.split(declared).join('\n');
  const header = /(ANSI |AAMVA)\s?(\d{6})(\d{2})(\d{2})?(\d{2})?/i.exec(text);
  if (header === null) throw new AppError('ID_NOT_AAMVA', 'This is not a driver’s licence or ID card barcode — scan the back of the card again.');
  const iin = header[2] ?? '';
  const version = Number(header[3]);
  const issuer = IIN_JURISDICTIONS[iin];
  if (issuer === undefined) throw new AppError('ID_UNKNOWN_ISSUER', `The card's issuer number ${iin} is not a US or Canadian jurisdiction.`);
  const jurisdictionVersion = version >= 2 && header[4] !== undefined ? Number(header[4]) : null;
  const elements = readElements(text.slice(header.index + header[0].length));
  const get = (id: string): string | null => {
    const value = elements.get(id)?.trim();
    return value === undefined || value === '' || /^(NONE|unavl|unavail)$/i.test(value) ? null : value;
  };
  const names = nameOf(get);
  const idNumber = get('DAQ');
  if (idNumber === null) throw new AppError('ID_FIELD_MISSING', 'The card barcode has no ID number (DAQ) — type the ID instead.');
  const dateOfBirth = dateOf(get, 'DBB', 'birth date');
  const expiry = dateOf(get, 'DBA', 'expiry date');
  const issueRaw = get('DBD');
  const sex = get('DBC');
  const compliance = get('DDA');
  const country = (get('DCG')?.toUpperCase().slice(0, 3) as 'USA' | 'CAN' | undefined) ?? issuer.country;
  return {
    idNumber,
    ...names,
    dateOfBirth,
    expiry,
    issueDate: issueRaw === null ? null : parseAamvaDate(issueRaw),
    jurisdiction: issuer.code,
    addressJurisdiction: get('DAJ')?.toUpperCase() ?? null,
    country: country === 'CAN' ? 'CAN' : 'USA',
    postalCode: get('DAK')?.replace(/0000$/, '').replace(/\s+/g, ' ').trim() ?? null,
    sex: sex === '1' || sex?.toUpperCase() === 'M' ? 'male' : sex === '2' || sex?.toUpperCase() === 'F' ? 'female' : sex === '9' ? 'unspecified' : null,
    documentDiscriminator: get('DCF'),
    complianceType: compliance,
    realId: compliance?.toUpperCase() === 'F',
    aamvaVersion: version,
    jurisdictionVersion,
    iin,
  };
}

/** Elements after the header: from the DL/ID subfile on, split at control characters or known ids. */
function readElements(body: string): Map<string, string> {
  const start = /(DL|ID)(?=DAQ|DCS|DAA|DCA|DAC|DCT|DBA|DBB)/i.exec(body) ?? /(?=DAQ|DCS|DAA)/i.exec(body);
  const subfile = start === null ? body : body.slice(start.index + (start[1]?.length ?? 0));
  const pieces = hasControlCharacter(subfile) ? splitAtControlCharacters(subfile) : splitAtKnownIds(subfile);
  const elements = new Map<string, string>();
  for (const piece of pieces.flatMap((p) => (p.length > 3 && !ELEMENT_SET.has(p.slice(0, 3).toUpperCase()) ? [] : [p]))) {
    const id = piece.slice(0, 3).toUpperCase();
    if (ELEMENT_SET.has(id) && !elements.has(id)) elements.set(id, piece.slice(3));
  }
  return elements;
}

function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) if (text.charCodeAt(i) < 0x20) return true;
  return false;
}

/** Any control character (LF, CR, RS, a declared separator) ends an element. */
function splitAtControlCharacters(text: string): string[] {
  const pieces: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i += 1) {
    if (text.charCodeAt(i) < 0x20) {
      if (current !== '') pieces.push(current);
      current = '';
    } else current += text[i] ?? '';
  }
  if (current !== '') pieces.push(current);
  return pieces;
}

/** Wedge scanners that drop every separator leave "DAQD123DCSSMITH…": split before each known id. */
function splitAtKnownIds(text: string): string[] {
  const pieces: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i += 1) {
    const id = text.slice(i, i + 3).toUpperCase();
    if (ELEMENT_SET.has(id) && (current === '' || !/[a-z]/.test(text[i] ?? ''))) {
      if (current !== '') pieces.push(current);
      current = text.slice(i, i + 3);
      i += 2;
    } else current += text[i] ?? '';
  }
  if (current !== '') pieces.push(current);
  return pieces;
}

function nameOf(get: (id: string) => string | null): Pick<ParsedId, 'familyName' | 'firstName' | 'middleName' | 'nameTruncation'> {
  const truncation = { family: get('DDE')?.toUpperCase() === 'T', first: get('DDF')?.toUpperCase() === 'T', middle: get('DDG')?.toUpperCase() === 'T' };
  const family = get('DCS');
  const first = get('DAC');
  if (family !== null && first !== null) return { familyName: family, firstName: first, middleName: get('DAD'), nameTruncation: truncation };
  const given = get('DCT');
  if (family !== null && given !== null) {
    const [firstName = '', ...rest] = given.split(/[,$ ]+/).filter((p) => p !== '');
    return { familyName: family, firstName, middleName: rest.length === 0 ? null : rest.join(' '), nameTruncation: truncation };
  }
  const full = get('DAA');
  if (full !== null) {
    // Version 1: FAMILY,GIVEN,MIDDLE (or $ as the separator).
    const [familyName = '', firstName = '', ...middle] = full.split(/[,$]/).map((p) => p.trim());
    if (familyName !== '' && firstName !== '') return { familyName, firstName, middleName: middle.filter((m) => m !== '').join(' ') || null, nameTruncation: truncation };
  }
  throw new AppError('ID_FIELD_MISSING', 'The card barcode has no readable name — type the ID instead.');
}

function dateOf(get: (id: string) => string | null, id: string, label: string): string {
  const raw = get(id);
  if (raw === null) throw new AppError('ID_FIELD_MISSING', `The card barcode has no ${label} (${id}) — type the ID instead.`);
  const date = parseAamvaDate(raw);
  if (date === null) throw new AppError('ID_DATE_INVALID', `The ${label} ${raw} on the card is not a valid date — check the card.`);
  return date;
}

function latin1(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += String.fromCharCode(b);
  return out;
}
