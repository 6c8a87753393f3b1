import { z } from 'zod';
import { command } from './command';

/**
 * Hardware at this terminal: which device plays which role, how each is
 * doing, and scans from background scanners (HID POS, serial, simulated)
 * delivered to the screen by long-polling `scanner-next`, so they travel the
 * same request/response path over Electron IPC and the headless host's HTTP.
 */

export const deviceRoleNames = ['receipt_printer', 'cash_drawer', 'id_scanner', 'barcode_scanner'] as const;
export const deviceTransportNames = ['serial', 'hid', 'wedge', 'simulated'] as const;
export const deviceRole = z.enum(deviceRoleNames);
export const deviceTransport = z.enum(deviceTransportNames);
export type DeviceRoleName = z.infer<typeof deviceRole>;
export type DeviceTransportName = z.infer<typeof deviceTransport>;

export const deviceHealthStates = ['ready', 'disconnected', 'paper_out', 'offline', 'not_configured', 'simulated'] as const;

export const deviceHealthLine = z.object({
  role: deviceRole,
  transport: deviceTransport.nullable(),
  path: z.string().nullable(),
  state: z.enum(deviceHealthStates),
  message: z.string(),
  lastSeenAt: z.string().nullable(),
});
export type DeviceHealthLine = z.infer<typeof deviceHealthLine>;

/** Up to 64 hex bytes, optionally space-separated: "0d", "0d 0a", "1b700019fa". */
const hexBytes = z
  .string()
  .trim()
  .regex(/^([0-9a-fA-F]{2}\s?){1,64}$/, 'Write bytes as hex pairs, e.g. "0d" or "0d 0a"');

const BAUD_RATES: readonly number[] = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200];

const ms = (min: number, max: number) => z.number().int(`A whole number of milliseconds`).min(min, `At least ${min} ms`).max(max, `At most ${max} ms`);

/** The options the device drivers understand (see src/main/features/devices/open-device.ts); nothing else is stored. */
export const deviceOptions = z
  .object({
    baudRate: z
      .number()
      .int()
      .refine((n) => BAUD_RATES.includes(n), `Use a standard baud rate: ${BAUD_RATES.join(', ')}`)
      .optional(),
    reconnectMs: ms(50, 60_000).optional(),
    statusTimeoutMs: ms(100, 10_000).optional(),
    drawerOpenWhen: z.enum(['high', 'low']).optional(),
    drawerPin: z.union([z.literal(2), z.literal(5)]).optional(),
    attachedTo: z.literal('receipt_printer').optional(),
    kickBytes: hexBytes.optional(),
    statusRequest: hexBytes.optional(),
    sensorBit: z.number().int().min(0).max(7).optional(),
    autoCloseMs: ms(100, 600_000).optional(),
    suffix: hexBytes.optional(),
    quietMs: ms(5, 2_000).optional(),
    hidLayout: z.record(z.string(), z.number().int().min(0).max(255)).optional(),
    /** The USB serial number of the device, so it is followed to a new port only if it is the same unit. */
    usbSerialNumber: z
      .string()
      .min(1)
      .max(128)
      .regex(/^[^\p{Cc}]+$/u, 'The USB serial number must be printable characters')
      .optional(),
    /** A keyboard-wedge scanner's configured prefix character(s), to tell its scans from typing. */
    prefix: z
      .string()
      .min(1)
      .max(4)
      .regex(/^[^\p{Cc}]+$/u, 'The prefix must be printable characters')
      .optional(),
  })
  .strict();
export type DeviceOptions = z.infer<typeof deviceOptions>;

const usbId = z.number().int().min(0).max(0xffff);

export const deviceConfigView = z.object({
  id: z.string(),
  role: deviceRole,
  transport: deviceTransport,
  path: z.string().nullable(),
  vendorId: z.number().int().nullable(),
  productId: z.number().int().nullable(),
  options: z.record(z.string(), z.unknown()),
  enabled: z.boolean(),
});
export type DeviceConfigView = z.infer<typeof deviceConfigView>;

/** Which transports can drive which role. */
export const TRANSPORTS_BY_ROLE: Readonly<Record<DeviceRoleName, readonly DeviceTransportName[]>> = {
  receipt_printer: ['serial', 'simulated'],
  cash_drawer: ['serial', 'simulated'],
  id_scanner: ['serial', 'hid', 'wedge', 'simulated'],
  barcode_scanner: ['serial', 'hid', 'wedge', 'simulated'],
};

const ROLE_WORDS: Readonly<Record<DeviceRoleName, string>> = {
  receipt_printer: 'A receipt printer',
  cash_drawer: 'A cash drawer',
  id_scanner: 'An ID scanner',
  barcode_scanner: 'A barcode scanner',
};

/** A serial port: an absolute device path (/dev/ttyUSB0, /dev/cu.usbmodem1) or a Windows COM port. */
const SERIAL_PATH = /^(\/[^\s]*[^/\s]|COM[1-9]\d{0,2}|\\\\\.\\COM[1-9]\d{0,2})$/;

