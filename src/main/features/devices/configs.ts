import { randomUUID } from 'node:crypto';
import { and, asc, eq, ne } from 'drizzle-orm';
import type { DeviceOptions } from '../../../shared/contract/devices';
import { AppError } from '../../../shared/errors';
import { appendAudit } from '../../platform/audit/log';
import { deviceConfigs, deviceRoles } from '../../platform/db/schema';
import type { RegisterDb } from '../../platform/db/open';
import { writeTransaction } from '../../platform/db/transaction';
import type { DeviceRole, DeviceTransport } from './health';
import type { DeviceConfig } from './open-device';

/** A device_configs row as the device layer uses it. */
export interface StoredDeviceConfig extends DeviceConfig {
  readonly id: string;
  readonly vendorId: number | null;
  readonly productId: number | null;
}

/** Roles a terminal has at most one of: saving an enabled one disables the others. */
const SINGLE_ROLES: ReadonlySet<DeviceRole> = new Set(['receipt_printer', 'cash_drawer']);

/** Every device config of the terminal (enabled or not), in role order, then by id. */
export function loadDeviceConfigs(db: RegisterDb, terminalId: string): StoredDeviceConfig[] {
  const rows = db.select().from(deviceConfigs).where(eq(deviceConfigs.terminalId, terminalId)).orderBy(asc(deviceConfigs.id)).all();
  const order = (role: DeviceRole): number => deviceRoles.indexOf(role);
  return rows
    .map((row) => ({
      id: row.id,
      role: row.role,
      transport: row.transport,
      path: row.path,
      vendorId: row.vendorId,
      productId: row.productId,
      options: row.options,
      enabled: row.enabled,
    }))
    .sort((a, b) => order(a.role) - order(b.role));
}

export interface DeviceConfigChange {
  readonly id?: string | undefined;
  readonly role: DeviceRole;
  readonly transport: DeviceTransport;
  readonly path: string | null;
  readonly vendorId: number | null;
  readonly productId: number | null;
  readonly options: DeviceOptions;
  readonly enabled: boolean;
}

/**
 * Adds or changes one device of the terminal, audited in the same
 * transaction. A terminal has one receipt printer and one cash drawer:
 * enabling one disables the others (returned as `replaced`).
 */
export function saveDeviceConfig(
  db: RegisterDb,
  input: { terminalId: string; staffId: string; change: DeviceConfigChange; now: Date },
): { id: string; replaced: string[] } {
  const { change } = input;
  return writeTransaction(db, (tx) => {
    const before = change.id === undefined ? undefined : tx.select().from(deviceConfigs).where(eq(deviceConfigs.id, change.id)).get();
    if (change.id !== undefined && (before === undefined || before.terminalId !== input.terminalId)) {
      throw new AppError('DEVICE_CONFIG_NOT_FOUND', 'That device is not set up at this terminal: reload the device list and try again.');
    }
    const id = change.id ?? randomUUID();
    const values = {
      role: change.role,
      transport: change.transport,
      path: change.path,
      vendorId: change.vendorId,
      productId: change.productId,
      options: { ...change.options } as Record<string, unknown>,
      enabled: change.enabled,
    };
    if (before === undefined)
      tx.insert(deviceConfigs)
        .values({ id, terminalId: input.terminalId, ...values })
        .run();
    else tx.update(deviceConfigs).set(values).where(eq(deviceConfigs.id, id)).run();
    const replaced =
      change.enabled && SINGLE_ROLES.has(change.role)
        ? tx
            .select({ id: deviceConfigs.id })
            .from(deviceConfigs)
            .where(
              and(
                eq(deviceConfigs.terminalId, input.terminalId),
                eq(deviceConfigs.role, change.role),
                eq(deviceConfigs.enabled, true),
                ne(deviceConfigs.id, id),
              ),
            )
            .all()
            .map((r) => r.id)
        : [];
    for (const other of replaced) tx.update(deviceConfigs).set({ enabled: false }).where(eq(deviceConfigs.id, other)).run();
    appendAudit(tx, {
      at: input.now,
      staffId: input.staffId,
      terminalId: input.terminalId,
      action: before === undefined ? 'device.add' : 'device.change',
      entityType: 'device_config',
      entityId: id,
      ...(before === undefined
        ? {}
        : {
            before: {
              role: before.role,
              transport: before.transport,
              path: before.path,
              vendorId: before.vendorId,
              productId: before.productId,
              options: before.options,
              enabled: before.enabled,
            },
          }),
      after: { ...values, replaced },
    });
    return { id, replaced };
  });
}

/**
 * Points a config at the port its device moved to (see device-follow.ts).
 * Audited as the register's own change (no staff member), with both ports.
 */
export function moveDeviceConfig(db: RegisterDb, input: { terminalId: string; configId: string; from: string; to: string; now: Date }): void {
  writeTransaction(db, (tx) => {
    const changed = tx
      .update(deviceConfigs)
      .set({ path: input.to })
      .where(and(eq(deviceConfigs.id, input.configId), eq(deviceConfigs.terminalId, input.terminalId), eq(deviceConfigs.path, input.from)))
      .run();
    // Someone changed the config meanwhile: theirs stands.
    if (changed.changes === 0) return;
    appendAudit(tx, {
      at: input.now,
      staffId: null,
      terminalId: input.terminalId,
      action: 'device.moved',
      entityType: 'device_config',
      entityId: input.configId,
      before: { path: input.from },
      after: { path: input.to },
    });
  });
}
