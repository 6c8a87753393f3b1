/**
 * Type-ahead search over a catalog held in memory: fast enough to filter
 * 50,000 products on every keystroke, well inside one frame.
 *
 * Matching: the query is split on whitespace and every token must match the
 * document, case- and accent-insensitively. A token matches
 * - a title or keyword field (name, brand, strain, category) as a substring,
 *   or, failing that, as a subsequence inside one field that starts at the
 *   start of a word and, after each gap, goes on in the same word or at the
 *   start of a later one ("gdp" → "Granddaddy Purple", "gelao" → "Gelato");
 * - a code field (SKU, UPC, package tag) as a substring only: a subsequence of
 *   digits matches nearly every barcode. A token that starts like a number
 *   (three digits among its first four characters) is matched literally
 *   everywhere, for the same reason.
 *
 * Ranking, per token, then summed: a whole code > a whole word > a word
 * prefix > a substring > a subsequence; within each, the title beats a
 * keyword, which beats a code. Ties keep the index order (the caller's, or
 * by title).
 *
 * Speed comes from work done once, when the index is built: each document
 * becomes one lowercase string of its text fields and one of its codes, the
 * first letter of each of its words, and bit masks of the letters and digits
 * it holds, where and at word starts (a one-character query is answered from
 * the masks alone). For every pair of characters a token can start with
 * (adjacent in a field, or a word's first letter and a later one a
 * subsequence could take) a bitmap says which documents hold it: the second
 * keystroke, which has the most candidates, rejects most of them with one
 * bit. Each search remembers its matches: a query that extends an earlier
 * one (the next keystroke) only re-checks the earlier matches, since a
 * longer query never matches more, and Backspace finds its answer in that
 * small cache. Ranking is a counting sort over the few possible scores.
 */

/** What a document offers to search; empty and null fields are skipped. */
export interface SearchFields {
  /** Ranked highest: the product name. */
  readonly title: string;
  /** Brand, strain, category label…: matched like the title, ranked below it. */
  readonly keywords: readonly (string | null | undefined)[];
  /** SKU, UPC, package tags: matched as substrings (never as subsequences). */
  readonly codes: readonly (string | null | undefined)[];
}

export interface SearchOptions<T> {
  readonly fields: (item: T) => SearchFields;
  /** Identifies an item across updates (e.g. its productId). */
  readonly key: (item: T) => string;
  /** Recent searches kept for Backspace and for narrowing; 16 by default. */
  readonly cacheSize?: number;
  /** The pair bitmaps' first rejection (on by default; off only to show it changes no answer). */
  readonly pairFilter?: boolean;
}

export interface SearchResult<T> {
  /** The tokens searched for, normalized (empty for an empty query). */
  readonly tokens: readonly string[];
  /** Best first. */
  readonly items: readonly T[];
  readonly total: number;
}

/** Separates fields inside a document's haystack; never part of a normalized query. */
const SEP = 0x01;
const SEP_CHAR = '\u0001';

/** Accents and other marks NFKD splits off their letters. */
const COMBINING_MARKS = /\p{Mn}/gu;
const CONTROL = /\p{Cc}/gu;
/** Letters NFKD leaves whole. */
const FOLDED: Readonly<Record<string, string>> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i', ħ: 'h', ŧ: 't' };
const FOLDABLE = /[ßæœøłđðþıħŧ]/g;
const PLAIN = /^[\u0020-\u007e]*$/;

/**
 * Lowercase, accents removed, compatibility forms unfolded (ﬁ → fi, ² → 2),
 * control characters made spaces. Used for documents and queries alike.
 */
export function normalizeText(text: string): string {
  // Most catalog text is plain ASCII: lowercasing is all it needs.
  if (PLAIN.test(text)) return text.toLowerCase();
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .replace(FOLDABLE, (c) => FOLDED[c] ?? c)
    .replace(CONTROL, ' ');
}

/** The query's tokens, normalized, duplicates dropped, in typed order. */
export function tokenize(query: string): string[] {
  const tokens: string[] = [];
  for (const token of normalizeText(query).split(/\s+/)) {
    if (token !== '' && !tokens.includes(token)) tokens.push(token);
  }
  return tokens;
}

/** Letters, digits and letters of other scripts; punctuation, spaces and the separator are not. */
function isWordChar(c: number): boolean {
  if (c < 0x80) return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);
  // Latin-1 punctuation and symbols, × ÷, general punctuation (’ – — …), CJK punctuation.
  return !((c >= 0xa0 && c <= 0xbf) || c === 0xd7 || c === 0xf7 || (c >= 0x2000 && c <= 0x206f) || (c >= 0x3000 && c <= 0x303f));
}

/** One bit per letter, five for digit pairs, one for anything else. */
function charBit(c: number): number {
  if (c >= 0x61 && c <= 0x7a) return 1 << (c - 0x61);
  if (c >= 0x30 && c <= 0x39) return 1 << (26 + ((c - 0x30) >> 1));
  return c === SEP || c === 0x20 ? 0 : 1 << 31;
}

function maskOf(text: string): number {
  let mask = 0;
  for (let i = 0; i < text.length; i += 1) mask |= charBit(text.charCodeAt(i));
  return mask;
}

// Score of one token, by kind of match (×4) plus where it matched.
const TIER_FUZZY = 1;
const TIER_SUBSTRING = 2;
const TIER_PREFIX = 3;
const TIER_WORD = 4;
const TIER_WHOLE_CODE = 5;
const BONUS_TITLE_START = 3;
const BONUS_TITLE = 2;
const BONUS_KEYWORD = 1;
/** Highest score one token can earn. */
const MAX_TOKEN_SCORE = TIER_WHOLE_CODE * 4;
/** A whole word of the title: no code match needs looking for. */
const STOP_SCORE = TIER_WORD * 4 + BONUS_TITLE;

