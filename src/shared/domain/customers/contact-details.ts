import { AppError } from '../../errors';

/**
 * A customer's contact details (issue #22): a phone number and an email
 * address, both optional — the least that lets the store reach someone who
 * asked to be reached. Each is normalised before it is sealed or looked up,
 * so "212-555-0142" typed at the counter and "+1 (212) 555-0142" from a web
 * form are one number and find the same customer.
 */

/**
 * The phone in E.164. A number without a country code is a US one: 10 digits
 * (or 11 starting with 1). A US number (+1) must have exactly 10 digits after
 * the country code, and its area code cannot start with 0 or 1 (no North
 * American area code does) — a typo is caught at the counter, not when a
 * text bounces.
 */
export function contactPhone(raw: string): string {
  const written = raw.normalize('NFKC').trim();
  const invalid = (why: string) => new AppError('CUSTOMER_PHONE_INVALID', `“${raw.trim()}” is not a phone number: ${why}`);
  if (!/^\+?[\d\s().-]+$/.test(written)) throw invalid('use digits only (spaces, dashes and brackets are fine).');
  const digits = written.replace(/\D/g, '');
  let phone: string;
  if (written.startsWith('+')) phone = `+${digits}`;
  else if (digits.length === 10) phone = `+1${digits}`;
  else if (digits.length === 11 && digits.startsWith('1')) phone = `+${digits}`;
  else throw invalid(`a US number has 10 digits, area code first (this has ${digits.length}).`);
  if (phone.startsWith('+1')) {
    const national = phone.slice(2);
    if (national.length !== 10) throw invalid(`a US number has 10 digits after +1 (this has ${national.length}).`);
    if (!/^[2-9]/.test(national)) throw invalid('a US area code cannot start with 0 or 1.');
  } else if (!/^\+[2-9]\d{6,14}$/.test(phone)) throw invalid('an international number is + and its country code, then 7 to 15 digits in all.');
  return phone;
}

/**
 * The email as stored: trimmed, the domain lower-cased (domains are not case
 * sensitive; the part before the @ is kept as written). One @, a dot in the
 * domain, no spaces, at most 254 characters (the longest address mail can carry).
 */
export function contactEmail(raw: string): string {
  const written = raw.normalize('NFKC').trim();
  const at = written.lastIndexOf('@');
  const local = written.slice(0, at);
  const domain = written.slice(at + 1).toLowerCase();
  const valid =
    at > 0 &&
    written.length <= 254 &&
    local.length <= 64 &&
    !/[\s@]/.test(local) &&
    /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/.test(domain);
  if (!valid) throw new AppError('CUSTOMER_EMAIL_INVALID', `“${written}” is not an email address: it should read like name@example.com.`);
  return `${local}@${domain}`;
}

/** The email as looked up: all lower case (mail providers treat the name before the @ without case, and so does the search). */
export const emailSearchForm = (email: string): string => contactEmail(email).toLowerCase();

/** What the customer card shows of a phone: the last four digits only. */
export const maskedPhone = (phone: string): string => `••• ••• ${phone.slice(-4)}`;

/** What the customer card shows of an email: its first letter and its domain. */
export function maskedEmail(email: string): string {
  const at = email.lastIndexOf('@');
  return `${email.slice(0, 1)}•••${email.slice(at)}`;
}
