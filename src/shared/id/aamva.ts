import { AppError, fail, ok, type Result } from '../errors';
import { parseAamvaDate } from './aamva-dates';
import { IIN_JURISDICTIONS } from './iin';

/**
 * AAMVA PDF417 (US and Canadian DL/ID cards, versions 1–11) as read by a
 * scanner. "Parse fully, decide separately": every field the barcode holds
 * is returned; a field that is absent or unreadable is `null` and named in
 * `warnings`. Whether such a card is acceptable (no expiry, expired, no
 * first name) is check-in's decision, never the parser's. The only errors
 * are for input that is not a licence barcode at all (`ID_NOT_AAMVA`), has
 * no data subfile (`ID_NO_SUBFILE`) or is far too long (`ID_TOO_LONG`).
 *
 * Recovery strategy, tolerant of how scanners mangle the data:
 * - decode bytes as latin1, drop byte-order marks, turn the word "Enter" or
 *   "<LF>"-style tokens some wedge decoders type into a line break;
 * - find the header by its file type ("ANSI", "ANSI " or "AAMVA", any case)
 *   rather than by a leading "@"; read IIN, version and jurisdiction
 *   version after it. A card whose header was lost entirely is still read
 *   when its elements are unmistakable (three or more known element ids);
 * - never trust the directory's offsets: find the DL/ID subfile by its type
 *   followed by an element id, or the first element id after the directory;
 * - split elements at any control character; where a wedge dropped them,
 *   split at the known three-letter element ids instead.
 * Bounded work: input is capped and every step is linear.
 */
export interface ParsedLicence {
  readonly idNumber: string | null;
  readonly familyName: string | null;
  readonly firstName: string | null;
  readonly middleName: string | null;
  readonly nameSuffix: string | null;
  /** DDE/DDF/DDG = "T"; false when the card says "N", "U" or nothing. */
  readonly nameTruncation: { readonly family: boolean; readonly first: boolean; readonly middle: boolean };
  /** ISO `YYYY-MM-DD`. */
  readonly dateOfBirth: string | null;
  readonly expiry: string | null;
  readonly issueDate: string | null;
  /** The issuer: from the IIN when it is in the table, else the address jurisdiction (DAJ). */
  readonly jurisdiction: string | null;
  /** False for issuer numbers outside the table (test cards, new issuers). */
  readonly issuerKnown: boolean;
  readonly addressJurisdiction: string | null;
  readonly country: 'USA' | 'CAN' | null;
  readonly postalCode: string | null;
  readonly sex: 'male' | 'female' | 'unspecified' | null;
  /** As printed (DAU, or DAV in centimetres on version 1 cards); whole numbers only. */
  readonly height: { readonly value: number; readonly unit: 'in' | 'cm' } | null;
  readonly eyeColor: string | null;
  readonly documentDiscriminator: string | null;
  readonly complianceType: string | null;
  readonly realId: boolean;
  /** Null only when the header was lost and the card was read from its elements. */
  readonly aamvaVersion: number | null;
  readonly jurisdictionVersion: number | null;
  readonly iin: string | null;
  /** What could not be read; empty for a complete card. */
  readonly warnings: readonly IdWarning[];
}

export type IdWarningCode = 'ID_FIELD_MISSING' | 'ID_DATE_INVALID' | 'ID_ISSUER_UNKNOWN' | 'ID_NAME_ORDER_GUESSED' | 'ID_HEADER_MISSING';

export interface IdWarning {
  readonly code: IdWarningCode;
  /** The parsed field concerned, when there is one. */
  readonly field: 'idNumber' | 'familyName' | 'firstName' | 'dateOfBirth' | 'expiry' | 'issueDate' | 'jurisdiction' | null;
  readonly message: string;
}

/** Error codes `parseAamva` can return (everything else is a warning). */
export const ID_ERROR_CODES = ['ID_NOT_AAMVA', 'ID_NO_SUBFILE', 'ID_TOO_LONG'] as const;