/** One document, prepared for searching. */
interface Prepared {
  /** The title alone (to sort by). */
  readonly title: string;
  /** Title, then keywords, separated by SEP. */
  readonly text: string;
  /** Codes, each preceded by SEP ('' when there are none). */
  readonly codes: string;
  /** The first character of every word of the text: the title's, SEP, the keywords'. */
  readonly initials: string;
  /** Length of the title inside `text`. */
  readonly titleEnd: number;
  // Character masks (see charBit): exact for letters, which is what most tokens start with.
  readonly textMask: number;
  readonly titleMask: number;
  readonly titleInitials: number;
  readonly keywordInitials: number;
  readonly codesMask: number;
  /** First characters of the codes. */
  readonly codeStarts: number;
  /** Digits, exactly (see DIGITS_*): in the text, the title and the codes. */
  readonly digits: number;
  /** Digits starting a word of the title, a word of a keyword, a code (see STARTS_*). */
  readonly digitStarts: number;
}

// Digit masks: ten bits for each of three places, packed in one number. In `digits`:
const DIGITS_TEXT = 0;
const DIGITS_TITLE = 10;
const DIGITS_CODES = 20;
// …and in `digitStarts`:
const STARTS_TITLE = 0;
const STARTS_KEYWORD = 10;
const STARTS_CODE = 20;

/** The digit's own bit (0 for anything else). */
function digitBit(c: number): number {
  return c >= 0x30 && c <= 0x39 ? 1 << (c - 0x30) : 0;
}

function digitsOf(text: string): number {
  let mask = 0;
  for (let i = 0; i < text.length; i += 1) mask |= digitBit(text.charCodeAt(i));
  return mask;
}

function prepare(fields: SearchFields): Prepared {
  // Joined, not concatenated: `join` makes flat strings, where `+=` would leave ropes for every search to walk.
  const title = normalizeText(fields.title);
  const titleEnd = title.length;
  const text = [title, ...fields.keywords.filter((keyword): keyword is string => keyword != null && keyword !== '').map(normalizeText)].join(SEP_CHAR);
  const codeList = fields.codes.filter((code): code is string => code != null && code !== '').map(normalizeText);
  const codes = codeList.length === 0 ? '' : SEP_CHAR + codeList.join(SEP_CHAR);
  let codeStarts = 0;
  let codeDigitStarts = 0;
  for (const code of codeList) {
    codeStarts |= charBit(code.charCodeAt(0));
    codeDigitStarts |= digitBit(code.charCodeAt(0));
  }
  const initials: number[] = [];
  let textMask = 0;
  let titleMask = 0;
  let titleInitials = 0;
  let keywordInitials = 0;
  let textDigits = 0;
  let titleDigits = 0;
  let titleDigitStarts = 0;
  let keywordDigitStarts = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i += 1) {
    if (i === titleEnd) {
      initials.push(SEP);
      titleMask = textMask;
      titleDigits = textDigits;
    }
    const c = text.charCodeAt(i);
    const bit = charBit(c);
    const digit = digitBit(c);
    textMask |= bit;
    textDigits |= digit;
    const wordChar = isWordChar(c);
    if (wordChar && !inWord) {
      initials.push(c);
      if (i < titleEnd) {
        titleInitials |= bit;
        titleDigitStarts |= digit;
      } else {
        keywordInitials |= bit;
        keywordDigitStarts |= digit;
      }
    }
    inWord = wordChar;
  }
  if (titleEnd === text.length) {
    initials.push(SEP);
    titleMask = textMask;
    titleDigits = textDigits;
  }
  return {
    title,
    text,
    codes,
    initials: String.fromCharCode(...initials),
    titleEnd,
    textMask,
    titleMask,
    titleInitials,
    keywordInitials,
    codesMask: maskOf(codes),
    codeStarts,
    digits: (textDigits << DIGITS_TEXT) | (titleDigits << DIGITS_TITLE) | (digitsOf(codes) << DIGITS_CODES),
    digitStarts: (titleDigitStarts << STARTS_TITLE) | (keywordDigitStarts << STARTS_KEYWORD) | (codeDigitStarts << STARTS_CODE),
  };
}

/**
 * The prepared documents, column by column: the masks the search loop reads
 * for every document sit side by side in typed arrays, not spread over
 * 50,000 objects (whose cache misses would cost more than the tests).
 */
class Documents {
  readonly texts: string[];
  readonly codes: string[];
  readonly initials: string[];
  readonly titleEnd: Int32Array;
  readonly textMask: Int32Array;
  readonly titleMask: Int32Array;
  readonly titleInitials: Int32Array;
  readonly keywordInitials: Int32Array;
  readonly codesMask: Int32Array;
  readonly codeStarts: Int32Array;
  readonly digits: Int32Array;
  readonly digitStarts: Int32Array;

  constructor(
    readonly size: number,
    from?: Documents,
  ) {
    this.texts = from?.texts.slice() ?? new Array<string>(size).fill('');
    this.codes = from?.codes.slice() ?? new Array<string>(size).fill('');
    this.initials = from?.initials.slice() ?? new Array<string>(size).fill('');
    this.titleEnd = from?.titleEnd.slice() ?? new Int32Array(size);
    this.textMask = from?.textMask.slice() ?? new Int32Array(size);
    this.titleMask = from?.titleMask.slice() ?? new Int32Array(size);
    this.titleInitials = from?.titleInitials.slice() ?? new Int32Array(size);
    this.keywordInitials = from?.keywordInitials.slice() ?? new Int32Array(size);
    this.codesMask = from?.codesMask.slice() ?? new Int32Array(size);
    this.codeStarts = from?.codeStarts.slice() ?? new Int32Array(size);
    this.digits = from?.digits.slice() ?? new Int32Array(size);
    this.digitStarts = from?.digitStarts.slice() ?? new Int32Array(size);
  }

  static of(prepared: readonly Prepared[]): Documents {
    const documents = new Documents(prepared.length);
    prepared.forEach((entry, i) => documents.set(i, entry));
    return documents;
  }

