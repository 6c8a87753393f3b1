import { createHash, randomUUID } from 'node:crypto';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { AppError } from '../../../shared/errors';
import { appendAudit } from '../../platform/audit/log';
import { incidentPhotoType, PHOTO_TYPE_MESSAGE, type IncidentPhotoType } from '../../../shared/domain/quality/photo-type';
import { qaIncidentPhotos, qualityIncidents, staff } from '../../platform/db/schema';
import type { RegisterDb } from '../../platform/db/open';
import type { RegisterTx } from '../../platform/db/transaction';
import { INCIDENT_PHOTO_LIMIT, INCIDENT_PHOTO_MAX_BYTES } from '../../../shared/contract/quality';

/** Who acts, where and when (as incidents.ts takes it). */
interface Actor {
  readonly storeId: string;
  readonly staffId: string;
  readonly terminalId: string;
  readonly now: Date;
}

type Reader = RegisterDb | RegisterTx;
type PhotoType = IncidentPhotoType;

function incidentOf(tx: Reader, storeId: string, incidentId: string) {
  const incident = tx
    .select({ id: qualityIncidents.id, storeId: qualityIncidents.storeId, incidentNumber: qualityIncidents.incidentNumber })
    .from(qualityIncidents)
    .where(eq(qualityIncidents.id, incidentId))
    .get();
  if (incident?.storeId !== storeId) throw new AppError('QA_INCIDENT_NOT_FOUND', 'No such quality incident in this store.');
  return incident;
}

/**
 * Attaches a photo to an incident, checked by its bytes and size (the counter
 * downsizes and re-encodes first; the core enforces regardless). The audit
 * entry names the photo by its SHA-256 and size: the bytes stay out of the log.
 */
export function attachIncidentPhoto(tx: RegisterTx, actor: Actor, input: { readonly incidentId: string; readonly bytes: Uint8Array }): string {
  const incident = incidentOf(tx, actor.storeId, input.incidentId);
  const mimeType = incidentPhotoType(input.bytes);
  if (mimeType === null) throw new AppError('QA_PHOTO_TYPE', PHOTO_TYPE_MESSAGE);
  if (input.bytes.length > INCIDENT_PHOTO_MAX_BYTES) {
    throw new AppError('QA_PHOTO_TOO_LARGE', `A photo is limited to ${INCIDENT_PHOTO_MAX_BYTES / (1024 * 1024)} MB: take it again at a lower resolution.`, {
      bytes: input.bytes.length,
    });
  }
  const kept =
    tx
      .select({ n: sql<number>`count(*)` })
      .from(qaIncidentPhotos)
      .where(and(eq(qaIncidentPhotos.incidentId, incident.id), isNull(qaIncidentPhotos.removedAt)))
      .get()?.n ?? 0;
  if (kept >= INCIDENT_PHOTO_LIMIT) {
    throw new AppError('QA_PHOTO_LIMIT', `${incident.incidentNumber} has ${INCIDENT_PHOTO_LIMIT} photos already: that is the most an incident keeps.`);
  }
  const id = randomUUID();
  const sha256 = createHash('sha256').update(input.bytes).digest('hex');
  tx.insert(qaIncidentPhotos)
    .values({
      id,
      storeId: actor.storeId,
      incidentId: incident.id,
      mimeType,
      byteSize: input.bytes.length,
      sha256,
      data: Buffer.from(input.bytes),
      attachedBy: actor.staffId,
      attachedAt: actor.now,
    })
    .run();
  appendAudit(tx, {
    at: actor.now,
    staffId: actor.staffId,
    terminalId: actor.terminalId,
    action: 'quality.photo_attach',
    entityType: 'quality_incident',
    entityId: incident.id,
    after: { photoId: id, mimeType, bytes: input.bytes.length, sha256 },
  });
  return id;
}

/**
 * Removes a photo from the record (a manager, with a reason): the bytes are
 * deleted; the row keeps who attached it, who removed it, when and why.
 */
