import { SerialPort } from 'serialport';
import { AppError } from '../../../shared/errors';

export interface SerialPrinterTarget {
  readonly path: string;
  /** Epson-type printers default to 9600 8N1. */
  readonly baudRate?: number;
}

/**
 * Sends one print job to an ESC/POS printer on a serial (or USB-CDC) port:
 * open, write, drain (the bytes reached the device), close. A printer that
 * is unplugged or off is a readable error, and nothing half-printed is
 * retried silently: the caller decides to print again.
 */
export async function printOverSerial(target: SerialPrinterTarget, bytes: Uint8Array): Promise<void> {
  const port = new SerialPort({ path: target.path, baudRate: target.baudRate ?? 9600, autoOpen: false });
  try {
    await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())));
    await new Promise<void>((resolve, reject) => {
      port.write(Buffer.from(bytes), (error) => (error ? reject(error) : undefined));
      port.drain((error) => (error ? reject(error) : resolve()));
    });
  } catch (error) {
    throw new AppError(
      'PRINTER_UNAVAILABLE',
      `The receipt printer at ${target.path} is not answering: check it is on, has paper and is plugged in, then print again.`,
      {
        cause: error instanceof Error ? error.message : String(error),
      },
    );
  } finally {
    if (port.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  }
}