  set(i: number, entry: Prepared): void {
    this.texts[i] = entry.text;
    this.codes[i] = entry.codes;
    this.initials[i] = entry.initials;
    this.titleEnd[i] = entry.titleEnd;
    this.textMask[i] = entry.textMask;
    this.titleMask[i] = entry.titleMask;
    this.titleInitials[i] = entry.titleInitials;
    this.keywordInitials[i] = entry.keywordInitials;
    this.codesMask[i] = entry.codesMask;
    this.codeStarts[i] = entry.codeStarts;
    this.digits[i] = entry.digits;
    this.digitStarts[i] = entry.digitStarts;
  }

  /** A copy with only the documents at positions `keep` accepts. */
  filter(keep: (i: number) => boolean): Documents {
    const kept = Array.from({ length: this.size }, (_, i) => i).filter(keep);
    const documents = new Documents(kept.length);
    kept.forEach((from, to) => {
      documents.texts[to] = this.texts[from] as string;
      documents.codes[to] = this.codes[from] as string;
      documents.initials[to] = this.initials[from] as string;
      documents.titleEnd[to] = this.titleEnd[from] as number;
      documents.textMask[to] = this.textMask[from] as number;
      documents.titleMask[to] = this.titleMask[from] as number;
      documents.titleInitials[to] = this.titleInitials[from] as number;
      documents.keywordInitials[to] = this.keywordInitials[from] as number;
      documents.codesMask[to] = this.codesMask[from] as number;
      documents.codeStarts[to] = this.codeStarts[from] as number;
      documents.digits[to] = this.digits[from] as number;
      documents.digitStarts[to] = this.digitStarts[from] as number;
    });
    return documents;
  }
}

/** Where a token was found, as a score: kind of match ×4, plus a bonus for the title. */
function textScore(tier: number, at: number, titleEnd: number): number {
  return tier * 4 + (at < titleEnd ? (at === 0 ? BONUS_TITLE_START : BONUS_TITLE) : BONUS_KEYWORD);
}

/** A query token with what scoring it needs, worked out once per search. */
interface Probe {
  readonly token: string;
  readonly mask: number;
  readonly first: string;
  /** The first character's bit, when it is a letter (letters have a bit of their own); 0 otherwise. */
  readonly firstLetter: number;
  /** The first character's digit bit, when it is a digit; 0 otherwise. */
  readonly firstDigit: number;
  /** Every digit the token holds: a field lacking one cannot hold the token. */
  readonly digits: number;
  /** The token at the start of a code field. */
  readonly fieldStart: string;
  /** May match as a subsequence (two characters or more, not a number). */
  readonly fuzzy: boolean;
}

function probeOf(token: string): Probe {
  const first = token.charCodeAt(0);
  return {
    token,
    mask: maskOf(token),
    first: token.charAt(0),
    firstLetter: first >= 0x61 && first <= 0x7a ? charBit(first) : 0,
    firstDigit: digitBit(first),
    digits: digitsOf(token),
    fieldStart: SEP_CHAR + token,
    fuzzy: token.length >= 2 && !codeLike(token),
  };
}

/**
 * A one-character token (the first keystroke, matching much of the catalog):
 * a letter or digit is scored from the masks alone, anything else from the
 * initials and one search, never by walking occurrences.
 */
function charScore(d: Documents, i: number, probe: Probe): number {
  const bit = probe.firstLetter;
  if (bit !== 0) {
    if (((d.titleInitials[i] as number) & bit) !== 0)
      return TIER_PREFIX * 4 + ((d.texts[i] as string).charCodeAt(0) === probe.token.charCodeAt(0) ? BONUS_TITLE_START : BONUS_TITLE);
    if (((d.keywordInitials[i] as number) & bit) !== 0) return TIER_PREFIX * 4 + BONUS_KEYWORD;
    if (((d.codeStarts[i] as number) & bit) !== 0) return TIER_PREFIX * 4;
    if (((d.titleMask[i] as number) & bit) !== 0) return TIER_SUBSTRING * 4 + BONUS_TITLE;
    if (((d.textMask[i] as number) & bit) !== 0) return TIER_SUBSTRING * 4 + BONUS_KEYWORD;
    return ((d.codesMask[i] as number) & bit) !== 0 ? TIER_SUBSTRING * 4 : 0;
  }
  const digit = probe.firstDigit;
  if (digit !== 0) {
    const digits = d.digits[i] as number;
    const digitStarts = d.digitStarts[i] as number;
    if ((digitStarts & (digit << STARTS_TITLE)) !== 0)
      return TIER_PREFIX * 4 + ((d.texts[i] as string).charCodeAt(0) === probe.token.charCodeAt(0) ? BONUS_TITLE_START : BONUS_TITLE);
    if ((digitStarts & (digit << STARTS_KEYWORD)) !== 0) return TIER_PREFIX * 4 + BONUS_KEYWORD;
    if ((digitStarts & (digit << STARTS_CODE)) !== 0) return TIER_PREFIX * 4;
    if ((digits & (digit << DIGITS_TITLE)) !== 0) return TIER_SUBSTRING * 4 + BONUS_TITLE;
    if ((digits & (digit << DIGITS_TEXT)) !== 0) return TIER_SUBSTRING * 4 + BONUS_KEYWORD;
    return (digits & (digit << DIGITS_CODES)) !== 0 ? TIER_SUBSTRING * 4 : 0;
  }
  const char = probe.token;
  let best = 0;
  if (((d.textMask[i] as number) & probe.mask) !== 0) {
    const initials = d.initials[i] as string;
    const initial = initials.indexOf(char);
    if (initial !== -1) {
      if (initial === 0) return TIER_PREFIX * 4 + BONUS_TITLE_START;
      return TIER_PREFIX * 4 + (initial < initials.indexOf(SEP_CHAR) ? BONUS_TITLE : BONUS_KEYWORD);
    }
    const at = (d.texts[i] as string).indexOf(char);
    if (at !== -1) best = textScore(TIER_SUBSTRING, at, d.titleEnd[i] as number);
  }
  if (((d.codesMask[i] as number) & probe.mask) === 0) return best;
  return codeScore(d, i, probe, best);
}

