/**
 * A sale number as the register prints it on the receipt, in words and as a
 * Code 128 barcode: the terminal's prefix, a dash and at least six digits
 * ("C1-000042"). A scanner reads back exactly that text; the Returns screen
 * opens the sale it names. Case and surrounding spaces do not matter.
 */
const SALE_NUMBER = /^[A-Z0-9]{1,8}-\d{6,}$/;

export function looksLikeSaleNumber(text: string): boolean {
  return SALE_NUMBER.test(text.trim().toUpperCase());
}
