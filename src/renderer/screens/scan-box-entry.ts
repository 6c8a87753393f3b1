import type { CatalogIndexItem } from '../../shared/contract/catalog';

/** GS1's group separator (FNC1), as some scanners send it. */
const GS = '\u001d';

/** What Enter in the scan box should do with its text. */
export type ScanBoxEntry =
  /** Send it to the cart as a code (what the core reads as UPC, tag, GS1 or SKU). */
  | { readonly kind: 'code'; readonly code: string }
  /** A name (or part of one): the results below answer it, to be picked from. */
  | { readonly kind: 'search' };

/**
 * A product code is sent to the cart; a name is a search. Told apart by the
 * catalog the register holds: a code matching a product's SKU, UPC or
 * package tag (whatever its case) goes as that product's own SKU or code;
 * text with a space is a name; a single word that matches no code but finds
 * products is a search too. Anything else (digits, a tag, an unknown code)
 * goes to the core, which says what is wrong with it.
 */
export function scanBoxEntry(text: string, catalog: readonly CatalogIndexItem[] | null, results: number): ScanBoxEntry {
  const code = text.trim();
  if (catalog !== null) {
    const upper = code.toUpperCase();
    for (const item of catalog) {
      if (item.sku.toUpperCase() === upper) return { kind: 'code', code: item.sku };
      if (item.upc === code || item.packageTags.includes(upper)) return { kind: 'code', code };
    }
  }
  if (/\s/.test(code)) return { kind: 'search' };
  // Barcodes: digits (UPC, EAN, GTIN, a tag's serial), GS1 with its AIs, a 24-character Metrc tag.
  if (/^[\d()]+$/.test(code.replaceAll(GS, '')) || /^[0-9A-Z]{24}$/i.test(code)) return { kind: 'code', code };
  return results > 0 && catalog !== null ? { kind: 'search' } : { kind: 'code', code };
}
