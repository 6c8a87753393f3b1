import { AppError } from '../errors';
import { hasValidGtinCheckDigit } from './gtin';

/** What a product scan (or typed code) means, before looking anything up. */
export type ProductCode =
  | { readonly kind: 'gtin'; readonly gtin: string; readonly batch?: string; readonly serial?: string }
  | { readonly kind: 'package_tag'; readonly tag: string }
  | { readonly kind: 'sku'; readonly sku: string };

const GS = '\u001d';
const METRC_TAG = /^[0-9A-Z]{24}$/;
const SKU = /^[0-9A-Za-z][0-9A-Za-z._/-]{0,39}$/;

/**
 * Reads a scanner's output as a product code. Order matters: a 24-character
 * tag is checked before digits-only codes, and GS1-128 (AI 01) before SKUs.
 * Whitespace and a scanner's CR/LF suffix are ignored.
 */
export function parseProductCode(raw: string): ProductCode {
  const text = raw
    .replace(/^\][A-Za-z]\d/, '')
    .replace(/[\r\n\t ]+$/g, '')
    .replace(/^[\r\n\t ]+/g, '');
  if (text === '') throw new AppError('SCAN_EMPTY', 'Nothing was scanned — scan again.');
  const upper = text.toUpperCase();
  if (METRC_TAG.test(upper) && /[A-Z]/.test(upper)) return { kind: 'package_tag', tag: upper };
  if (/^\d+$/.test(text)) return digitsOnly(text);
  if (text.startsWith('01') || text.startsWith(`${GS}01`) || text.startsWith('(01)')) return parseGs1(text);
  if (SKU.test(text)) return { kind: 'sku', sku: text };
  throw new AppError('SCAN_GARBLED', `"${printable(text)}" is not a barcode this register reads — rescan or type the SKU.`);
}

function digitsOnly(text: string): ProductCode {
  if (text.length === 24) return { kind: 'package_tag', tag: text };
  if (text.length === 12 || text.length === 13 || text.length === 8 || text.length === 14) {
    if (!hasValidGtinCheckDigit(text)) throw new AppError('UPC_CHECK_DIGIT', 'UPC check digit is wrong — rescan.', { code: text });
    return { kind: 'gtin', gtin: normalizeGtin(text) };
  }
  if (text.length > 14 && text.startsWith('01')) return parseGs1(text);
  return { kind: 'sku', sku: text };
}

/**
 * GS1-128 with application identifiers: (01) GTIN-14, (10) batch, (21)
 * serial, (17) expiry. Variable-length fields end at GS (FNC1), which wedge
 * scanners often drop — then the field runs to the end of the scan.
 */
function parseGs1(text: string): ProductCode {
  const body = text.replace(/\((\d{2})\)/g, (_m, ai: string) => `${GS}${ai}`).replace(new RegExp(`^${GS}`), '');
  if (!body.startsWith('01') || body.length < 16) throw new AppError('SCAN_GARBLED', 'This GS1 barcode has no product number (AI 01) — rescan.');
  const gtin14 = body.slice(2, 16);
  if (!/^\d{14}$/.test(gtin14) || !hasValidGtinCheckDigit(gtin14))
    throw new AppError('UPC_CHECK_DIGIT', 'The GS1 product number check digit is wrong — rescan.');
  const result: { kind: 'gtin'; gtin: string; batch?: string; serial?: string } = { kind: 'gtin', gtin: normalizeGtin(gtin14) };
  let rest = body.slice(16);
  while (rest.length >= 2) {
    if (rest.startsWith(GS)) {
      rest = rest.slice(1);
      continue;
    }
    const ai = rest.slice(0, 2);
    rest = rest.slice(2);
    if (ai === '17' || ai === '11' || ai === '13' || ai === '15') {
      rest = rest.slice(6).replace(new RegExp(`^${GS}`), '');
      continue;
    }
    const end = rest.indexOf(GS);
    const value = end === -1 ? rest : rest.slice(0, end);
    rest = end === -1 ? '' : rest.slice(end + 1);
    if (ai === '10') result.batch = value;
    else if (ai === '21') result.serial = value;
  }
  return result;
}

/** UPC-A, EAN-13 and GTIN-14 with leading zeros name the same product: keep the shortest retail form. */
export function normalizeGtin(gtin: string): string {
  if (gtin.length === 14 && gtin.startsWith('00')) return gtin.slice(2);
  if (gtin.length === 14 && gtin.startsWith('0')) return gtin.slice(1);
  if (gtin.length === 13 && gtin.startsWith('0')) return gtin.slice(1);
  return gtin;
}

function printable(text: string): string {
  const shown = Array.from(text, (c) => (c < ' ' || c === '\u007f' ? '·' : c)).join('');
  return shown.length > 30 ? `${shown.slice(0, 30)}…` : shown;
}
