import type { DeviceRoleName, DeviceTransportName } from '../../../shared/contract/devices';
import { AppError } from '../../../shared/errors';
import { signedIn } from '../../core/signed-in';
import type { Handlers } from '../../core/handler';
import { saveDeviceConfig, loadDeviceConfigs } from './configs';
import { terminalDeviceHealth } from './device-manager';
import type { DeviceRole, DeviceTransport } from './health';

type DeviceCommand = 'devices-health' | 'devices-list-configs' | 'devices-save-config' | 'devices-discover' | 'scanner-next';

// The contract's lists and the schema's must stay the same (each direction).
const sameRoles: [DeviceRole, DeviceRoleName] extends [DeviceRoleName, DeviceRole] ? true : never = true;
const sameTransports: [DeviceTransport, DeviceTransportName] extends [DeviceTransportName, DeviceTransport] ? true : never = true;
void sameRoles;
void sameTransports;

export const deviceHandlers: Handlers<DeviceCommand> = {
  'devices-health': async (_input, ctx) => {
    const lines = await terminalDeviceHealth(ctx.db, ctx.terminalId, ctx.devices);
    return { items: lines.map((line) => ({ ...line, lastSeenAt: line.lastSeenAt?.toISOString() ?? null })) };
  },

  'devices-list-configs': (_input, ctx) => ({ items: loadDeviceConfigs(ctx.db, ctx.terminalId).map((c) => ({ ...c, options: { ...c.options } })) }),

  /** Saved (and audited) first; then the running devices reopen with the new setting. */
  'devices-save-config': async (input, ctx) => {
    const saved = saveDeviceConfig(ctx.db, { terminalId: ctx.terminalId, staffId: signedIn(ctx), change: input, now: ctx.now() });
    await ctx.devices.reload();
    return saved;
  },

  'devices-discover': async (_input, ctx) => {
    const found = await ctx.devices.discover();
    return { items: [...found.devices], problems: [...found.problems] };
  },

  /**
   * The long poll behind hardware scans on screen. The session is checked
   * again once a scan arrives: a register that locked itself meanwhile does
   * not hand the scan to a screen nobody is signed in to.
   */
  'scanner-next': async (input, ctx) => {
    const delivery = await ctx.devices.nextScan(input.after, input.waitMs);
    if (delivery.scan === null) return { timeout: true as const, cursor: delivery.cursor };
    const now = ctx.now();
    if (ctx.session.active(now) === null) {
      throw ctx.session.describe(now).locked
        ? new AppError('SESSION_LOCKED', 'The register locked itself: enter your PIN to carry on, or switch user.')
        : new AppError('SIGNED_OUT', 'Sign in with your PIN first.');
    }
    const { data, kind, source, symbology, at } = delivery.scan;
    return { data, kind, source, at: at.toISOString(), cursor: delivery.cursor, ...(symbology === undefined ? {} : { symbology }) };
  },
};
