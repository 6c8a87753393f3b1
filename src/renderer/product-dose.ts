import type { CatalogItem } from '../shared/contract/catalog';

const mg = (n: number) => `${n.toLocaleString('en-US')} mg`;

/**
 * A product's dose as a budtender says it: THC per piece and per pack for a
 * pack of pieces (10 mg a gummy, 100 mg the pack), per pack otherwise, per
 * gram for bulk; whole milligrams (a piece's share that does not come out
 * whole is marked ≈). Null when it has no THC (accessories, seeds).
 */
export function doseText(item: Pick<CatalogItem, 'thcMg' | 'piecesPerUnit' | 'sellingMode'>): string | null {
  if (item.thcMg <= 0) return null;
  if (item.sellingMode === 'weight') return `${mg(item.thcMg)} THC/g`;
  const pieces = item.piecesPerUnit;
  if (pieces === null || pieces <= 1) return `${mg(item.thcMg)} THC/pack`;
  const perPiece = Math.floor(item.thcMg / pieces);
  const exact = perPiece * pieces === item.thcMg;
  return `${exact ? '' : '≈'}${mg(perPiece)} THC/piece · ${mg(item.thcMg)}/pack`;
}
