import { AppError } from '../../../shared/errors';
import { parseAamva } from '../../../shared/id/aamva';

/** An ID as check-in uses it, however it reached the core. */
export interface PresentedId {
  readonly idNumber: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly dateOfBirth: string;
  /** Null: the barcode carries none, and none was typed from the card face. */
  readonly expiry: string | null;
  readonly expirySource: 'barcode' | 'card_face' | 'typed';
  /** The issuing state or province. */
  readonly issuer: string;
  readonly method: 'scanned' | 'manual';
  /** What the barcode lacked (scanned only). */
  readonly warnings: readonly string[];
}

export type IdPresentation =
  | {
      readonly method: 'manual';
      readonly id: {
        readonly idNumber: string;
        readonly firstName: string;
        readonly lastName: string;
        readonly dateOfBirth: string;
        readonly expiry: string;
        readonly issuer: string;
      };
    }
  | { readonly method: 'scanned'; readonly barcode: string; readonly cardFaceExpiry?: string | undefined };

/**
 * The core reads the licence itself: a scanned check-in is the raw barcode,
 * parsed here, so "scanned" is a fact the core saw, not the screen's word.
 * An unreadable barcode is a typed error that asks for the card to be typed.
 */
export function presentedId(p: IdPresentation): PresentedId {
  if (p.method === 'manual') return { ...p.id, expirySource: 'typed', method: 'manual', warnings: [] };
  const parsed = parseAamva(p.barcode);
  if (!parsed.ok) throw new AppError('ID_UNREADABLE', `${parsed.error.message} Scan the card again, or type its details.`);
  const id = parsed.value;
  // Parse fully, decide here: what a decision cannot do without is asked for by name.
  const missing = [
    id.idNumber === null ? 'ID number' : null,
    id.dateOfBirth === null ? 'date of birth' : null,
    id.jurisdiction === null ? 'issuing state' : null,
  ].filter((f): f is string => f !== null);
  if (id.idNumber === null || id.dateOfBirth === null || id.jurisdiction === null) {
    throw new AppError('ID_INCOMPLETE', `The barcode has no readable ${missing.join(', ')}: type the ID's details from the card.`, { missing });
  }
  const expiry = id.expiry ?? p.cardFaceExpiry ?? null;
  return {
    idNumber: id.idNumber,
    firstName: id.firstName ?? '',
    lastName: id.familyName ?? '',
    dateOfBirth: id.dateOfBirth,
    expiry,
    expirySource: id.expiry === null && p.cardFaceExpiry !== undefined ? 'card_face' : 'barcode',
    issuer: id.jurisdiction,
    method: 'scanned',
    warnings: id.warnings.map((w) => w.message),
  };
}
