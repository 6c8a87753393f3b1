/** The picture formats a quality incident photo may be: what Chromium draws and a phone or the counter's canvas writes. */
export const incidentPhotoTypes = ['image/png', 'image/jpeg', 'image/webp'] as const;
export type IncidentPhotoType = (typeof incidentPhotoTypes)[number];

/** What the care specialist reads when a file is not one of them. */
export const PHOTO_TYPE_MESSAGE = 'A photo must be a PNG, JPEG or WebP picture.';

/**
 * The photo's format from its first bytes, or null: the name or type a file
 * was given proves nothing. The core decides with this; the counter uses it
 * to refuse early with the same words.
 */
export function incidentPhotoType(bytes: Uint8Array): IncidentPhotoType | null {
  const starts = (offset: number, ...sig: number[]) => sig.every((b, i) => bytes[offset + i] === b);
  if (starts(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0, 0xff, 0xd8, 0xff)) return 'image/jpeg';
  // RIFF....WEBP
  if (starts(0, 0x52, 0x49, 0x46, 0x46) && starts(8, 0x57, 0x45, 0x42, 0x50)) return 'image/webp';
  return null;
}
