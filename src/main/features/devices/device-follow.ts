import { existsSync } from 'node:fs';
import type { StoredDeviceConfig } from './configs';
import type { DiscoveredDevice } from './discovery';

/** A configured device found again at another port (a USB device re-plugged into another socket). */
export interface DeviceMove {
  readonly configId: string;
  readonly role: StoredDeviceConfig['role'];
  readonly from: string;
  readonly to: string;
}

/** A configured device that is gone, where more than one attached device could be it. */
export interface AmbiguousMove {
  readonly configId: string;
  readonly role: StoredDeviceConfig['role'];
  readonly from: string;
  readonly candidates: readonly string[];
}

/**
 * Which configured devices moved. A USB serial adapter or HID scanner that is
 * unplugged and plugged back often comes back under another name
 * (/dev/ttyUSB0 → /dev/ttyUSB1, /dev/hidraw3 → /dev/hidraw4). A config is
 * followed only when all of this holds:
 * - it is enabled, on `kind`'s transport, with a port and its USB vendor and
 *   product ids (and serial number, when it stored one);
 * - its port is gone: not listed and no such device node. Stable names such
 *   as /dev/serial/by-id/… are never listed by the OS but exist, so they
 *   stay as they are;
 * - exactly one listed device of that kind has its identity and is not
 *   another config's port. Two identical adapters without serial numbers
 *   are reported as ambiguous: guessing could send a drawer kick to a
 *   scanner.
 */
export function findMovedDevices(
  configs: readonly StoredDeviceConfig[],
  kind: DiscoveredDevice['kind'],
  listed: readonly DiscoveredDevice[],
  exists: (path: string) => boolean = existsSync,
): { moves: DeviceMove[]; ambiguous: AmbiguousMove[] } {
  const present = listed.filter((d) => d.kind === kind);
  const listedPaths = new Set(present.map((d) => d.path));
  const taken = new Set(configs.filter((c) => c.enabled && c.path !== null).map((c) => c.path));
  const moves: DeviceMove[] = [];
  const ambiguous: AmbiguousMove[] = [];
  for (const config of configs) {
    const from = config.path;
    if (!config.enabled || kindOf(config) !== kind || from === null || config.vendorId === null || config.productId === null) continue;
    if (listedPaths.has(from) || (from.startsWith('/') && exists(from))) continue;
    const serial = config.options['usbSerialNumber'];
    const candidates = present.filter(
      (d) =>
        d.vendorId === config.vendorId && d.productId === config.productId && (typeof serial !== 'string' || d.serialNumber === serial) && !taken.has(d.path),
    );
    const [only] = candidates;
    if (candidates.length === 1 && only !== undefined) moves.push({ configId: config.id, role: config.role, from, to: only.path });
    else if (candidates.length > 1) ambiguous.push({ configId: config.id, role: config.role, from, candidates: candidates.map((d) => d.path) });
  }
  return { moves: withoutSharedTargets(moves, ambiguous), ambiguous };
}

function kindOf(config: StoredDeviceConfig): DiscoveredDevice['kind'] | null {
  if (config.transport === 'hid') return 'hid';
  if (config.transport === 'serial' && config.options['attachedTo'] === undefined) return 'serial';
  return null;
}

/** Two configs whose only candidate is the same device: neither is moved. */
function withoutSharedTargets(moves: DeviceMove[], ambiguous: AmbiguousMove[]): DeviceMove[] {
  const claims = new Map<string, number>();
  for (const move of moves) claims.set(move.to, (claims.get(move.to) ?? 0) + 1);
  for (const move of moves.filter((m) => (claims.get(m.to) ?? 0) > 1))
    ambiguous.push({ configId: move.configId, role: move.role, from: move.from, candidates: [move.to] });
  return moves.filter((m) => claims.get(m.to) === 1);
}
