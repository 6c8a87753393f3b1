import { eq } from 'drizzle-orm';
import { batchSaleLines, toCsv } from '../../../features/quality/batch-view';
import { photoCounts } from '../../../features/quality/incident-photos';
import { incidentTrend } from '../../../features/quality/incidents';
import { dayWindow } from '../../../../shared/domain/store-calendar';
import { qualityIncidents, stores } from '../../../platform/db/schema';
import { parseOptions, withDatabase } from '../args';
import { printError, type CliCommand } from '../command';

/**
 * Quality exports as CSV for operations and recalls: every sale line drawn from
 * a batch (`--batch`, customer ids only: names stay in the register), every
 * quality incident (`--incidents`, without the customer's words, with how many
 * photos it keeps: the photos themselves stay in the register), or incidents
 * per product, batch and category over store days (`--trend`).
 */
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export const qaExportCommand: CliCommand = {
  name: 'qa-export',
  usage: 'qa-export (--batch <batch> | --incidents | --trend --from <YYYY-MM-DD> --to <YYYY-MM-DD>) [--db <file>]',
  run: async (args, io) => {
    // `--incidents` and `--trend` take no value: accept them bare.
    const bare = args.includes('--incidents');
    const trend = args.includes('--trend');
    const options = parseOptions(
      args.filter((a) => a !== '--incidents' && a !== '--trend'),
      ['db', 'batch', 'from', 'to'],
    );
    if ('error' in options) return printError(io, 'INVALID_ARGUMENTS', options.error);
    const { batch, from, to } = options.values;
    if ([batch !== undefined, bare, trend].filter(Boolean).length !== 1) {
      return printError(io, 'INVALID_ARGUMENTS', 'Give exactly one of --batch <batch>, --incidents or --trend --from <day> --to <day>.');
    }
    if (trend && (from === undefined || to === undefined || !DAY.test(from) || !DAY.test(to) || to < from)) {
      return printError(io, 'INVALID_ARGUMENTS', '--trend needs --from and --to as YYYY-MM-DD store days, the end not before the start.');
    }
    return withDatabase(options.values.db, (database) => {
      const store = database.db.select({ id: stores.id, timeZone: stores.timeZone }).from(stores).limit(1).get();
      if (store === undefined) return printError(io, 'NO_STORE', 'This database has no store set up.');
      if (trend && from !== undefined && to !== undefined) {
        const rows = incidentTrend(database.db, store.id, dayWindow(from, store.timeZone).start, dayWindow(to, store.timeZone).end);
        io.stdout(toCsv(['productId', 'batch', 'category', 'incidents'], rows));
        return 0;
      }
      if (batch !== undefined) {
        // The same lines the batch view shows, without the names (those stay in the register).
        const rows = batchSaleLines(database.db, store.id, batch).map((r) => ({
          saleNumber: r.saleNumber,
          completedAt: r.completedAt.toISOString(),
          status: r.status,
          packageTag: r.packageTag,
          quantity: r.quantity,
          customerId: r.customerId,
        }));
        io.stdout(toCsv(['saleNumber', 'completedAt', 'status', 'packageTag', 'quantity', 'customerId'], rows));
        return 0;
      }
      const photos = photoCounts(database.db, store.id);
      const rows = database.db
        .select({
          id: qualityIncidents.id,
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
        .map((r) => ({ ...r, openedAt: r.openedAt.toISOString(), resolvedAt: r.resolvedAt?.toISOString() ?? null, photoCount: photos.get(r.id) ?? 0 }));
      io.stdout(
        toCsv(
          ['incidentNumber', 'category', 'status', 'productId', 'batch', 'packageTag', 'saleId', 'resolution', 'openedAt', 'resolvedAt', 'photoCount'],
          rows,
        ),
      );
      return 0;
    });
  },
};
