import { AppError } from '../../../shared/errors';
import { printerDrawer, type CashDrawer } from './drawer';
import type { DrawerOpenLevel } from './escpos-status';
import type { DrawerPin } from './drawer-kick';
import type { DeviceConfigLike } from './health';
import type { HidPosLayout } from './hid-pos-report';
import { HidScanner, type HidOpener } from './hid-scanner';
import type { PrinterDevice } from './printer';
import type { ScanFraming } from './scan-framer';
import type { Scanner } from './scanner';
import { SerialDrawer } from './serial-drawer';
import { SerialPrinter } from './serial-printer';
import { SerialScanner } from './serial-scanner';
import { SimulatedDrawer, SimulatedPrinter, SimulatedScanner } from './simulated';

/** A device_configs row as the factory reads it (options is its JSON column). */
export interface DeviceConfig extends DeviceConfigLike {
  readonly options: Readonly<Record<string, unknown>>;
}

/**
 * Opens the device a config describes. The transport decides, and only the
 * transport: a 'serial' printer that is not there is a disconnected serial
 * printer (it reconnects when plugged in), never a simulated one.
 *
 * Options (all optional): baudRate; reconnectMs; statusTimeoutMs;
 * drawerOpenWhen 'high'|'low'; drawerPin 2|5; for scanners suffix (hex
 * string, e.g. "0d" or "0d0a") or quietMs; hidLayout (partial HidPosLayout);
 * for drawers attachedTo 'receipt_printer', kickBytes (hex), statusRequest
 * (hex) with sensorBit.
 */
export function openPrinter(config: DeviceConfig): PrinterDevice {
  const o = config.options;
  switch (config.transport) {
    case 'simulated':
      return new SimulatedPrinter();
    case 'serial':
      return new SerialPrinter({
        path: requirePath(config),
        ...optional('baudRate', num(o, 'baudRate')),
        ...optional('reconnectMs', num(o, 'reconnectMs')),
        ...optional('statusTimeoutMs', num(o, 'statusTimeoutMs')),
        ...optional('drawerOpenWhen', level(o)),
      });
    case 'hid':
    case 'wedge':
      throw unsupported(config);
  }
}

/** `printer` is the open receipt printer, for drawers on its kick connector. */
export function openCashDrawer(config: DeviceConfig, printer: PrinterDevice | null): CashDrawer {
  const o = config.options;
  if (o['attachedTo'] === 'receipt_printer') {
    if (printer === null)
      throw new AppError(
        'NO_RECEIPT_PRINTER',
        'The cash drawer is plugged into the receipt printer, but no receipt printer is set up: ask IT to configure one.',
      );
    return printerDrawer(printer, pin(o));
  }
  switch (config.transport) {
    case 'simulated':
      return new SimulatedDrawer({ autoCloseMs: num(o, 'autoCloseMs') ?? null });
    case 'serial': {
      const statusRequest = hex(o, 'statusRequest');
      const sensorBit = num(o, 'sensorBit');
      const openWhen = level(o);
      return new SerialDrawer({
        path: requirePath(config),
        ...optional('baudRate', num(o, 'baudRate')),
        ...optional('reconnectMs', num(o, 'reconnectMs')),
        ...optional('kickBytes', hex(o, 'kickBytes')),
        ...(statusRequest === undefined && sensorBit === undefined
          ? {}
          : { status: { ...optional('request', statusRequest), ...optional('sensorBit', sensorBit), ...optional('openWhen', openWhen) } }),
      });
    }
    case 'hid':
    case 'wedge':
      throw unsupported(config);
  }
}

/**
 * A background scanner, or null for a keyboard-wedge one: that one types
 * into the focused window and is read by the screen (WedgeDetector), not here.
 */
export function openScanner(config: DeviceConfig, options: { openHid?: HidOpener } = {}): Scanner | null {
  const o = config.options;
  switch (config.transport) {
    case 'simulated':
      return new SimulatedScanner();
    case 'wedge':
      return null;
    case 'serial': {
      const suffix = hex(o, 'suffix');
      const quietMs = num(o, 'quietMs');
      const framing: ScanFraming = suffix === undefined ? { kind: 'quiet', ...optional('quietMs', quietMs) } : { kind: 'suffix', suffix };
      return new SerialScanner({
        path: requirePath(config),
        framing,
        ...optional('baudRate', num(o, 'baudRate')),
        ...optional('reconnectMs', num(o, 'reconnectMs')),
      });
    }
    case 'hid': {
      const target =
        config.path !== null
          ? { path: config.path }
          : config.vendorId != null && config.productId != null
            ? { vendorId: config.vendorId, productId: config.productId }
            : null;
      if (target === null)
        throw new AppError('DEVICE_CONFIG_INVALID', 'The HID scanner needs a device path or a vendor and product id: ask IT to fix the device setup.');
      const layout = o['hidLayout'];
      return new HidScanner({
        target,
        ...(typeof layout === 'object' && layout !== null ? { layout: layout as Partial<HidPosLayout> } : {}),
        ...optional('reconnectMs', num(o, 'reconnectMs')),
        ...optional('openDevice', options.openHid),
      });
    }
  }
}

function requirePath(config: DeviceConfig): string {
  if (config.path === null || config.path === '') {
    throw new AppError('DEVICE_CONFIG_INVALID', `The ${config.role.replace('_', ' ')} has no port set: ask IT to fix the device setup.`);
  }
  return config.path;
}

function unsupported(config: DeviceConfig): AppError {
  return new AppError(
    'DEVICE_TRANSPORT_UNSUPPORTED',
    `A ${config.role.replace('_', ' ')} cannot be driven over ${config.transport}: configure it on a serial port.`,
    {
      role: config.role,
      transport: config.transport,
    },
  );
}

/** `{ [key]: value }` when defined, `{}` otherwise: exactOptionalPropertyTypes forbids explicit undefined. */
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return value === undefined ? {} : ({ [key]: value } as { [P in K]?: V });
}

function num(options: Readonly<Record<string, unknown>>, key: string): number | undefined {
  const value = options[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw invalid(key);
  return value;
}

function level(options: Readonly<Record<string, unknown>>): DrawerOpenLevel | undefined {
  const value = options['drawerOpenWhen'];
  if (value === undefined) return undefined;
  if (value !== 'high' && value !== 'low') throw invalid('drawerOpenWhen');
  return value;
}

function pin(options: Readonly<Record<string, unknown>>): DrawerPin {
  const value = options['drawerPin'] ?? 2;
  if (value !== 2 && value !== 5) throw invalid('drawerPin');
  return value;
}

function hex(options: Readonly<Record<string, unknown>>, key: string): Uint8Array | undefined {
  const value = options[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^([0-9a-f]{2}\s?)+$/i.test(value)) throw invalid(key);
  const digits = value.replace(/\s/g, '');
  return Uint8Array.from({ length: digits.length / 2 }, (_, i) => parseInt(digits.slice(i * 2, i * 2 + 2), 16));
}

function invalid(key: string): AppError {
  return new AppError('DEVICE_CONFIG_INVALID', `The device setting "${key}" is not valid: ask IT to fix the device setup.`, { option: key });
}
