import { eq } from 'drizzle-orm';
import { toCsv } from '../../../features/quality/batch-view';
import { packages, products, qualityIncidents, saleLines, sales, stores } from '../../../platform/db/schema';
import { sql } from 'drizzle-orm';
import { parseOptions, withDatabase } from '../args';
import { printError, type CliCommand } from '../command';

/**
 * Quality exports as CSV for operations and recalls: every sale line drawn from
 * a batch (`--batch`, customer ids only: names stay in the register), or every
 * quality incident (`--incidents`, without the customer's words).
 */
export const qaExportCommand: CliCommand = {
  name: 'qa-export',
  usage: 'qa-export (--batch <batch> | --incidents) [--db <file>]',
  run: async (args, io) => {
    const parsed = parseOptions(args, ['db', 'batch', 'incidents']);
    // `--incidents` takes no value: accept it bare.
    const bare = args.includes('--incidents');
    const options = bare
      ? parseOptions(
          args.filter((a) => a !== '--incidents'),
          ['db', 'batch'],
        )
      : parsed;
    if ('error' in options) return printError(io, 'INVALID_ARGUMENTS', options.error);
    const batch = options.values.batch;
    if ((batch === undefined) === !bare) return printError(io, 'INVALID_ARGUMENTS', 'Give exactly one of --batch <batch> or --incidents.');
    return withDatabase(options.values.db, (database) => {
      const store = database.db.select({ id: stores.id }).from(stores).limit(1).get();
      if (store === undefined) return printError(io, 'NO_STORE', 'This database has no store set up.');
      if (batch !== undefined) {
        const rows = database.db
          .select({
            saleNumber: sales.saleNumber,
            completedAt: sales.completedAt,
            status: sales.status,
            packageTag: saleLines.packageTag,
            quantity: saleLines.quantity,
            customerId: sales.customerId,
          })
          .from(saleLines)
          .innerJoin(sales, eq(sales.id, saleLines.saleId))
          .innerJoin(packages, eq(packages.tag, saleLines.packageTag))
          .innerJoin(products, eq(products.id, packages.productId))
          .where(sql`coalesce(${packages.productionBatch}, ${products.coaBatchNumber}) = ${batch}`)
          .orderBy(sales.completedAt)
          .all()
          .map((r) => ({ ...r, completedAt: r.completedAt.toISOString() }));
        io.stdout(toCsv(['saleNumber', 'completedAt', 'status', 'packageTag', 'quantity', 'customerId'], rows));
        return 0;
      }
      const rows = database.db
        .select({
          incidentNumber: qualityIncidents.incidentNumber,
          category: qualityIncidents.category,
          status: qualityIncidents.status,
          productId: qualityIncidents.productId,
          batch: qualityIncidents.batch,
          packageTag: qualityIncidents.packageTag,
          saleId: qualityIncidents.saleId,
          resolution: qualityIncidents.resolution,
          openedAt: qualityIncidents.openedAt,
          resolvedAt: qualityIncidents.resolvedAt,
        })
        .from(qualityIncidents)
        .where(eq(qualityIncidents.storeId, store.id))
        .orderBy(qualityIncidents.openedAt)
        .all()
        .map((r) => ({ ...r, openedAt: r.openedAt.toISOString(), resolvedAt: r.resolvedAt?.toISOString() ?? null }));
      io.stdout(toCsv(['incidentNumber', 'category', 'status', 'productId', 'batch', 'packageTag', 'saleId', 'resolution', 'openedAt', 'resolvedAt'], rows));
      return 0;
    });
  },
};
