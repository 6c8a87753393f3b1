import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { settings } from '../../platform/db/schema';
import type { RegisterDb } from '../../platform/db/open';
import type { RegisterTx } from '../../platform/db/transaction';

/**
 * A typed store setting: its key, its schema and the default that applies
 * until someone sets it. A stored value that no longer fits the schema falls
 * back to the default rather than breaking the till.
 */
export interface Setting<T> {
  readonly key: string;
  readonly schema: z.ZodType<T>;
  readonly defaultValue: T;
}

export function readSetting<T>(db: RegisterDb | RegisterTx, setting: Setting<T>): T {
  const row = db.select({ value: settings.value }).from(settings).where(eq(settings.key, setting.key)).get();
  if (row === undefined) return setting.defaultValue;
  const parsed = setting.schema.safeParse(row.value);
  return parsed.success ? parsed.data : setting.defaultValue;
}

export function writeSetting<T>(tx: RegisterTx, setting: Setting<T>, value: T, now: Date): void {
  const checked = setting.schema.parse(value);
  tx.insert(settings)
    .values({ key: setting.key, value: checked, updatedAt: now })
    .onConflictDoUpdate({ target: settings.key, set: { value: checked, updatedAt: now } })
    .run();
}
