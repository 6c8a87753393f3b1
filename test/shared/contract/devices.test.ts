import { describe, expect, it } from 'vitest';
import { deviceConfigInput } from '../../../src/shared/contract/devices';

const parse = (input: unknown) => deviceConfigInput.safeParse(input);
const firstError = (input: unknown): string => {
  const result = parse(input);
  if (result.success) throw new Error('expected a refusal');
  const issue = result.error.issues[0];
  return `${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}`;
};

describe('devices-save-config input', () => {
  it('accepts the usual set-ups, filling defaults', () => {
    expect(parse({ role: 'receipt_printer', transport: 'serial', path: '/dev/ttyUSB0', options: { baudRate: 19200 } }).data).toEqual({
      role: 'receipt_printer',
      transport: 'serial',
      path: '/dev/ttyUSB0',
      vendorId: null,
      productId: null,
      options: { baudRate: 19200 },
      enabled: true,
    });
    expect(parse({ role: 'receipt_printer', transport: 'serial', path: 'COM3' }).success).toBe(true);
    expect(parse({ role: 'cash_drawer', transport: 'serial', options: { attachedTo: 'receipt_printer', drawerPin: 5 } }).success).toBe(true);
    expect(parse({ role: 'id_scanner', transport: 'hid', vendorId: 0x05e0, productId: 0x1300 }).success).toBe(true);
    expect(parse({ role: 'id_scanner', transport: 'serial', path: '/dev/ttyACM0', options: { suffix: '0d 03' } }).success).toBe(true);
    expect(parse({ role: 'barcode_scanner', transport: 'wedge', path: '  ', options: { prefix: '~' } }).data?.path).toBeNull();
  });

  it('refuses what no driver can use, saying which field and why', () => {
    expect(firstError({ role: 'cash_drawer', transport: 'wedge' })).toBe('transport: A cash drawer cannot be driven over wedge: use serial or simulated');
    expect(firstError({ role: 'barcode_scanner', transport: 'serial', path: 'ttyUSB0' })).toBe(
      'path: "ttyUSB0" is not a serial port: use a device path like /dev/ttyUSB0 or a COM port like COM3',
    );
    expect(firstError({ role: 'id_scanner', transport: 'hid', vendorId: 1 })).toBe(
      'path: A HID scanner needs its device path, or both its USB vendor and product id',
    );
    expect(firstError({ role: 'receipt_printer', transport: 'simulated', options: { attachedTo: 'receipt_printer' } })).toBe(
      'options: Only a cash drawer can be plugged into the receipt printer',
    );
    expect(firstError({ role: 'id_scanner', transport: 'hid', path: '/dev/hidraw1', vendorId: 70000, productId: 1 })).toMatch(/^vendorId: /);
    expect(firstError({ role: 'receipt_printer', transport: 'serial', path: '/dev/ttyS0', options: { reconnectMs: 1 } })).toBe(
      'options.reconnectMs: At least 50 ms',
    );
    expect(firstError({ role: 'receipt_printer', transport: 'serial', path: '/dev/ttyS0', enabled: 'yes' })).toMatch(/^enabled: /);
  });
});
