import { INCIDENT_PHOTO_MAX_BYTES, INCIDENT_PHOTO_MAX_SIDE_PX } from '../shared/contract/quality';
import { incidentPhotoType, PHOTO_TYPE_MESSAGE } from '../shared/domain/quality/photo-type';

/** JPEG qualities tried in turn until the photo fits the register's limit. */
const QUALITIES = [0.85, 0.7, 0.5] as const;

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  // In slices: String.fromCharCode over megabytes at once overflows the call stack.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function encode(canvas: HTMLCanvasElement, quality: number): Promise<Blob | null> {
  return new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality));
}

/**
 * A photo chosen for a quality incident, made ready for the register: checked
 * by its bytes (PNG, JPEG or WebP; the core checks again and decides),
 * downsized to at most 1600 px on the long side and re-encoded as a JPEG
 * through a canvas, at most 2 MB.
 *
 * The re-encode is also what strips the file's metadata, on purpose: a photo
 * from a customer's phone carries EXIF — GPS position, time, device — which is
 * personal data the incident does not need. The canvas holds pixels only, so
 * none of it reaches the register. The orientation EXIF would have given is
 * applied to the pixels first (`imageOrientation: 'from-image'`), so the photo
 * still stands the right way up.
 */
export async function photoForIncident(file: Blob): Promise<{ readonly base64: string } | { readonly error: string }> {
  const head = new Uint8Array(await file.slice(0, 16).arrayBuffer());
  if (incidentPhotoType(head) === null) return { error: PHOTO_TYPE_MESSAGE };
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    return { error: 'That picture cannot be read: it may be damaged. Take it again.' };
  }
  const scale = Math.min(1, INCIDENT_PHOTO_MAX_SIDE_PX / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(bitmap.width * scale));
  canvas.height = Math.max(1, Math.round(bitmap.height * scale));
  const context = canvas.getContext('2d');
  if (context === null) return { error: 'This register cannot prepare pictures right now.' };
  // JPEG has no transparency: a transparent PNG is laid on white rather than black.
  context.fillStyle = '#fff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  for (const quality of QUALITIES) {
    const blob = await encode(canvas, quality);
    if (blob !== null && blob.size <= INCIDENT_PHOTO_MAX_BYTES) return { base64: toBase64(new Uint8Array(await blob.arrayBuffer())) };
  }
  return { error: `A photo is limited to ${INCIDENT_PHOTO_MAX_BYTES / (1024 * 1024)} MB even after downsizing: take it again at a lower resolution.` };
}