const MAX_INPUT = 8_192;
const MODERN_IDS = [
  'DAQ',
  'DCS',
  'DAC',
  'DAD',
  'DBB',
  'DBA',
  'DBD',
  'DAJ',
  'DAK',
  'DAG',
  'DAH',
  'DAI',
  'DCG',
  'DBC',
  'DCF',
  'DDA',
  'DDE',
  'DDF',
  'DDG',
  'DDH',
  'DDI',
  'DDJ',
  'DAA',
  'DCT',
  'DCA',
  'DCB',
  'DCD',
  'DAU',
  'DAW',
  'DAY',
  'DAZ',
  'DCK',
  'DDB',
  'DDC',
  'DDD',
  'DDK',
  'DDL',
  'DCU',
  'DBN',
  'DBG',
  'DBS',
  'DCE',
  'DCL',
  'DCM',
  'DCN',
  'DCO',
  'DCP',
  'DCQ',
  'DCR',
  'DAB',
  'DAE',
  'DAF',
] as const;
/** Version 1 (AAMVA 2000) only; several start common names (DAN, DAV, DAL), so a wedge-mangled modern card is not split at them. */
const VERSION_1_IDS = [
  'DAL',
  'DAM',
  'DAN',
  'DAO',
  'DAP',
  'DAR',
  'DAS',
  'DAT',
  'DAV',
  'DAX',
  'DBE',
  'DBF',
  'DBH',
  'DBI',
  'DBJ',
  'DBK',
  'DBL',
  'DBM',
  'DBO',
  'DBP',
  'DBQ',
  'DBR',
  'DCH',
  'DCI',
  'DCJ',
] as const;
const ELEMENT_IDS = [...MODERN_IDS, ...VERSION_1_IDS];
const ELEMENT_SET: ReadonlySet<string> = new Set(ELEMENT_IDS);
const MODERN_SET: ReadonlySet<string> = new Set(MODERN_IDS);
const DESIGNATOR = new RegExp(`(DL|ID)(?=${ELEMENT_IDS.join('|')})`);
const FIRST_ELEMENT = new RegExp(ELEMENT_IDS.join('|'));
/** Issuers whose single-element names (DAA without commas) read FIRST MIDDLE LAST. */
const GIVEN_NAME_FIRST_ISSUERS: ReadonlySet<string> = new Set(['636025']);
const SUFFIX = /^(JR|SR|I{2,3}|IV|V|VI|[1-9](ST|ND|RD|TH))\.?$/i;
const NOT_AAMVA = 'This is not a driver’s licence or ID card barcode — scan the back of the card again.';

export function parseAamva(input: string | Uint8Array): Result<ParsedLicence> {
  try {
    return ok(parse(typeof input === 'string' ? input : latin1(input)));
  } catch (error) {
    if (error instanceof AppError) return fail(error.toValue());
    return fail({ code: 'ID_NOT_AAMVA', message: NOT_AAMVA });
  }
}

/** A quick test for scans: does this look like a licence barcode rather than a product code? */
export function looksLikeAamva(text: string): boolean {
  const start = text.replace(/^\uFEFF/, '');
  return /(ANSI ?|AAMVA ?)\d{6}/i.test(text.slice(0, 200)) || (start.startsWith('@') && start.charCodeAt(1) < 0x20);
}

interface Header {
  readonly iin: string | null;
  readonly version: number | null;
  readonly jurisdictionVersion: number | null;
  readonly end: number;
}