/** Some word of the document's text starts with the token's first character (a subsequence needs one). */
function startsSomeWord(d: Documents, i: number, probe: Probe): boolean {
  if (probe.firstLetter !== 0) return (((d.titleInitials[i] as number) | (d.keywordInitials[i] as number)) & probe.firstLetter) !== 0;
  if (probe.firstDigit !== 0) return ((d.digitStarts[i] as number) & ((probe.firstDigit << STARTS_TITLE) | (probe.firstDigit << STARTS_KEYWORD))) !== 0;
  return (d.initials[i] as string).includes(probe.first);
}

/**
 * The token's best substring match in a document's text (0 for none).
 * Occurrences come in text order, title first: the first at a word start
 * is the best one; failing one, the first occurrence, as a substring.
 */
function textMatch(text: string, titleEnd: number, probe: Probe, wordStarts: boolean): number {
  const { token } = probe;
  const length = token.length;
  let best = 0;
  let at = text.indexOf(token);
  while (at !== -1) {
    if (!wordStarts) return textScore(TIER_SUBSTRING, at, titleEnd);
    if (at === 0 || !isWordChar(text.charCodeAt(at - 1))) {
      const endsWord = at + length === text.length || !isWordChar(text.charCodeAt(at + length));
      return textScore(endsWord ? TIER_WORD : TIER_PREFIX, at, titleEnd);
    }
    if (best === 0) best = textScore(TIER_SUBSTRING, at, titleEnd);
    at = text.indexOf(token, at + 1);
  }
  return best;
}

/** The best score of a token of two characters or more in one document, 0 when it does not match. */
function tokenScore(d: Documents, i: number, probe: Probe): number {
  const { mask, digits } = probe;
  let best = 0;
  if (((d.textMask[i] as number) & mask) === mask && (((d.digits[i] as number) >>> DIGITS_TEXT) & digits) === digits) {
    const text = d.texts[i] as string;
    const titleEnd = d.titleEnd[i] as number;
    const wordStarts = startsSomeWord(d, i, probe);
    best = textMatch(text, titleEnd, probe, wordStarts);
    // No word starts with the token's first character: no subsequence either.
    if (best === 0 && wordStarts && probe.fuzzy) best = fuzzyScore(text, probe.token, titleEnd);
  }
  if (best < STOP_SCORE && ((d.codesMask[i] as number) & mask) === mask && (((d.digits[i] as number) >>> DIGITS_CODES) & digits) === digits) {
    best = codeScore(d, i, probe, best);
  }
  return best;
}

/**
 * The token in the codes, as a substring: better than `best`, or `best`.
 * A whole code (the SKU, UPC or tag typed in full) ranks above everything;
 * the start of one above a substring. Only native searches: a tag is long
 * and full of zeros, and a short token occurs in it again and again.
 */
function codeScore(d: Documents, i: number, probe: Probe, best: number): number {
  const codes = d.codes[i] as string;
  if (codes.indexOf(probe.token) === -1) return best;
  let score = TIER_SUBSTRING * 4;
  // No code starts with the token's first character: a substring it is (the usual case for a run of a tag's digits).
  if (probe.firstLetter !== 0 && ((d.codeStarts[i] as number) & probe.firstLetter) === 0) return score > best ? score : best;
  if (probe.firstDigit !== 0 && ((d.digitStarts[i] as number) & (probe.firstDigit << STARTS_CODE)) === 0) return score > best ? score : best;
  const { fieldStart } = probe;
  let at = codes.indexOf(fieldStart);
  while (at !== -1) {
    const end = at + fieldStart.length;
    if (end === codes.length || codes.charCodeAt(end) === SEP) return TIER_WHOLE_CODE * 4;
    score = TIER_PREFIX * 4;
    at = codes.indexOf(fieldStart, end);
  }
  return score > best ? score : best;
}

/**
 * Starts like a number (a UPC, a tag, a SKU number: three digits among its
 * first four characters): matched literally, as a subsequence of digits
 * means nothing. Decided by the first four characters only, so a longer
 * token is never matched more loosely than its start was.
 */
function codeLike(token: string): boolean {
  if (token.length < 4) return false;
  let digits = 0;
  for (let i = 0; i < 4; i += 1) {
    const c = token.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) digits += 1;
  }
  return digits >= 3;
}

/**
 * The token as a subsequence of one title or keyword field that starts at
 * the start of a word and, after each skipped stretch, continues either in
 * the same word or at the start of a later word: "gdp" → "Granddaddy
 * Purple", "gelao" → "Gelato", "bluedrm" → "Blue Dream", but not "gel" →
 * "Granddaddy purplE fLower". Greedy (the same word first), trying each word
 * start in turn; the path for a token is a prefix of the path for any
 * longer token, so a longer query never matches more.
 */
function fuzzyScore(text: string, token: string, titleEnd: number): number {
  const first = token.charAt(0);
  const length = token.length;
  let at = text.indexOf(first);
  while (at !== -1) {
    if (at === 0 || !isWordChar(text.charCodeAt(at - 1))) {
      let position = at;
      let matched = 1;
      while (matched < length) {
        const next = nextInPath(text, token.charCodeAt(matched), position);
        if (next === -1) break;
        position = next;
        matched += 1;
      }
      if (matched === length) return TIER_FUZZY * 4 + (at < titleEnd ? BONUS_TITLE : BONUS_KEYWORD);
    }
    at = text.indexOf(first, at + 1);
  }
  return 0;
}

/** After `position`: `c` later in the same word, else `c` starting a later word of the same field; -1 if neither. */
function nextInPath(text: string, c: number, position: number): number {
  let i = position + 1;
  for (; i < text.length; i += 1) {
    const here = text.charCodeAt(i);
    if (here === c) return i;
    if (!isWordChar(here)) break;
  }
  for (; i < text.length; i += 1) {
    const here = text.charCodeAt(i);
    if (here === SEP) return -1;
    if (here === c && !isWordChar(text.charCodeAt(i - 1))) return i;
  }
  return -1;
}

