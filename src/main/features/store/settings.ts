import { eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { settings } from '../../platform/db/schema';
import type { RegisterDb } from '../../platform/db/open';
import { preparedOnce } from '../../platform/db/prepared';
import type { RegisterTx } from '../../platform/db/transaction';

/**
 * A typed store setting: its key, its schema and the default that applies
 * until someone sets it. A stored value that no longer fits the schema falls
 * back to the default rather than breaking the till.
 */
export interface Setting<T, K extends string = string> {
  /** Typed as its literal where the key must be one of a list (a store-wide setting). */
  readonly key: K;
  readonly schema: z.ZodType<T>;
  readonly defaultValue: T;
}

export function readSetting<T>(db: RegisterDb | RegisterTx, setting: Setting<T>): T {
  const row = settingByKey(db).get({ key: setting.key });
  if (row === undefined) return setting.defaultValue;
  const parsed = setting.schema.safeParse(row.value);
  return parsed.success ? parsed.data : setting.defaultValue;
}

// Read several times by every scan and sale (taxes, limits, idle times): prepared once per connection (issue #18).
const settingByKey = preparedOnce((db) =>
  db
    .select({ value: settings.value })
    .from(settings)
    .where(eq(settings.key, sql.placeholder('key')))
    .prepare(),
);

export function writeSetting<T>(tx: RegisterTx, setting: Setting<T>, value: T, now: Date): void {
  const checked = setting.schema.parse(value);
  tx.insert(settings)
    .values({ key: setting.key, value: checked, updatedAt: now })
    .onConflictDoUpdate({ target: settings.key, set: { value: checked, updatedAt: now } })
    .run();
}