function parse(raw: string): ParsedLicence {
  if (raw.length > MAX_INPUT) throw new AppError('ID_TOO_LONG', 'That scan is far too long to be an ID card barcode.');
  const text = normalise(raw);
  const header = readHeader(text);
  const elements = readElements(text.slice(header?.end ?? 0), header?.version === 1 || header === null ? ELEMENT_SET : MODERN_SET);
  if (header === null && elements.size < 3) throw new AppError('ID_NOT_AAMVA', NOT_AAMVA);
  if (elements.size === 0)
    throw new AppError('ID_NO_SUBFILE', 'The barcode has a licence header but no readable DL or ID data — scan the card again, or type the ID.');
  const warnings: IdWarning[] = [];
  const get = (id: string): string | null => {
    const value = elements.get(id)?.trim();
    return value === undefined || value === '' || /^(NONE|unavl|unavail|N\/A)$/i.test(value) ? null : value;
  };
  if (header === null)
    warnings.push({
      code: 'ID_HEADER_MISSING',
      field: null,
      message: 'The barcode’s header was unreadable; its fields were read without it — compare them with the card.',
    });
  const issuer = header?.iin === null || header?.iin === undefined ? undefined : IIN_JURISDICTIONS[header.iin];
  const addressJurisdiction = get('DAJ')?.toUpperCase().slice(0, 2) ?? null;
  if (issuer === undefined) {
    const number = header?.iin ?? null;
    warnings.push({
      code: 'ID_ISSUER_UNKNOWN',
      field: 'jurisdiction',
      message: `${number === null ? 'The card’s issuer number is missing' : `The card’s issuer number ${number} is not in the register’s table`}${addressJurisdiction === null ? '' : `; the address says ${addressJurisdiction}`} — check the issuer on the card.`,
    });
  }
  const names = nameOf(get, header?.iin ?? null, warnings);
  // DBJ is the version 1 "unique customer identifier" some issuers filled instead of DAQ.
  const idNumber = get('DAQ') ?? get('DBJ');
  if (idNumber === null) warnings.push(missing('idNumber', 'ID number (DAQ)'));
  const dateOfBirth = dateOf(get, 'DBB', 'dateOfBirth', 'birth date', warnings);
  const expiry = dateOf(get, 'DBA', 'expiry', 'expiry date', warnings);
  const issueDate = get('DBD') === null ? null : dateOf(get, 'DBD', 'issueDate', 'issue date', warnings);
  const sex = get('DBC')?.toUpperCase() ?? null;
  const compliance = get('DDA');
  const countryElement = get('DCG')?.toUpperCase().slice(0, 3);
  const country = issuer?.country ?? (countryElement === 'USA' || countryElement === 'CAN' ? countryElement : null);
  return {
    idNumber,
    ...names,
    dateOfBirth,
    expiry,
    issueDate,
    jurisdiction: issuer?.code ?? addressJurisdiction,
    issuerKnown: issuer !== undefined,
    addressJurisdiction,
    country,
    postalCode: get('DAK')?.replace(/0000$/, '').replace(/\s+/g, ' ').trim() ?? null,
    sex: sex === '1' || sex === 'M' ? 'male' : sex === '2' || sex === 'F' ? 'female' : sex === '9' || sex === 'X' ? 'unspecified' : null,
    height: heightOf(get),
    eyeColor: get('DAY')?.toUpperCase() ?? null,
    documentDiscriminator: get('DCF'),
    complianceType: compliance,
    realId: compliance?.toUpperCase() === 'F',
    aamvaVersion: header?.version ?? null,
    jurisdictionVersion: header?.jurisdictionVersion ?? null,
    iin: header?.iin ?? null,
    warnings,
  };
}

/** Undo what scanners and wedges do to the text before any parsing. */
function normalise(raw: string): string {
  let text = raw
    .replace(/^\uFEFF|\u00EF\u00BB\u00BF/g, '')
    .replace(/Enter/g, '\n')
    .replace(/<(LF|CR|RS|GS|FS|CRLF)>|\[(LF|CR|RS|GS|FS)\]|\{(LF|CR|RS|GS|FS)\}/gi, '\n');
  // Text copied from a log or JSON with its escapes still written out.
  if (!hasControlCharacter(text) && /\\(n|r|x1e|u001e)/i.test(text)) text = text.replace(/\\(n|r|x1e|u001e|u001c|x1c)/gi, '\n');
  // A card may declare a printable data element separator right after "@" (a "|" has been seen).
  const declared = text.startsWith('@') ? text[1] : undefined;
  if (declared !== undefined && /[^\w\s]/.test(declared)) text = text.split(declared).join('\n');
  return text;
}

