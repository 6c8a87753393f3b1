import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { AppError } from '../../shared/errors';
import type { RelayDb } from '../db/open';
import { relayConnections, relayStores, type RelayConnection, type RelayPlatform } from '../db/schema';

export type RelayStore = typeof relayStores.$inferSelect;

export const credentialHash = (credential: string) => createHash('sha256').update(credential).digest('hex');

/** A store the relay serves; its credential is returned once and only its hash is kept. */
export async function addRelayStore(db: RelayDb, name: string, now: Date): Promise<{ storeId: string; credential: string }> {
  if (name.trim() === '') throw new AppError('INVALID_INPUT', 'Give the store a name.');
  const credential = `grs_${randomBytes(32).toString('base64url')}`;
  const storeId = randomUUID();
  await db.insert(relayStores).values({ id: storeId, name: name.trim(), credentialHash: credentialHash(credential), createdAt: now });
  return { storeId, credential };
}

/** The store a bearer credential belongs to; an unknown or retired one is refused. */
export async function authenticateStore(db: RelayDb, credential: string | null): Promise<RelayStore> {
  if (credential === null) throw new AppError('RELAY_UNAUTHENTICATED', 'This store has no relay credential: run `relay-store-add` on the relay.');
  const [row] = await db
    .select()
    .from(relayStores)
    .where(eq(relayStores.credentialHash, credentialHash(credential)));
  if (row === undefined || row.retiredAt !== null)
    throw new AppError('RELAY_UNAUTHENTICATED', 'The relay does not know this store credential (wrong, or the store was retired).');
  return row;
}

export async function retireRelayStore(db: RelayDb, storeId: string, now: Date): Promise<void> {
  const done = await db
    .update(relayStores)
    .set({ retiredAt: now })
    .where(and(eq(relayStores.id, storeId), isNull(relayStores.retiredAt)))
    .returning();
  if (done.length === 0) throw new AppError('RELAY_STORE_NOT_FOUND', `No active store ${storeId} on this relay.`);
}

export interface ConnectionInput {
  readonly storeId: string;
  readonly platform: RelayPlatform;
  readonly secret: string;
  readonly apiBase?: string | undefined;
  readonly apiKey?: string | undefined;
}

/** Connects a marketplace to a store: the answer names the webhook path to give the platform. */
export async function addConnection(db: RelayDb, input: ConnectionInput, now: Date): Promise<{ connectionId: string; webhookPath: string }> {
  if (input.secret.length < 16 || input.secret.length > 200) throw new AppError('INVALID_INPUT', 'The shared secret must be 16–200 characters.');
  if (input.platform === 'leafly' && (input.apiBase === undefined || input.apiKey === undefined))
    throw new AppError('INVALID_INPUT', 'A Leafly connection needs the Order API address (--api-base) and the dispensary key (--api-key).');
  if (input.platform === 'jane' && (input.apiBase === undefined) !== (input.apiKey === undefined))
    throw new AppError('INVALID_INPUT', 'Statuses back to Jane need both its partner API address (--api-base) and partner key (--api-key), or neither.');
  if (input.platform === 'greentill' && input.apiKey !== undefined)
    throw new AppError('INVALID_INPUT', 'A Greentill webhook connection signs with its secret: give only --api-base (the status callback address).');
  if (input.apiBase !== undefined && !/^https:\/\/|^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(input.apiBase))
    throw new AppError('INVALID_INPUT', 'The platform address (--api-base) must use https:// (http:// only on loopback).');
  const [store] = await db.select().from(relayStores).where(eq(relayStores.id, input.storeId));
  if (store === undefined || store.retiredAt !== null) throw new AppError('RELAY_STORE_NOT_FOUND', `No active store ${input.storeId} on this relay.`);
  const connectionId = randomUUID();
  await db.insert(relayConnections).values({
    id: connectionId,
    storeId: input.storeId,
    platform: input.platform,
    secret: input.secret,
    apiBase: input.apiBase?.replace(/\/+$/, '') ?? null,
    apiKey: input.apiKey ?? null,
    createdAt: now,
  });
  return { connectionId, webhookPath: `/v1/webhooks/${input.platform}/${connectionId}` };
}

export async function findConnection(db: RelayDb, connectionId: string): Promise<RelayConnection | null> {
  const [row] = await db.select().from(relayConnections).where(eq(relayConnections.id, connectionId));
  return row ?? null;
}
