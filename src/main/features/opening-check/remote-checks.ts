import { isAppError } from '../../../shared/errors';
import type { RegisterDb } from '../../platform/db/open';
import type { PiiKeys } from '../../platform/security/pii-crypto';
import { terminalDeviceHealth } from '../devices/device-manager';
import type { DeviceService } from '../devices/service';
import { probeMetrc, type MetrcProbe } from '../sync/metrc/connection-probe';
import { MetrcHttp } from '../../../metrc/http';
import { loadMetrcSettings, metrcConfigured } from '../sync/metrc-settings';
import { clockSkewResult, green, type CheckResult } from './checks';

export interface MetrcChecks {
  readonly connection: CheckResult;
  readonly clockSkew: CheckResult;
}

/**
 * Metrc reachable, with keys it accepts and a licence they hold, and its
 * clock against ours, from one probe with the store's saved connection.
 */
export async function metrcChecks(db: RegisterDb, keys: PiiKeys | null, storeId: string, wallClock: () => Date, timeoutMs: number): Promise<MetrcChecks> {
  const unmeasured = (why: string): CheckResult => ({
    status: 'amber',
    detail: `Metrc's clock could not be read: ${why}`,
    fix: 'Fix the Metrc connection first; this is checked with it.',
    action: { kind: 'retry', label: 'Retry Metrc' },
  });
  let settings;
  try {
    if (keys === null) {
      if (!metrcConfigured(db, storeId)) settings = null;
      else throw new Error('no data key');
    } else settings = loadMetrcSettings(db, keys, storeId);
  } catch {
    const connection: CheckResult = {
      status: 'red',
      detail:
        keys === null
          ? 'The saved Metrc keys cannot be read without the register’s data key (no key file beside the database).'
          : "The saved Metrc keys cannot be read with this register's data key.",
      fix:
        keys === null
          ? 'Run doctor with --key-file, or run the check from the register.'
          : 'An admin enters the Metrc keys again on the Sync screen (Metrc connection).',
      action: { kind: 'go_to_sync', label: 'Go to sync' },
    };
    return { connection, clockSkew: unmeasured('the keys cannot be read.') };
  }
  if (settings === null || !settings.enabled) {
    const connection: CheckResult = {
      status: 'red',
      detail:
        settings === null ? 'Metrc is not set up: sales queue and reach the state only once it is.' : 'The Metrc connection is switched off: sales queue.',
      fix: 'An admin sets up (or switches on) the Metrc connection on the Sync screen.',
      action: { kind: 'go_to_sync', label: 'Go to sync' },
    };
    return { connection, clockSkew: unmeasured('Metrc is not set up.') };
  }
  let probe: MetrcProbe;
  try {
    probe = await probeMetrc(new MetrcHttp({ ...settings, timeoutMs }), settings.apiVersion, wallClock);
  } catch (error) {
    const code = isAppError(error) ? error.code : 'METRC_UNREACHABLE';
    const message = error instanceof Error ? error.message : String(error);
    const keys = code === 'METRC_UNAUTHORIZED' || code === 'METRC_FORBIDDEN';
    const connection: CheckResult = keys
      ? {
          status: 'red',
          detail: `Metrc refused the keys or licence ${settings.licenseNumber}: ${message}`,
          fix: 'An admin checks the vendor key, user key and licence number on the Sync screen (the user key may have expired).',
          action: { kind: 'go_to_sync', label: 'Go to sync' },
        }
      : {
          status: 'red',
          detail: `Metrc did not answer at ${settings.baseUrl}: ${message}`,
          fix: 'Check this register reaches the internet, then retry; sales still work offline and queue for Metrc.',
          action: { kind: 'retry', label: 'Retry Metrc' },
        };
    return { connection, clockSkew: unmeasured('Metrc did not answer.') };
  }
  const connection = green(
    `Metrc answered at ${settings.baseUrl} (${settings.apiVersion}) in ${probe.roundTripMs} ms and accepts the keys for licence ${settings.licenseNumber}.`,
    'Nothing to do.',
  );
  const clockSkew = probe.serverDate === null ? unmeasured('Metrc sent no Date header.') : clockSkewResult('Metrc', probe.serverDate, probe.localMidpoint);
  return { connection, clockSkew };
}

/** Printer (paper, cover), drawer and scanners as the devices feature reports them; null devices: the command line, which does not open the ports. */
export async function devicesCheck(db: RegisterDb, terminalId: string, devices: DeviceService | null): Promise<CheckResult> {
  if (devices === null)
    return {
      status: 'amber',
      detail: 'Devices are checked by the running register: the command line does not open its ports.',
      fix: 'Run the check from the register (it opens after the first sign-in of the day).',
      action: null,
    };
  const lines = await terminalDeviceHealth(db, terminalId, devices);
  const essential = (role: string) => role === 'receipt_printer' || role === 'cash_drawer';
  const broken = lines.filter((l) => l.state === 'disconnected' || l.state === 'paper_out' || l.state === 'offline');
  const missing = lines.filter((l) => l.state === 'not_configured' && essential(l.role));
  const summary = lines.map((l) => `${l.role.replace('_', ' ')}: ${l.state.replace('_', ' ')}`).join('; ');
  if (broken.some((l) => essential(l.role)))
    return {
      status: 'red',
      detail: `${broken.map((l) => l.message).join(' ')} (${summary})`,
      fix: 'Check the printer has paper and its cover is shut, and that the drawer and printer are plugged in; then check again.',
      action: { kind: 'go_to_devices', label: 'Go to devices' },
    };
  if (broken.length > 0 || missing.length > 0)
    return {
      status: 'amber',
      detail: `${[...broken, ...missing].map((l) => l.message).join(' ')} (${summary})`,
      fix: 'Plug the scanner back in (or set the missing device up in the devices panel on the Drawer screen).',
      action: { kind: 'go_to_devices', label: 'Go to devices' },
    };
  return green(summary, 'Nothing to do.');
}
