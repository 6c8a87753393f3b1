/**
 * GS1 mod-10 check digit for a GTIN body (UPC-A, EAN-8/13, GTIN-14 without
 * its last digit): weights 3,1,3,… from the rightmost body digit.
 */
export function gtinCheckDigit(body: string): number {
  if (!/^\d+$/.test(body)) throw new RangeError('A GTIN body has digits only');
  let sum = 0;
  for (let i = 0; i < body.length; i += 1) {
    const digit = body.charCodeAt(body.length - 1 - i) - 48;
    sum += digit * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

/** True when a full GTIN (8, 12, 13 or 14 digits) carries the right check digit. */
export function hasValidGtinCheckDigit(gtin: string): boolean {
  if (!/^(\d{8}|\d{12,14})$/.test(gtin)) return false;
  return gtinCheckDigit(gtin.slice(0, -1)) === Number(gtin.at(-1));
}