/** Letters, digits, and one symbol for everything else: 37, so 1,369 ordered pairs. */
const SYMBOLS = 37;

function symbolOf(c: number): number {
  if (c >= 0x61 && c <= 0x7a) return c - 0x61;
  if (c >= 0x30 && c <= 0x39) return 26 + c - 0x30;
  return 36;
}

/** The pair a token's first two characters make. */
function pairOf(a: number, b: number): number {
  return symbolOf(a) * SYMBOLS + symbolOf(b);
}

/**
 * Calls `visit` with every pair a matching token could start with: two
 * adjacent characters of a field (a substring), or a word's first character
 * and the next one a subsequence could take (later in that word, or the
 * start of a later word of the field). Whatever matches a document starts
 * with one of its pairs; most documents lack the pair a two-letter token
 * makes, which rejects them with one bit.
 */
function visitPairs(text: string, codes: string, visit: (pair: number) => void): void {
  for (const field of [text, codes]) {
    for (let i = 0; i + 1 < field.length; i += 1) {
      const a = field.charCodeAt(i);
      const b = field.charCodeAt(i + 1);
      if (a !== SEP && b !== SEP) visit(pairOf(a, b));
    }
  }
  for (let at = 0; at < text.length; at += 1) {
    const a = text.charCodeAt(at);
    if (a === SEP || (at > 0 && isWordChar(text.charCodeAt(at - 1)))) continue;
    // As fuzzyScore walks from an anchor: on in the word (and the character that ends it)…
    let i = at + 1;
    for (; i < text.length; i += 1) {
      const here = text.charCodeAt(i);
      if (here === SEP) break;
      visit(pairOf(a, here));
      if (!isWordChar(here)) break;
    }
    // …then the start of any later word of the field.
    for (; i < text.length; i += 1) {
      const here = text.charCodeAt(i);
      if (here === SEP) break;
      if (!isWordChar(text.charCodeAt(i - 1))) visit(pairOf(a, here));
    }
  }
}

/** For each pair, a bitmap over the index's positions: which documents hold it. */
class PairBitmap {
  readonly #words: number;
  readonly #bits: Uint32Array;

  private constructor(words: number, bits: Uint32Array) {
    this.#words = words;
    this.#bits = bits;
  }

  /**
   * Sets the pairs of `texts`/`codes` in a bitmap of its own (positions from
   * 0): a page's share, worked out as the page arrives (see `gather`).
   */
  static page(texts: readonly string[], codes: readonly string[]): PairBitmap {
    const words = Math.max(1, Math.ceil(texts.length / 32));
    const bitmap = new PairBitmap(words, new Uint32Array(SYMBOLS * SYMBOLS * words));
    texts.forEach((text, position) => bitmap.set(position, text, codes[position] as string));
    return bitmap;
  }

  /** An empty bitmap for `size` documents, for pages to be gathered into. */
  static empty(size: number): PairBitmap {
    const words = Math.max(1, Math.ceil(size / 32));
    return new PairBitmap(words, new Uint32Array(SYMBOLS * SYMBOLS * words));
  }

  /**
   * Moves a page's documents to their places in this bitmap (`placeOf[first + n]`
   * for the page's n-th): a pass over the set bits, not over the documents' text again.
   */
  gather(page: PairBitmap, first: number, placeOf: Int32Array): void {
    const bits = this.#bits;
    const words = this.#words;
    for (let pair = 0; pair < SYMBOLS * SYMBOLS; pair += 1) {
      const from = pair * page.#words;
      const to = pair * words;
      for (let w = 0; w < page.#words; w += 1) {
        let set = page.#bits[from + w] as number;
        while (set !== 0) {
          const low = set & -set;
          const place = placeOf[first + w * 32 + 31 - Math.clz32(low)] as number;
          bits[to + (place >> 5)] = (bits[to + (place >> 5)] as number) | (1 << (place & 31));
          set ^= low;
        }
      }
    }
  }

  static of(documents: Documents): PairBitmap {
    const words = Math.max(1, Math.ceil(documents.size / 32));
    const bitmap = new PairBitmap(words, new Uint32Array(SYMBOLS * SYMBOLS * words));
    for (let position = 0; position < documents.size; position += 1)
      bitmap.set(position, documents.texts[position] as string, documents.codes[position] as string);
    return bitmap;
  }