export function removeIncidentPhoto(tx: RegisterTx, actor: Actor, input: { readonly photoId: string; readonly reason: string }): string {
  const photo = tx.select().from(qaIncidentPhotos).where(eq(qaIncidentPhotos.id, input.photoId)).get();
  if (photo?.storeId !== actor.storeId) throw new AppError('QA_PHOTO_NOT_FOUND', 'No such photo on an incident of this store.');
  if (photo.removedAt !== null) throw new AppError('QA_PHOTO_REMOVED', 'That photo was removed already.');
  tx.update(qaIncidentPhotos)
    .set({ data: null, removedBy: actor.staffId, removedAt: actor.now, removalReason: input.reason })
    .where(eq(qaIncidentPhotos.id, photo.id))
    .run();
  appendAudit(tx, {
    at: actor.now,
    staffId: actor.staffId,
    terminalId: actor.terminalId,
    action: 'quality.photo_remove',
    entityType: 'quality_incident',
    entityId: photo.incidentId,
    before: { photoId: photo.id, bytes: photo.byteSize, sha256: photo.sha256 },
    after: { photoId: photo.id, removed: true, reason: input.reason },
  });
  return photo.incidentId;
}

/** An incident's photos as its view lists them, oldest first, removed ones with who removed them and why. */
export function incidentPhotos(db: Reader, incidentId: string) {
  return db
    .select({
      photoId: qaIncidentPhotos.id,
      mimeType: qaIncidentPhotos.mimeType,
      bytes: qaIncidentPhotos.byteSize,
      attachedBy: staff.displayName,
      attachedAt: qaIncidentPhotos.attachedAt,
      removedBy: qaIncidentPhotos.removedBy,
      removedAt: qaIncidentPhotos.removedAt,
      removalReason: qaIncidentPhotos.removalReason,
    })
    .from(qaIncidentPhotos)
    .innerJoin(staff, eq(staff.id, qaIncidentPhotos.attachedBy))
    .where(eq(qaIncidentPhotos.incidentId, incidentId))
    .orderBy(asc(qaIncidentPhotos.attachedAt), asc(qaIncidentPhotos.id))
    .all()
    .map((p) => ({
      photoId: p.photoId,
      mimeType: p.mimeType,
      bytes: p.bytes,
      attachedBy: p.attachedBy,
      attachedAt: p.attachedAt.toISOString(),
      removed: p.removedAt === null ? null : { at: p.removedAt.toISOString(), reason: p.removalReason ?? '' },
    }));
}

/** One kept photo of this store, as the counter draws it: its type and its bytes in base64. */
export function incidentPhoto(db: Reader, storeId: string, photoId: string): { mimeType: PhotoType; base64: string } {
  const row = db
    .select({ mimeType: qaIncidentPhotos.mimeType, data: qaIncidentPhotos.data })
    .from(qaIncidentPhotos)
    .where(and(eq(qaIncidentPhotos.id, photoId), eq(qaIncidentPhotos.storeId, storeId)))
    .get();
  if (row === undefined) throw new AppError('QA_PHOTO_NOT_FOUND', 'No such photo on an incident of this store.');
  if (row.data === null) throw new AppError('QA_PHOTO_REMOVED', 'That photo was removed from the record.');
  return { mimeType: row.mimeType, base64: Buffer.from(row.data).toString('base64') };
}

/** Kept photos per incident, for lists and exports (incidents without any are absent). */
export function photoCounts(db: Reader, storeId: string): Map<string, number> {
  const rows = db
    .select({ incidentId: qaIncidentPhotos.incidentId, n: sql<number>`count(*)` })
    .from(qaIncidentPhotos)
    .where(and(eq(qaIncidentPhotos.storeId, storeId), isNull(qaIncidentPhotos.removedAt)))
    .groupBy(qaIncidentPhotos.incidentId)
    .all();
  return new Map(rows.map((r) => [r.incidentId, r.n]));
}
