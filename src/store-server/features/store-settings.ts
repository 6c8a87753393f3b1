import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import { DEFAULT_ISOLATION_POLICY, type StoreIsolationPolicy } from '../../shared/domain/compliance/isolation-policy';
import { rulePackFor } from '../../shared/domain/compliance/rule-packs';
import { storeSettings } from '../db/schema';
import { isolationPolicySchema } from '../../shared/contract/store-server';
import type { StoreDb } from '../db/open';

/** Which store this server is: its state's rules and its own time zone decide every limit. */
export const storeIdentity = z.object({ state: z.string().length(2), timeZone: z.string().min(3), licence: z.string().min(1) });
export type StoreIdentity = z.infer<typeof storeIdentity>;

export interface StoreSettings {
  readonly identity: StoreIdentity;
  readonly isolation: StoreIsolationPolicy;
  /** The highest setting version: sales record the version they were priced with. */
  readonly version: number;
}

export async function readStoreSettings(db: StoreDb): Promise<StoreSettings> {
  const rows = await db.select().from(storeSettings);
  const byKey = new Map(rows.map((r) => [r.key, r]));
  const identity = byKey.get('store');
  if (identity === undefined)
    throw new AppError(
      'STORE_NOT_SET_UP',
      'This store server has no store yet: run `npm run -s cli -- store-setup --state XX --time-zone Area/City --licence …`.',
    );
  const isolation = byKey.get('isolation_policy');
  return {
    identity: storeIdentity.parse(identity.value),
    isolation: isolation === undefined ? DEFAULT_ISOLATION_POLICY : isolationPolicySchema.parse(isolation.value),
    version: Math.max(0, ...rows.map((r) => r.version)),
  };
}

/** Writes one setting, bumping the store's settings version (never a lost update: the version is taken under the row lock). */
export async function writeStoreSetting(db: StoreDb, key: 'store' | 'isolation_policy', value: unknown, now: Date): Promise<number> {
  if (key === 'store') {
    const parsed = storeIdentity.parse(value);
    rulePackFor(parsed.state);
  } else isolationPolicySchema.parse(value);
  return db.transaction(async (tx) => {
    await tx.execute(sql`LOCK TABLE store_settings IN SHARE ROW EXCLUSIVE MODE`);
    const [top] = await tx.select({ version: sql<number>`coalesce(max(${storeSettings.version}), 0)::int` }).from(storeSettings);
    const version = (top?.version ?? 0) + 1;
    const existing = await tx.select().from(storeSettings).where(eq(storeSettings.key, key));
    if (existing.length === 0) await tx.insert(storeSettings).values({ key, value, version, updatedAt: now });
    else await tx.update(storeSettings).set({ value, version, updatedAt: now }).where(eq(storeSettings.key, key));
    return version;
  });
}