/** "ANSI 636014100001…", "ANSI6360…", "AAMVA6360…": IIN, version, jurisdiction version (version 2+). */
function readHeader(text: string): Header | null {
  const match = /(ANSI ?|AAMVA ?)(\d{6})(\d{2})(\d{2})?/i.exec(text);
  if (match === null) return null;
  const version = Number(match[3]);
  return {
    iin: match[2] ?? null,
    version,
    jurisdictionVersion: version >= 2 && match[4] !== undefined ? Number(match[4]) : null,
    end: match.index + match[0].length,
  };
}

/** Elements after the header: from the DL/ID subfile on, split at control characters or known ids. */
function readElements(body: string, splitAt: ReadonlySet<string>): Map<string, string> {
  const designator = DESIGNATOR.exec(body);
  const firstElement = FIRST_ELEMENT.exec(body);
  if (firstElement === null) return new Map();
  const start = designator !== null && designator.index <= firstElement.index ? designator.index + 2 : firstElement.index;
  const subfile = body.slice(start);
  let pieces = splitAtControlCharacters(subfile).map((p) => p.trimStart());
  // Fewer than three separated elements: a wedge dropped the separators (perhaps all but the last).
  if (pieces.filter((p) => ELEMENT_SET.has(p.slice(0, 3).toUpperCase())).length < 3) pieces = pieces.flatMap((p) => splitAtKnownIds(p, splitAt));
  const elements = new Map<string, string>();
  for (const piece of pieces) {
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

/** Wedge scanners that drop every separator leave "DAQD123DCSSMITH…": split before each known id not yet seen. */
function splitAtKnownIds(text: string, ids: ReadonlySet<string>): string[] {
  const pieces: string[] = [];
  const seen = new Set<string>();
  let current = '';
  for (let i = 0; i < text.length; i += 1) {
    const id = text.slice(i, i + 3);
    if (ids.has(id) && !seen.has(id)) {
      seen.add(id);
      if (current !== '') pieces.push(current);
      current = id;
      i += 2;
    } else current += text[i] ?? '';
  }
  if (current !== '') pieces.push(current);
  return pieces;
}

type Names = Pick<ParsedLicence, 'familyName' | 'firstName' | 'middleName' | 'nameSuffix' | 'nameTruncation'>;

/**
 * Names by version: DCS/DAC/DAD (v4+), DCS + DCT given names (v2–3), DAB/DAC/DAD
 * or the whole name in DAA (v1). Separators (",", "$", space) may trail.
 */
function nameOf(get: (id: string) => string | null, iin: string | null, warnings: IdWarning[]): Names {
  const nameTruncation = { family: get('DDE')?.toUpperCase() === 'T', first: get('DDF')?.toUpperCase() === 'T', middle: get('DDG')?.toUpperCase() === 'T' };
  let familyName = clean(get('DCS') ?? get('DAB'));
  let firstName = clean(get('DAC'));
  let middleName = clean(get('DAD'));
  let nameSuffix = clean(get('DCU') ?? get('DAE'));
  const given = get('DCT');
  if (firstName === null && given !== null) {
    [firstName = null, middleName = middleName] = splitGiven(given);
  }
  const full = get('DAA');
  if ((familyName === null || firstName === null) && full !== null) {
    const fromFull = splitFullName(full, iin !== null && GIVEN_NAME_FIRST_ISSUERS.has(iin));
    familyName ??= fromFull.familyName;
    firstName ??= fromFull.firstName;
    middleName ??= fromFull.middleName;
    nameSuffix ??= fromFull.nameSuffix;
    if (fromFull.guessed)
      warnings.push({
        code: 'ID_NAME_ORDER_GUESSED',
        field: 'familyName',
        message: `The name "${full.trim()}" has no separators; which part is the family name was guessed — compare it with the card.`,
      });
  }
  if (familyName === null) warnings.push(missing('familyName', 'family name'));
  if (firstName === null) warnings.push(missing('firstName', 'first name'));
  return { familyName, firstName, middleName, nameSuffix, nameTruncation };
}

/** DCT: "FIRST MIDDLE", "FIRST,MIDDLE", "FIRST$MIDDLE", "JOHN,,". */
function splitGiven(given: string): [string | null, string | null] {
  const [first, ...rest] = given.split(/[,$ ]+/).filter((p) => p !== '');
  return [first ?? null, rest.length === 0 ? null : rest.join(' ')];
}

/**
 * DAA: "LAST,FIRST,MIDDLE[,SUFFIX]" (or "$" separators, or "LAST, FIRST MIDDLE");
 * without any comma or "$" the order is guessed: FIRST … LAST for issuers known
 * to write it so (Pennsylvania), LAST FIRST MIDDLE otherwise.
 */
function splitFullName(full: string, givenFirst: boolean): Omit<Names, 'nameTruncation'> & { guessed: boolean } {
  if (/[,$]/.test(full)) {
    const parts = full.split(/[,$]/).map((p) => p.trim());
    const [family = '', givenPart = '', ...more] = parts;
    const [first, middleFromGiven] = splitGiven(givenPart);
    const extra = more.filter((p) => p !== '');
    const suffix = extra.length > 0 && SUFFIX.test(extra[extra.length - 1] ?? '') ? (extra.pop() ?? null) : null;
    const middle = [middleFromGiven, ...extra].filter((p): p is string => p !== null && p !== '').join(' ');
    return { familyName: clean(family), firstName: first, middleName: middle === '' ? null : middle, nameSuffix: suffix, guessed: false };
  }
  const words = full.split(/\s+/).filter((w) => w !== '');
  const suffix = words.length > 2 && SUFFIX.test(words[words.length - 1] ?? '') ? (words.pop() ?? null) : null;
  if (words.length === 0) return { familyName: null, firstName: null, middleName: null, nameSuffix: null, guessed: false };
  if (words.length === 1) return { familyName: words[0] ?? null, firstName: null, middleName: null, nameSuffix: suffix, guessed: false };
  const [familyName, firstName, middle] = givenFirst ? [words[words.length - 1], words[0], words.slice(1, -1)] : [words[0], words[1], words.slice(2)];
  return {
    familyName: familyName ?? null,
    firstName: firstName ?? null,
    middleName: middle.length === 0 ? null : middle.join(' '),
    nameSuffix: suffix,
    guessed: true,
  };
}

function clean(value: string | null | undefined): string | null {
  const trimmed = value?.replace(/[,$]+$/, '').trim();
  return trimmed === undefined || trimmed === '' ? null : trimmed;
}

function missing(field: IdWarning['field'], label: string): IdWarning {
  return { code: 'ID_FIELD_MISSING', field, message: `The card barcode has no ${label} — type it from the card face.` };
}

function dateOf(get: (id: string) => string | null, id: string, field: IdWarning['field'], label: string, warnings: IdWarning[]): string | null {
  const raw = get(id);
  if (raw === null) {
    warnings.push(missing(field, `${label} (${id})`));
    return null;
  }
  const date = parseAamvaDate(raw);
  if (date === null)
    warnings.push({ code: 'ID_DATE_INVALID', field, message: `The ${label} ${raw} on the card is not a valid date — type it from the card face.` });
  return date;
}

/** DAU "069 in", "175 cm", "5-10"; version 1 DAU "509" (5 ft 9 in) or DAV centimetres. */
function heightOf(get: (id: string) => string | null): ParsedLicence['height'] {
  const dau = get('DAU');
  if (dau !== null) {
    const metric = /^(\d{2,3})\s*CM$/i.exec(dau);
    if (metric !== null) return { value: Number(metric[1]), unit: 'cm' };
    const inches = /^(\d{2,3})\s*IN$/i.exec(dau);
    if (inches !== null) return { value: Number(inches[1]), unit: 'in' };
    const feet = /^(\d)[-' ]?(\d{1,2})"?$/.exec(dau.replace(/\s+/g, ''));
    if (feet !== null && Number(feet[2]) < 12) return { value: Number(feet[1]) * 12 + Number(feet[2]), unit: 'in' };
  }
  const dav = get('DAV');
  const cm = dav === null ? null : /^(\d{2,3})/.exec(dav);
  return cm === null ? null : { value: Number(cm[1]), unit: 'cm' };
}

function latin1(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += String.fromCharCode(b);
  return out;
}
