import { and, eq } from 'drizzle-orm';
import { AppError } from '../../shared/errors';
import { deviceConfigs } from '../db/schema';
import type { RegisterDb } from '../db/open';
import { printOverSerial } from './serial-print';

/**
 * Prints on the terminal's configured receipt printer. Only serial/USB-CDC
 * printers are driven here so far; a terminal with none configured gets a
 * clear message instead of a silent no-op.
 */
export async function printOnReceiptPrinter(db: RegisterDb, terminalId: string, bytes: Uint8Array): Promise<{ printer: string }> {
  const printer = db
    .select()
    .from(deviceConfigs)
    .where(and(eq(deviceConfigs.terminalId, terminalId), eq(deviceConfigs.role, 'receipt_printer'), eq(deviceConfigs.enabled, true)))
    .get();
  if (printer === undefined) throw new AppError('NO_RECEIPT_PRINTER', 'No receipt printer is set up for this terminal: ask IT to configure one.');
  if (printer.transport !== 'serial' || printer.path === null) {
    throw new AppError('PRINTER_TRANSPORT_UNSUPPORTED', `The ${printer.transport} receipt printer is not supported yet: configure it on a serial or USB-CDC port.`);
  }
  const baud = typeof printer.options['baudRate'] === 'number' ? printer.options['baudRate'] : undefined;
  await printOverSerial({ path: printer.path, ...(baud === undefined ? {} : { baudRate: baud }) }, bytes);
  return { printer: printer.path };
}