  copy(): PairBitmap {
    return new PairBitmap(this.#words, this.#bits.slice());
  }

  /** Adds a document's pairs at `position` (after `clear` if it held another). */
  set(position: number, text: string, codes: string): void {
    const word = position >> 5;
    const bit = 1 << (position & 31);
    const bits = this.#bits;
    const words = this.#words;
    visitPairs(text, codes, (pair) => {
      const at = pair * words + word;
      bits[at] = (bits[at] as number) | bit;
    });
  }

  clear(position: number): void {
    const word = position >> 5;
    const keep = ~(1 << (position & 31));
    for (let at = word; at < this.#bits.length; at += this.#words) this.#bits[at] = (this.#bits[at] as number) & keep;
  }

  /** The offset of a pair's bitmap, for `holds`. */
  row(pair: number): number {
    return pair * this.#words;
  }

  holds(row: number, position: number): boolean {
    return (((this.#bits[row + (position >> 5)] as number) >>> (position & 31)) & 1) !== 0;
  }
}

interface Remembered<T> {
  /** Matching positions in index order: the candidates for a longer query. */
  readonly matches: Int32Array;
  readonly result: SearchResult<T>;
}

/**
 * Prepares documents a batch at a time (e.g. a page as it arrives), so no
 * single step blocks the UI for long; `build` makes the index.
 */
export class SearchIndexBuilder<T> {
  readonly #items: T[] = [];
  readonly #prepared: Prepared[] = [];
  readonly #keys = new Set<string>();
  /** Each `add`'s pair bitmap, and where its documents start among all. */
  readonly #pages: PairBitmap[] = [];
  readonly #pageStarts: number[] = [];

  readonly #options: SearchOptions<T>;

  constructor(options: SearchOptions<T>) {
    this.#options = options;
  }

  /** Adds items; an item whose key was already added is skipped. */
  add(items: readonly T[]): this {
    const first = this.#prepared.length;
    for (const item of items) {
      const key = this.#options.key(item);
      if (this.#keys.has(key)) continue;
      this.#keys.add(key);
      this.#items.push(item);
      this.#prepared.push(prepare(this.#options.fields(item)));
    }
    const added = this.#prepared.slice(first);
    if (added.length > 0) {
      this.#pages.push(
        PairBitmap.page(
          added.map((p) => p.text),
          added.map((p) => p.codes),
        ),
      );
      this.#pageStarts.push(first);
    }
    return this;
  }

  get size(): number {
    return this.#items.length;
  }

  /** `order`: 'title' sorts by normalized title (equal titles in the order added), 'added' keeps the order items came in. */
  build(order: 'title' | 'added' = 'added'): SearchIndex<T> {
    const index = this.finish(order).step(Number.POSITIVE_INFINITY);
    if (index === null) throw new Error('An assembly without a deadline always finishes');
    return index;
  }

  /**
   * The same as `build`, in steps: for a large catalog, ordering and gathering
   * the pages takes longer than a frame, and a scan must not wait for it.
   * Items added after this call are not in it.
   */
  finish(order: 'title' | 'added' = 'added'): IndexAssembly<T> {
    return new IndexAssembly(this.#options, this.#items.slice(), this.#prepared.slice(), this.#pages.slice(), this.#pageStarts.slice(), order);
  }
}

/** Units of work between two looks at the clock while assembling. */
const ASSEMBLY_CLOCK_EVERY = 256;

/**
 * An index being assembled (see `SearchIndexBuilder.finish`). `step` works
 * until `deadline` (a `performance.now()` time), always doing some work, and
 * answers the index once done (at once when the deadline is Infinity).
 * Phases: order each page by title; merge the pages' orders; place the
 * documents; gather each page's pair bitmap into the index's.
 */
export class IndexAssembly<T> {
  #phase: 'order' | 'merge' | 'place' | 'gather' | 'done';
  readonly #size: number;
  readonly #titles: readonly string[];
  /** Each page's positions in title order, then the merge's cursors into them. */
  readonly #runs: Int32Array[] = [];
  readonly #cursors: number[] = [];
  /** A min-heap of runs by their current head. */
  readonly #heap: number[] = [];
  /** `positions[place]` = the document (in the order added) at that place. */
  readonly #positions: Int32Array;
  readonly #placeOf: Int32Array;
  /** Allocated when their phase starts, so `finish` itself is quick. */
  #documents: Documents | null = null;
  #bitmap: PairBitmap | null = null;
  #done = 0;
  #result: SearchIndex<T> | null = null;

  readonly #options: SearchOptions<T>;
  readonly #items: readonly T[];
  readonly #prepared: readonly Prepared[];
  readonly #pages: readonly PairBitmap[];
  readonly #pageStarts: readonly number[];

  constructor(
    options: SearchOptions<T>,
    items: readonly T[],
    prepared: readonly Prepared[],
    pages: readonly PairBitmap[],
    pageStarts: readonly number[],
    order: 'title' | 'added',
  ) {
    this.#options = options;
    this.#items = items;
    this.#prepared = prepared;
    this.#pages = pages;
    this.#pageStarts = pageStarts;
    this.#size = items.length;
    this.#titles = order === 'title' ? prepared.map((p) => p.title) : [];
    this.#positions = new Int32Array(this.#size);
    this.#placeOf = new Int32Array(this.#size);
    if (order === 'title') this.#phase = 'order';
    else {
      for (let i = 0; i < this.#size; i += 1) this.#positions[i] = i;
      this.#phase = 'place';
    }
  }

  step(deadline: number): SearchIndex<T> | null {
    while (this.#phase !== 'done') {
      this.#advance();
      if (performance.now() >= deadline) break;
    }
    return this.#phase === 'done' ? this.#finished() : null;
  }

  #advance(): void {
    if (this.#phase === 'order') this.#orderPage();
    else if (this.#phase === 'merge') this.#merge();
    else if (this.#phase === 'place') this.#place();
    else this.#gatherPage();
  }

  #finished(): SearchIndex<T> {
    this.#result ??= SearchIndex.fromDocuments(
      this.#options,
      Array.from(this.#positions, (from) => this.#items[from] as T),
      this.#documents ?? new Documents(0),
      this.#bitmap ?? PairBitmap.empty(0),
    );
    return this.#result;
  }

  #before(a: number, b: number): boolean {
    const order = compareText(this.#titles[a] as string, this.#titles[b] as string);
    return order < 0 || (order === 0 && a < b);
  }

  /** One page's documents in title order (equal titles in the order added). */
  #orderPage(): void {
    const p = this.#runs.length;
    if (p === this.#pages.length) {
      this.#runs.forEach((run, r) => run.length > 0 && this.#push(r));
      this.#phase = 'merge';
      return;
    }
    const first = this.#pageStarts[p] as number;
    const end = p + 1 < this.#pageStarts.length ? (this.#pageStarts[p + 1] as number) : this.#size;
    const run = Int32Array.from({ length: end - first }, (_, i) => first + i);
    run.sort((a, b) => compareText(this.#titles[a] as string, this.#titles[b] as string) || a - b);
    this.#runs.push(run);
    this.#cursors.push(0);
  }

  #head(run: number): number {
    return (this.#runs[run] as Int32Array)[this.#cursors[run] as number] as number;
  }

  #merge(): void {
    const heap = this.#heap;
    const positions = this.#positions;
    const end = Math.min(this.#size, this.#done + ASSEMBLY_CLOCK_EVERY);
    for (; this.#done < end; this.#done += 1) {
      const run = heap[0] as number;
      positions[this.#done] = this.#head(run);
      this.#cursors[run] = (this.#cursors[run] as number) + 1;
      if ((this.#cursors[run] as number) < (this.#runs[run] as Int32Array).length) this.#siftDown(0);
      else {
        const last = heap.pop() as number;
        if (heap.length > 0) {
          heap[0] = last;
          this.#siftDown(0);
        }
      }
    }
    if (this.#done === this.#size) {
      this.#done = 0;
      this.#phase = 'place';
    }
  }

  #push(run: number): void {
    const heap = this.#heap;
    heap.push(run);
    let at = heap.length - 1;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!this.#before(this.#head(heap[at] as number), this.#head(heap[parent] as number))) break;
      swap(heap, at, parent);
      at = parent;
    }
  }

  #siftDown(from: number): void {
    const heap = this.#heap;
    let at = from;
    for (;;) {
      let least = at;
      // No arrays in here: this runs 50,000 times per build, and garbage means collector pauses.
      for (let child = 2 * at + 1; child <= 2 * at + 2; child += 1) {
        if (child < heap.length && this.#before(this.#head(heap[child] as number), this.#head(heap[least] as number))) least = child;
      }
      if (least === at) return;
      swap(heap, at, least);
      at = least;
    }
  }

  #place(): void {
    this.#documents ??= new Documents(this.#size);
    const end = Math.min(this.#size, this.#done + ASSEMBLY_CLOCK_EVERY);
    for (; this.#done < end; this.#done += 1) {
      const from = this.#positions[this.#done] as number;
      this.#placeOf[from] = this.#done;
      this.#documents.set(this.#done, this.#prepared[from] as Prepared);
    }
    if (this.#done === this.#size) {
      this.#done = 0;
      this.#phase = 'gather';
    }
  }

  #gatherPage(): void {
    if (this.#bitmap === null) {
      this.#bitmap = PairBitmap.empty(this.#size);
      return;
    }
    const page = this.#pages[this.#done];
    if (page === undefined) {
      this.#phase = 'done';
      return;
    }
    this.#bitmap.gather(page, this.#pageStarts[this.#done] as number, this.#placeOf);
    this.#done += 1;
  }
}

function swap(values: number[], a: number, b: number): void {
  const kept = values[a] as number;
  values[a] = values[b] as number;
  values[b] = kept;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A search under way (see `SearchIndex.begin`). */
export interface SearchJob<T> {
  /** Works until `deadline` (a `performance.now()` time); the result once done, null until then. */
  step(deadline: number): SearchResult<T> | null;
}

function finished<T>(result: SearchResult<T>): SearchJob<T> {
  return { step: () => result };
}

/** Documents looked at between two looks at the clock. */
const CLOCK_EVERY = 512;

/** The scan behind a job: candidates in index order, scored; `done` ranks and remembers. */
class Scan<T> implements SearchJob<T> {
  readonly #probes: readonly Probe[];
  readonly #queryMask: number;
  readonly #rows: readonly number[];
  readonly #count: number;
  readonly #matches: Int32Array;
  readonly #scores: Int32Array;
  #next = 0;
  #found = 0;
  #result: SearchResult<T> | null = null;

  readonly #documents: Documents;
  readonly #pairs: PairBitmap;
  readonly #candidates: Int32Array | null;
  readonly #done: (matches: Int32Array, scores: Int32Array, found: number) => SearchResult<T>;

  constructor(
    documents: Documents,
    pairs: PairBitmap,
    pairFilter: boolean,
    tokens: readonly string[],
    candidates: Int32Array | null,
    size: number,
    done: (matches: Int32Array, scores: Int32Array, found: number) => SearchResult<T>,
  ) {
    this.#documents = documents;
    this.#pairs = pairs;
    this.#candidates = candidates;
    this.#done = done;
    // The longest token first: it rejects the most documents soonest.
    this.#probes = [...tokens].sort((a, b) => b.length - a.length).map(probeOf);
    this.#queryMask = this.#probes.reduce((all, probe) => all | probe.mask, 0);
    // Every token of two characters or more: the bitmap of the pair it starts with.
    this.#rows = pairFilter
      ? this.#probes.filter((probe) => probe.token.length >= 2).map((probe) => pairs.row(pairOf(probe.token.charCodeAt(0), probe.token.charCodeAt(1))))
      : [];
    this.#count = candidates === null ? size : candidates.length;
    this.#matches = new Int32Array(this.#count);
    this.#scores = new Int32Array(this.#count);
  }

  step(deadline: number): SearchResult<T> | null {
    if (this.#result !== null) return this.#result;
    const documents = this.#documents;
    const pairs = this.#pairs;
    const probes = this.#probes;
    const queryMask = this.#queryMask;
    const rows = this.#rows;
    const candidates = this.#candidates;
    const count = this.#count;
    const matches = this.#matches;
    const scores = this.#scores;
    const { textMask, codesMask } = documents;
    const tokenCount = probes.length;
    let found = this.#found;
    let c = this.#next;
    while (c < count) {
      const end = Math.min(count, c + CLOCK_EVERY);
      for (; c < end; c += 1) {
        const i = candidates === null ? c : (candidates[c] as number);
        if ((((textMask[i] as number) | (codesMask[i] as number)) & queryMask) !== queryMask) continue;
        let held = true;
        for (let r = 0; r < rows.length && held; r += 1) held = pairs.holds(rows[r] as number, i);
        if (!held) continue;
        let total = 0;
        for (let t = 0; t < tokenCount; t += 1) {
          const probe = probes[t] as Probe;
          const score = probe.token.length === 1 ? charScore(documents, i, probe) : tokenScore(documents, i, probe);
          if (score === 0) {
            total = 0;
            break;
          }
          total += score;
        }
        if (total > 0) {
          matches[found] = i;
          scores[found] = total;
          found += 1;
        }
      }
      if (c < count && performance.now() >= deadline) {
        this.#next = c;
        this.#found = found;
        return null;
      }
    }
    this.#result = this.#done(matches, scores, found);
    return this.#result;
  }
}

/** A catalog prepared for searching. Immutable but for its cache of recent searches: `update` returns a new index. */
export class SearchIndex<T> {
  readonly #cache = new Map<string, Remembered<T>>();
  readonly #everything: SearchResult<T>;
  #positions: Map<string, number> | null = null;

  readonly #options: SearchOptions<T>;
  readonly #items: readonly T[];
  readonly #documents: Documents;
  readonly #pairs: PairBitmap;

  private constructor(options: SearchOptions<T>, items: readonly T[], documents: Documents, pairs: PairBitmap = PairBitmap.of(documents)) {
    this.#options = options;
    this.#items = items;
    this.#documents = documents;
    this.#pairs = pairs;
    this.#everything = { tokens: [], items, total: items.length };
  }

  /** Prepares `items` at once, in the order ties should keep. */
  static build<T>(items: readonly T[], options: SearchOptions<T>, order: 'title' | 'added' = 'added'): SearchIndex<T> {
    return new SearchIndexBuilder(options).add(items).build(order);
  }

  /** @internal The builder's way in. */
  static fromDocuments<T>(options: SearchOptions<T>, items: readonly T[], documents: Documents, pairs: PairBitmap): SearchIndex<T> {
    return new SearchIndex(options, items, documents, pairs);
  }

  get size(): number {
    return this.#items.length;
  }

  /** Every item in index order. */
  all(): readonly T[] {
    return this.#items;
  }

  /** The item with this key, if the index holds it. */
  get(key: string): T | undefined {
    const at = this.#positionsByKey().get(key);
    return at === undefined ? undefined : this.#items[at];
  }

  /**
   * A new index with some items replaced (same key, same place) and some
   * removed; keys the index does not hold are ignored. Only the replaced
   * items are prepared again; the rest is shared.
   */
  update(replaced: readonly T[], removedKeys: readonly string[] = []): SearchIndex<T> {
    const positions = this.#positionsByKey();
    const items = this.#items.slice();
    const documents = new Documents(this.#documents.size, this.#documents);
    const removed = new Set(removedKeys.map((key) => positions.get(key)).filter((at): at is number => at !== undefined));
    const pairs = removed.size === 0 ? this.#pairs.copy() : null;
    for (const item of replaced) {
      const at = positions.get(this.#options.key(item));
      if (at === undefined) continue;
      const entry = prepare(this.#options.fields(item));
      items[at] = item;
      documents.set(at, entry);
      pairs?.clear(at);
      pairs?.set(at, entry.text, entry.codes);
    }
    if (pairs !== null) return new SearchIndex(this.#options, items, documents, pairs);
    // Removing shifts the positions after it: the pairs are worked out again.
    const keep = (at: number) => !removed.has(at);
    return new SearchIndex(
      this.#options,
      items.filter((_, at) => keep(at)),
      documents.filter(keep),
    );
  }

  search(query: string): SearchResult<T> {
    return this.begin(query).step(Number.POSITIVE_INFINITY) as SearchResult<T>;
  }

  /**
   * A search that can be done a slice at a time: `step(deadline)` works
   * until the clock passes `deadline` and answers the result once finished,
   * null until then. A keystroke does what fits in its frame and lets the
   * frame paint; the rest runs in the next tasks (see register-store), and a
   * newer keystroke simply drops the job.
   */
  begin(query: string): SearchJob<T> {
    const tokens = tokenize(query);
    if (tokens.length === 0) return finished(this.#everything);
    const key = tokens.join(' ');
    const hit = this.#cache.get(key);
    if (hit !== undefined) {
      this.#remember(key, hit);
      return finished(hit.result);
    }
    return new Scan(
      this.#documents,
      this.#pairs,
      this.#options.pairFilter !== false,
      tokens,
      this.#candidatesFor(key),
      this.#items.length,
      (matches, scores, found) => {
        const remembered = {
          matches: matches.slice(0, found),
          result: { tokens, items: this.#rank(matches, scores, found, tokens.length * MAX_TOKEN_SCORE), total: found },
        };
        this.#remember(key, remembered);
        return remembered.result;
      },
    );
  }

  /**
   * The matches of the longest remembered query this one extends (same
   * tokens, the last one possibly longer, maybe more tokens): a longer
   * query never matches more, so nothing else needs checking.
   */
  #candidatesFor(key: string): Int32Array | null {
    let best: Remembered<T> | null = null;
    let bestLength = -1;
    for (const [earlier, remembered] of this.#cache) {
      if (earlier.length > bestLength && key.startsWith(earlier)) {
        best = remembered;
        bestLength = earlier.length;
      }
    }
    return best?.matches ?? null;
  }

  /** Counting sort by score, best first; equal scores keep index order. */
  #rank(matches: Int32Array, scores: Int32Array, found: number, maxScore: number): T[] {
    const starts = new Int32Array(maxScore + 2);
    for (let m = 0; m < found; m += 1) {
      const slot = maxScore - (scores[m] as number) + 1;
      starts[slot] = (starts[slot] as number) + 1;
    }
    for (let s = 1; s < starts.length; s += 1) starts[s] = (starts[s] as number) + (starts[s - 1] as number);
    const ranked = new Array<T>(found);
    for (let m = 0; m < found; m += 1) {
      const slot = maxScore - (scores[m] as number);
      ranked[starts[slot] as number] = this.#items[matches[m] as number] as T;
      starts[slot] = (starts[slot] as number) + 1;
    }
    return ranked;
  }

  #remember(key: string, entry: Remembered<T>): void {
    this.#cache.delete(key);
    this.#cache.set(key, entry);
    const limit = this.#options.cacheSize ?? 16;
    while (this.#cache.size > limit) {
      const oldest = this.#cache.keys().next();
      if (oldest.done === true) break;
      this.#cache.delete(oldest.value);
    }
  }

  #positionsByKey(): Map<string, number> {
    if (this.#positions === null) {
      const positions = new Map<string, number>();
      this.#items.forEach((item, at) => positions.set(this.#options.key(item), at));
      this.#positions = positions;
    }
    return this.#positions;
  }
}