export const deviceConfigInput = z
  .object({
    /** The config to change; omitted: a new one. */
    id: z.string().min(1).max(64).optional(),
    role: deviceRole,
    transport: deviceTransport,
    path: z
      .string()
      .trim()
      .max(512, 'At most 512 characters')
      .regex(/^[^\p{Cc}]*$/u, 'The port must not contain control characters')
      .nullable()
      .default(null)
      .transform((p) => (p === '' ? null : p)),
    vendorId: usbId.nullable().default(null),
    productId: usbId.nullable().default(null),
    options: deviceOptions.default({}),
    enabled: z.boolean().default(true),
  })
  .strict()
  .superRefine((c, ctx) => {
    const issue = (path: string, message: string): void => ctx.addIssue({ code: 'custom', path: [path], message });
    const attached = c.options.attachedTo === 'receipt_printer';
    if (attached && c.role !== 'cash_drawer') issue('options', 'Only a cash drawer can be plugged into the receipt printer');
    if (!TRANSPORTS_BY_ROLE[c.role].includes(c.transport)) {
      issue('transport', `${ROLE_WORDS[c.role]} cannot be driven over ${c.transport}: use ${TRANSPORTS_BY_ROLE[c.role].join(' or ')}`);
      return;
    }
    if (c.transport === 'serial' && !attached) {
      if (c.path === null) issue('path', `${ROLE_WORDS[c.role]} on a serial port needs its port, e.g. /dev/ttyUSB0 or COM3`);
      else if (!SERIAL_PATH.test(c.path)) issue('path', `"${c.path}" is not a serial port: use a device path like /dev/ttyUSB0 or a COM port like COM3`);
    }
    if (c.transport === 'hid' && c.path === null && (c.vendorId === null || c.productId === null)) {
      issue('path', 'A HID scanner needs its device path, or both its USB vendor and product id');
    }
    if ((c.vendorId === null) !== (c.productId === null))
      issue(c.vendorId === null ? 'vendorId' : 'productId', 'Give both the USB vendor id and the product id, or neither');
    if ((c.transport === 'simulated' || c.transport === 'wedge') && c.path !== null) issue('path', `A ${c.transport} device has no port: leave the port empty`);
  });

export const discoveredDevice = z.object({
  kind: z.enum(['serial', 'hid']),
  path: z.string(),
  vendorId: z.number().int().nullable(),
  productId: z.number().int().nullable(),
  manufacturer: z.string().nullable(),
  product: z.string().nullable(),
  serialNumber: z.string().nullable(),
  scannerVendor: z.string().nullable(),
  hidPos: z.boolean(),
});

/** One scan from a background scanner; `cursor` goes back as `after` in the next poll. */
export const scanMessage = z.object({
  data: z.string().max(16_384),
  kind: z.enum(['id', 'product']),
  source: z.enum(['hid', 'serial', 'wedge', 'simulated']),
  symbology: z.string().optional(),
  at: z.string(),
  cursor: z.number().int().nonnegative(),
});
export const scanTimeout = z.object({ timeout: z.literal(true), cursor: z.number().int().nonnegative() });
export type ScanMessage = z.infer<typeof scanMessage>;

/** The longest a `scanner-next` call waits (below the usual 30 s proxy and client timeouts). */
export const SCANNER_NEXT_MAX_WAIT_MS = 25_000;

export const deviceCommands = {
  'devices-health': command({
    access: 'signed_in',
    passive: true,
    summary: 'Each device role at this terminal: ready, disconnected, out of paper, offline, simulated or not set up, in plain words.',
    writes: false,
    input: z.object({}).strict(),
    output: z.object({ items: z.array(deviceHealthLine) }),
  }),
  'devices-list-configs': command({
    access: 'signed_in',
    summary: 'The device configuration of this terminal (which port plays which role).',
    writes: false,
    input: z.object({}).strict(),
    output: z.object({ items: z.array(deviceConfigView) }),
  }),
  'devices-save-config': command({
    access: 'settings.edit',
    summary: 'Add or change one device of this terminal (audited), then reopen the devices with it.',
    writes: true,
    input: deviceConfigInput,
    output: z.object({ id: z.string(), replaced: z.array(z.string()) }),
  }),
  'devices-discover': command({
    access: 'settings.edit',
    summary: 'The serial ports and USB HID devices this computer sees, to pick from when setting a device up.',
    writes: false,
    input: z.object({}).strict(),
    output: z.object({ items: z.array(discoveredDevice), problems: z.array(z.string()) }),
  }),
  'scanner-next': command({
    access: 'signed_in',
    passive: true,
    summary: 'Waits (long poll) for the next scan from a background scanner after `after`; answers `{timeout: true}` when none came.',
    writes: false,
    input: z
      .object({
        after: z.number().int().nonnegative().optional(),
        waitMs: z.number().int().min(0).max(SCANNER_NEXT_MAX_WAIT_MS).default(20_000),
      })
      .strict(),
    output: z.union([scanMessage, scanTimeout]),
  }),
};
