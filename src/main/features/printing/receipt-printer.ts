import { and, asc, eq } from 'drizzle-orm';
import { AppError } from '../../../shared/errors';
import { deviceConfigs } from '../../platform/db/schema';
import type { RegisterDb } from '../../platform/db/open';
import type { DeviceService } from '../devices/service';
import { printOverSerial } from './serial-print';

/**
 * Prints on the terminal's configured receipt printer. When the register's
 * devices run (the DeviceManager), the printer it keeps open prints the job,
 * with the printer's own paper, cover and cable checks. Otherwise (the CLI,
 * tests without devices) a serial/USB-CDC printer gets the job one-shot.
 * A terminal with none configured gets a clear message instead of a silent
 * no-op.
 */
export async function printOnReceiptPrinter(
  db: RegisterDb,
  terminalId: string,
  bytes: Uint8Array,
  devices?: DeviceService,
): Promise<{ printer: string; warning?: string }> {
  const managed = await devices?.print(bytes);
  if (managed != null) {
    return managed.paperLow
      ? { printer: managed.printer, warning: 'The receipt printer’s paper is running low: have a new roll at hand.' }
      : { printer: managed.printer };
  }
  const printers = db
    .select()
    .from(deviceConfigs)
    .where(and(eq(deviceConfigs.terminalId, terminalId), eq(deviceConfigs.role, 'receipt_printer'), eq(deviceConfigs.enabled, true)))
    .orderBy(asc(deviceConfigs.id))
    .all();
  // A real printer wins over a simulated one: the one-shot path cannot drive a simulation.
  const printer = printers.find((p) => p.transport === 'serial') ?? printers[0];
  if (printer === undefined) throw new AppError('NO_RECEIPT_PRINTER', 'No receipt printer is set up for this terminal: ask IT to configure one.');
  if (printer.transport === 'simulated') {
    throw new AppError('PRINTER_SIMULATED', 'The receipt printer is simulated and the register’s devices are not running here: nothing was printed.');
  }
  if (printer.transport !== 'serial' || printer.path === null) {
    throw new AppError(
      'PRINTER_TRANSPORT_UNSUPPORTED',
      `The ${printer.transport} receipt printer is not supported yet: configure it on a serial or USB-CDC port.`,
    );
  }
  const baud = typeof printer.options['baudRate'] === 'number' ? printer.options['baudRate'] : undefined;
  await printOverSerial({ path: printer.path, ...(baud === undefined ? {} : { baudRate: baud }) }, bytes);
  return { printer: printer.path };
}
