import { z } from 'zod';
import { command } from './command';
import { calendarDate, counterCents, counterText } from './values';
import { qualityCategories } from '../domain/quality/sop';
import { incidentPhotoTypes } from '../domain/quality/photo-type';

/** Product quality (issue #22): incidents, SOP steps, holds, batch view and trend. */

const ref = z.string().min(1).max(64);
export const qualityCategory = z.enum(qualityCategories);

/** The most photos an incident keeps, and the largest one (after the counter downsized it to 1600 px on the long side). */
export const INCIDENT_PHOTO_LIMIT = 4;
export const INCIDENT_PHOTO_MAX_BYTES = 2 * 1024 * 1024;
/** The long side the counter downsizes a photo to before sending it. */
export const INCIDENT_PHOTO_MAX_SIDE_PX = 1600;
/**
 * The base64 payload's cap: a little over the largest photo's base64 (4 chars
 * per 3 bytes), so a photo just over the limit reaches the core and gets its
 * specific QA_PHOTO_TOO_LARGE, while a far larger message is refused at once.
 */
const PHOTO_BASE64_MAX = Math.ceil((INCIDENT_PHOTO_MAX_BYTES * 1.05) / 3) * 4;
const photoType = z.enum(incidentPhotoTypes);

export const incidentPhotoView = z.object({
  photoId: z.string(),
  mimeType: photoType,
  bytes: z.number().int(),
  attachedBy: z.string(),
  attachedAt: z.string(),
  /** Removed by a manager: the bytes are gone, the row says when and why. */
  removed: z.object({ at: z.string(), reason: z.string() }).nullable(),
});
export type IncidentPhotoView = z.infer<typeof incidentPhotoView>;

export const incidentView = z.object({
  incidentId: z.string(),
  incidentNumber: z.string(),
  category: qualityCategory,
  customerWords: z.string(),
  customerId: z.string().nullable(),
  saleId: z.string().nullable(),
  saleLineId: z.string().nullable(),
  packageTag: z.string(),
  productId: z.string(),
  batch: z.string().nullable(),
  status: z.enum(['open', 'resolved']),
  resolution: z.enum(['return', 'credit', 'replacement']).nullable(),
  resolutionRef: z.string().nullable(),
  openedAt: z.string(),
  resolvedAt: z.string().nullable(),
  steps: z.array(z.object({ step: z.string(), label: z.string(), doneBy: z.string().nullable(), doneAt: z.string().nullable(), note: z.string().nullable() })),
  photos: z.array(incidentPhotoView),
});
export type IncidentView = z.infer<typeof incidentView>;

export const batchViewOutput = z.object({
  batch: z.string(),
  packages: z.array(z.object({ tag: z.string(), productId: z.string(), productName: z.string(), onHand: z.number().int(), status: z.string() })),
  sales: z.array(
    z.object({
      saleId: z.string(),
      saleNumber: z.string(),
      completedAt: z.string(),
      status: z.string(),
      packageTag: z.string(),
      quantity: z.number().int(),
      customerId: z.string().nullable(),
      customerName: z.string().nullable(),
    }),
  ),
  anonymousSales: z.number().int(),
  customers: z.array(z.object({ customerId: z.string(), name: z.string().nullable(), sales: z.number().int() })),
  holds: z.array(
    z.object({
      holdId: z.string(),
      scope: z.enum(['package', 'batch']),
      packageTag: z.string().nullable(),
      reason: z.string(),
      placedAt: z.string(),
      releasedAt: z.string().nullable(),
    }),
  ),
  incidents: z.array(
    z.object({
      incidentId: z.string(),
      incidentNumber: z.string(),
      category: qualityCategory,
      status: z.enum(['open', 'resolved']),
      /** Photos kept on it (removed ones not counted). */
      photoCount: z.number().int(),
    }),
  ),
});
export type BatchView = z.infer<typeof batchViewOutput>;

