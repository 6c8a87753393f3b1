import { isAppError } from '../../../shared/errors';
import { deviceRoles, type deviceTransports } from '../../platform/db/schema/devices';
import type { CashDrawer } from './drawer';
import type { PrinterDevice } from './printer';
import type { Scanner } from './scanner';

export type DeviceRole = (typeof deviceRoles)[number];
export type DeviceTransport = (typeof deviceTransports)[number];

export type DeviceHealthState = 'ready' | 'disconnected' | 'paper_out' | 'offline' | 'not_configured' | 'simulated';

/** One line of the device health screen. */
export interface DeviceHealth {
  readonly role: DeviceRole;
  readonly transport: DeviceTransport | null;
  readonly path: string | null;
  readonly state: DeviceHealthState;
  /** What the person at the counter should know or do, in plain words. */
  readonly message: string;
  readonly lastSeenAt: Date | null;
}

/** The fields of a device_configs row that health needs. */
export interface DeviceConfigLike {
  readonly role: DeviceRole;
  readonly transport: DeviceTransport;
  readonly path: string | null;
  readonly vendorId?: number | null;
  readonly productId?: number | null;
  readonly enabled: boolean;
}

/** What checking one open device found. */
export interface DeviceProbe {
  readonly state: 'ready' | 'disconnected' | 'paper_out' | 'offline';
  readonly lastSeenAt: Date | null;
  /** Overrides the default message for the state (e.g. "cover open"). */
  readonly message?: string;
}

/** Finds and checks the open device for a config; null when none is open for it. */
export type DeviceProber = (config: DeviceConfigLike) => Promise<DeviceProbe | null>;

const ROLE_NAMES: Readonly<Record<DeviceRole, string>> = {
  receipt_printer: 'receipt printer',
  cash_drawer: 'cash drawer',
  id_scanner: 'ID scanner',
  barcode_scanner: 'barcode scanner',
};

/**
 * One entry per configured device, in role order, plus a `not_configured`
 * entry for each role that has none enabled. Probing never throws: a device
 * that fails its check is reported, not allowed to break the screen.
 */
export async function deviceHealth(configs: readonly DeviceConfigLike[], probe: DeviceProber): Promise<DeviceHealth[]> {
  const out: DeviceHealth[] = [];
  for (const role of deviceRoles) {
    const enabled = configs.filter((c) => c.role === role && c.enabled);
    if (enabled.length === 0) {
      out.push({
        role,
        transport: null,
        path: null,
        state: 'not_configured',
        message: `No ${ROLE_NAMES[role]} is set up for this register.`,
        lastSeenAt: null,
      });
      continue;
    }
    for (const config of enabled) out.push(await healthOf(config, probe));
  }
  return out;
}

async function healthOf(config: DeviceConfigLike, probe: DeviceProber): Promise<DeviceHealth> {
  const name = ROLE_NAMES[config.role];
  const where = locate(config);
  const base = { role: config.role, transport: config.transport, path: where };
  if (config.transport === 'simulated') {
    return { ...base, state: 'simulated', message: `The ${name} is simulated: nothing real is printed, opened or scanned.`, lastSeenAt: null };
  }
  if (config.transport === 'wedge') {
    // A keyboard-mode scanner is just a keyboard to the computer: nothing to open or ask.
    return {
      ...base,
      state: 'ready',
      message: `The ${name} works as a keyboard, so the register cannot check it: scan a barcode to test it.`,
      lastSeenAt: null,
    };
  }
  let found: DeviceProbe | null;
  try {
    found = await probe(config);
  } catch (error) {
    return { ...base, state: 'offline', message: isAppError(error) ? error.message : `The ${name} did not answer its check.`, lastSeenAt: null };
  }
  if (found === null)
    return {
      ...base,
      state: 'disconnected',
      message: `The ${name} at ${where ?? 'its port'} has not been opened: restart the register if this persists.`,
      lastSeenAt: null,
    };
  return { ...base, state: found.state, message: found.message ?? defaultMessage(found.state, name, where), lastSeenAt: found.lastSeenAt };
}

function locate(config: DeviceConfigLike): string | null {
  if (config.path !== null) return config.path;
  if (config.vendorId != null && config.productId != null) return `${hex4(config.vendorId)}:${hex4(config.productId)}`;
  return null;
}

const hex4 = (n: number): string => n.toString(16).padStart(4, '0');

function defaultMessage(state: DeviceProbe['state'], name: string, where: string | null): string {
  switch (state) {
    case 'ready':
      return `The ${name} is ready.`;
    case 'disconnected':
      return `The ${name}${where === null ? '' : ` at ${where}`} is unplugged or switched off: plug it in; it reconnects by itself.`;
    case 'paper_out':
      return `The ${name} is out of paper: load a new roll.`;
    case 'offline':
      return `The ${name} is not answering: check it is switched on and its cable is in.`;
  }
}

/** A printer's health from its real-time status; paper low is ready, with a warning. */
export async function probePrinter(printer: PrinterDevice): Promise<DeviceProbe> {
  if (printer.state === 'disconnected') return { state: 'disconnected', lastSeenAt: printer.lastSeenAt };
  try {
    const status = await printer.status();
    const seen = printer.lastSeenAt;
    if (status.paper === 'out') return { state: 'paper_out', lastSeenAt: seen };
    if (status.coverOpen) return { state: 'offline', lastSeenAt: seen, message: 'The receipt printer’s cover is open: close it.' };
    if (!status.online) return { state: 'offline', lastSeenAt: seen };
    if (status.paper === 'low')
      return { state: 'ready', lastSeenAt: seen, message: 'The receipt printer is ready, but its paper is running low: have a new roll at hand.' };
    return { state: 'ready', lastSeenAt: seen };
  } catch (error) {
    const code = isAppError(error) ? error.code : '';
    const state = code === 'PRINTER_DISCONNECTED' ? 'disconnected' : code === 'PRINTER_PAPER_OUT' ? 'paper_out' : 'offline';
    return isAppError(error) ? { state, lastSeenAt: printer.lastSeenAt, message: error.message } : { state, lastSeenAt: printer.lastSeenAt };
  }
}

/** Scanners only speak when scanning: health is whether the port or HID device is open. */
export function probeScanner(scanner: Scanner): Promise<DeviceProbe> {
  return Promise.resolve({ state: scanner.state === 'connected' ? 'ready' : 'disconnected', lastSeenAt: scanner.lastSeenAt });
}

/** A drawer with a readable sensor is asked; one without is ready while its port is open. */
export async function probeDrawer(drawer: CashDrawer): Promise<DeviceProbe> {
  if (drawer.state === 'disconnected') return { state: 'disconnected', lastSeenAt: drawer.lastSeenAt };
  try {
    const state = await drawer.status();
    const message = state === 'open' ? 'The cash drawer is ready (it is open now).' : undefined;
    return message === undefined ? { state: 'ready', lastSeenAt: drawer.lastSeenAt } : { state: 'ready', lastSeenAt: drawer.lastSeenAt, message };
  } catch (error) {
    return isAppError(error)
      ? { state: 'offline', lastSeenAt: drawer.lastSeenAt, message: error.message }
      : { state: 'offline', lastSeenAt: drawer.lastSeenAt };
  }
}
