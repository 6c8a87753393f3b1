import { z } from 'zod';
import { command } from './command';
import { counterCents, counterText, milligrams, productCategory } from './values';

/** Receiving deliveries from Metrc (issue #23): manifests downloaded, each package mapped to a product, received in full or part, or rejected. */

export const incomingPackageView = z.object({
  id: z.string(),
  tag: z.string(),
  itemName: z.string(),
  itemCategory: z.string().nullable(),
  /** Metrc's decimal, as text, in `unitOfMeasure`. */
  shippedQuantity: z.string(),
  unitOfMeasure: z.string(),
  /** The shipped quantity in the register's units, when Metrc's unit is one it keeps. */
  shipped: z.object({ unit: z.enum(['each', 'mg']), quantity: z.number().int() }).nullable(),
  labTestingState: z.string().nullable(),
  productId: z.string().nullable(),
  productName: z.string().nullable(),
  status: z.enum(['pending', 'received', 'rejected']),
  receivedQuantity: z.number().int().nullable(),
  rejectionReason: z.string().nullable(),
});
export type IncomingPackageView = z.infer<typeof incomingPackageView>;

export const incomingManifestView = z.object({
  id: z.string(),
  manifestNumber: z.string(),
  shipperName: z.string().nullable(),
  shipperLicense: z.string().nullable(),
  downloadedAt: z.string(),
  completedAt: z.string().nullable(),
  packages: z.array(incomingPackageView),
});
export type IncomingManifestView = z.infer<typeof incomingManifestView>;

const incomingPackageId = z.string().min(1).max(64);

export const receivingCommands = {
  'receiving-download': command({
    access: 'inventory.receive',
    summary: 'Download incoming transfers (manifests) and their packages from Metrc; a manifest already downloaded is left as it is.',
    writes: true,
    input: z.object({ days: z.number().int().min(1).max(14).default(3) }).strict(),
    output: z.object({
      manifestsAdded: z.number().int(),
      packagesAdded: z.number().int(),
      manifestsSeen: z.number().int(),
      packagesSeen: z.number().int(),
      pagesRead: z.number().int(),
    }),
  }),
  'receiving-list': command({
    access: 'inventory.receive',
    summary: 'Downloaded manifests with their packages (open ones, or all).',
    writes: false,
    input: z.object({ status: z.enum(['open', 'all']).default('open') }).strict(),
    output: z.object({ manifests: z.array(incomingManifestView) }),
  }),
  'receiving-map': command({
    access: 'inventory.receive',
    summary: 'Map an incoming package to a catalog product (and every other waiting package of the same Metrc item). Audited.',
    writes: true,
    input: z.object({ incomingPackageId, productId: z.string().min(1).max(64) }).strict(),
    output: z.object({ mapped: z.number().int() }),
  }),
  'receiving-create-product': command({
    access: 'inventory.receive',
    summary: 'Create the catalog product an incoming package becomes (guided form) and map the package to it. Audited.',
    writes: true,
    input: z
      .object({
        incomingPackageId,
        name: counterText(120),
        brand: counterText(80),
        category: productCategory,
        sellingMode: z.enum(['each', 'weight']),
        /** Per unit (`each`) or per gram (`weight`). */
        priceCents: counterCents,
        /** Cannabis net weight of one unit (1000 per gram for `weight`). */
        netWeightMg: milligrams,
        thcMg: milligrams,
      })
      .strict(),
    output: z.object({ productId: z.string(), mapped: z.number().int() }),
  }),
  'receiving-receive': command({
    access: 'inventory.receive',
    summary: 'Receive a package into stock with its Metrc tag: in full, or in part (a smaller quantity in the register’s unit). Audited.',
    writes: true,
    input: z.object({ incomingPackageId, quantity: z.number().int().positive().safe().optional() }).strict(),
    output: incomingPackageView,
  }),
  'receiving-reject': command({
    access: 'inventory.receive',
    summary: 'Reject a package on a manifest, with the reason. Audited.',
    writes: true,
    input: z.object({ incomingPackageId, reason: counterText(200) }).strict(),
    output: incomingPackageView,
  }),
};