export const qualityCommands = {
  'qa-incident-open': command({
    access: 'quality.manage',
    summary: 'Open a quality incident from a sale line or a scanned package tag (customer’s words, category; no medical advice).',
    writes: true,
    input: z
      .object({
        category: qualityCategory,
        customerWords: counterText(2000),
        saleLineId: ref.optional(),
        packageTag: z.string().min(1).max(64).optional(),
        customerId: ref.optional(),
      })
      .strict()
      .refine((i) => i.saleLineId !== undefined || i.packageTag !== undefined, {
        message: 'Open it from a sale line or scan the package tag',
        path: ['packageTag'],
      }),
    output: incidentView,
  }),
  'qa-incident-step': command({
    access: 'quality.manage',
    summary: 'Record one SOP step done on an incident (who and when).',
    writes: true,
    input: z.object({ incidentId: ref, step: z.string().min(1).max(60), note: counterText(500).optional() }).strict(),
    output: incidentView,
  }),
  'qa-incident-resolve': command({
    access: 'quality.manage',
    summary: 'Resolve an incident by a return (already made), store credit (audited) or replacement, once every SOP step is done.',
    writes: true,
    input: z.discriminatedUnion('resolution', [
      z.object({ incidentId: ref, resolution: z.literal('return'), returnNumber: counterText(30), note: counterText(500) }).strict(),
      z.object({ incidentId: ref, resolution: z.literal('credit'), creditCents: counterCents, note: counterText(500) }).strict(),
      z.object({ incidentId: ref, resolution: z.literal('replacement'), replacementSaleId: ref.optional(), note: counterText(500) }).strict(),
    ]),
    output: incidentView,
  }),
  'qa-incident-get': command({
    access: 'quality.manage',
    summary: 'One quality incident with its SOP steps.',
    writes: false,
    input: z.object({ incidentId: ref }).strict(),
    output: incidentView,
  }),
  'qa-incident-photo-attach': command({
    access: 'quality.manage',
    summary: 'Attach a photo (PNG, JPEG or WebP, checked by its bytes; at most 2 MB; at most 4 an incident) to an incident; audited by its SHA-256.',
    writes: true,
    input: z
      .object({
        incidentId: ref,
        base64: z
          .string()
          .min(4, 'photo: the picture is empty')
          .max(PHOTO_BASE64_MAX, 'photo: a photo is limited to 2 MB')
          .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'photo: not base64'),
      })
      .strict(),
    output: incidentView,
  }),
  'qa-incident-photo-remove': command({
    access: 'quality.photo_remove',
    summary: 'Remove a photo from an incident (a manager, with a reason; audited): the bytes are deleted, the row keeps who, when and why.',
    writes: true,
    input: z.object({ photoId: ref, reason: counterText(200) }).strict(),
    output: incidentView,
  }),
  'qa-incident-photo': command({
    access: 'quality.manage',
    summary: 'An incident photo, held by the register, as base64 with its type (the counter draws it; never a file or the network).',
    writes: false,
    input: z.object({ photoId: ref }).strict(),
    output: z.object({ mimeType: photoType, base64: z.string() }),
  }),
  'qa-incidents': command({
    access: 'quality.manage',
    summary: 'Quality incidents, newest first.',
    writes: false,
    input: z.object({ status: z.enum(['open', 'resolved']).optional() }).strict(),
    output: z.object({ items: z.array(incidentView) }),
  }),
  'qa-hold-place': command({
    access: 'quality.manage',
    summary: 'Put a package, or its whole batch, on hold: it cannot be scanned or sold until released.',
    writes: true,
    input: z
      .object({
        scope: z.enum(['package', 'batch']),
        packageTag: z.string().min(1).max(64).optional(),
        batch: counterText(64).optional(),
        reason: counterText(200),
        incidentId: ref.optional(),
      })
      .strict(),
    output: z.object({ holdId: z.string(), batch: z.string().nullable(), packageTag: z.string().nullable() }),
  }),
  'qa-hold-release': command({
    access: 'quality.manage',
    summary: 'Release a hold (audited, with a note).',
    writes: true,
    input: z.object({ holdId: ref, note: counterText(200) }).strict(),
    output: z.object({ holdId: z.string() }),
  }),
  'qa-batch-view': command({
    access: 'quality.manage',
    summary: 'Every package and sale of a batch, the customers who bought it, its holds and incidents (recall readiness).',
    writes: false,
    input: z.object({ batch: counterText(64) }).strict(),
    output: batchViewOutput,
  }),
  'qa-trend': command({
    access: 'quality.manage',
    summary: 'Incidents per product and batch by category, opened in a period of store days.',
    writes: false,
    input: z.object({ from: calendarDate, to: calendarDate }).strict(),
    output: z.object({
      items: z.array(z.object({ productId: z.string(), batch: z.string().nullable(), category: qualityCategory, incidents: z.number().int() })),
    }),
  }),
};
