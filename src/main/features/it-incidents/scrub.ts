import type { RegisterDb } from '../../platform/db/open';
import type { PiiKeys } from '../../platform/security/pii-crypto';
import { searchCustomersByName } from '../customers/customer-records';
import { normalizeName } from '../customers/customer-pii';

const EMAIL = /[^\s@]+@[^\s@]+\.[^\s@]+/gu;
/** Any token with four or more digits: ID, licence, card, patient and phone numbers, birth dates. */
const NUMBERISH = /[\p{L}\p{N}][\p{L}\p{N}./-]*\p{N}[\p{L}\p{N}./-]*/gu;
const WORD = /\p{L}[\p{L}'’-]*/gu;
/** Candidates decrypted per word: a common first name in a big store has many customers, the exact match is among the first few hundred by prefix. */
const CANDIDATES = 200;

/**
 * Takes customer data out of text that leaves the counter for IT: e-mail
 * addresses, anything with four or more digits (ID and card numbers, birth
 * dates), and every word that is exactly a customer's first or last name
 * (found through the names' blind index, then checked against the decrypted
 * names, so "the" is not taken for "Theodore"). Errs on the side of
 * removing: a colleague called Jordan becomes "[name]" if a customer is.
 */
export function scrubCustomerData(db: RegisterDb, keys: PiiKeys, storeId: string, text: string): string {
  const withoutNumbers = text.replace(EMAIL, '[email]').replace(NUMBERISH, (token) => (countDigits(token) >= 4 ? '[number]' : token));
  const names = new Map<string, boolean>();
  const isName = (word: string): boolean => {
    const normal = normalizeName(word);
    if (normal.length < 2) return false;
    let known = names.get(normal);
    if (known === undefined) {
      known = searchCustomersByName(db, keys, storeId, normal, CANDIDATES).some(
        ({ pii }) => normalizeName(pii.firstName) === normal || normalizeName(pii.lastName) === normal,
      );
      names.set(normal, known);
    }
    return known;
  };
  // A double-barrelled name is checked whole ("Smith-Jones"), then by part, so "Rivera's" and "O'Neil-Rivera" lose the name too.
  return withoutNumbers.replace(WORD, (token) => {
    if (isName(token)) return '[name]';
    return token.replace(/\p{L}+/gu, (part) => (isName(part) ? '[name]' : part));
  });
}

function countDigits(token: string): number {
  let n = 0;
  for (const ch of token) if (/\p{N}/u.test(ch)) n += 1;
  return n;
}
