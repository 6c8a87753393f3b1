import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { AppError } from '../../shared/errors';
import { normalisePairingCode } from '../../shared/contract/store-server';
import { pairingCodes, storeSettings, terminals } from '../db/schema';
import type { StoreDb } from '../db/open';
import { seal, unseal, type StoreSealingKey } from '../sealing';

/**
 * Pairing a terminal with a one-time code, without ever sending the code.
 * The terminal connects over TLS, takes the certificate's fingerprint it
 * sees, and proves it knows the code with HMAC(code hash, fingerprint). The
 * server checks the proof against its OWN certificate: a machine in the
 * middle presenting another certificate produces a proof that fails, and
 * learns nothing it can replay. The server answers with its own proof over
 * the same fingerprint and the new terminal id, so the terminal knows it
 * reached the server that made the code, and pins that certificate.
 */

const CODE_TTL_MS = 15 * 60_000;
const MAX_FAILURES = 3;
// Crockford's base32: no I, L, O or U to misread when typed from a screen.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function codeHash(code: string): string {
  return createHash('sha256').update(normalisePairingCode(code)).digest('hex');
}

/** A new code, XXXXX-XXXXX (50 bits), valid for 15 minutes, for one terminal. */
export async function createPairingCode(db: StoreDb, now: Date): Promise<{ code: string; expiresAt: string }> {
  const bytes = randomBytes(10);
  const raw = Array.from(bytes, (b) => ALPHABET[b % 32]).join('');
  const code = `${raw.slice(0, 5)}-${raw.slice(5)}`;
  const expiresAt = new Date(now.getTime() + CODE_TTL_MS);
  await db.insert(pairingCodes).values({ codeHash: codeHash(code), createdAt: now, expiresAt });
  return { code, expiresAt: expiresAt.toISOString() };
}

export function credentialHash(credential: string): string {
  return createHash('sha256').update(credential).digest('hex');
}

/**
 * Redeems a pairing proof made against `fingerprint` (this server's own
 * certificate). A wrong proof counts against every live code; three and
 * they are spent, so codes cannot be guessed online.
 */
export async function pairTerminal(
  db: StoreDb,
  sealing: StoreSealingKey,
  request: { proof: string; name: string },
  fingerprint: string,
  now: Date,
): Promise<{ terminalId: string; credential: string; serverProof: string; personKeySecret: string }> {
  const outcome = await db.transaction(async (tx) => {
    const live = await tx
      .select()
      .from(pairingCodes)
      .where(and(isNull(pairingCodes.usedAt), gt(pairingCodes.expiresAt, now), sql`${pairingCodes.failures} < ${MAX_FAILURES}`))
      .for('update');
    const match = live.find((c) => sameHex(createHmac('sha256', c.codeHash).update(`terminal:${fingerprint}`).digest('hex'), request.proof));
    if (match === undefined) {
      // Counted in this transaction, which commits: the refusal is thrown after it.
      for (const c of live)
        await tx
          .update(pairingCodes)
          .set({ failures: c.failures + 1 })
          .where(eq(pairingCodes.codeHash, c.codeHash));
      return null;
    }
    const terminalId = `T-${randomUUID()}`;
    const credential = randomBytes(32).toString('base64url');
    await tx.update(pairingCodes).set({ usedAt: now, usedBy: terminalId }).where(eq(pairingCodes.codeHash, match.codeHash));
    await tx.insert(terminals).values({ id: terminalId, name: request.name, credentialHash: credentialHash(credential), pairedAt: now });
    const personKeySecret = await storePersonKeySecret(tx, sealing, now);
    const serverProof = createHmac('sha256', match.codeHash).update(`server:${fingerprint}:${terminalId}`).digest('hex');
    return { terminalId, credential, serverProof, personKeySecret };
  });
  if (outcome === null) {
    throw new AppError(
      'PAIRING_REFUSED',
      'The pairing code was not accepted: it is wrong, used or expired, or something between this register and the store server changed the connection. Ask for a new code.',
    );
  }
  return outcome;
}

function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The store's person-key secret, made once: every register keys a person's
 * ID with it, so the limits at the server see one person whichever register
 * checked them in (each register's own keys differ); the store's customer
 * key is derived from it too (what customers' records travel sealed with).
 * Kept sealed with the server's own key (in its data folder, not in
 * PostgreSQL), so a dump of the database cannot open the customers it
 * holds. A secret an older server kept in clear is sealed at the next
 * pairing (a sealed value starts `v1:`, which base64url never does).
 */
const PERSON_KEY_SECRET = 'store_settings.person_key_secret';

async function storePersonKeySecret(tx: Parameters<Parameters<StoreDb['transaction']>[0]>[0], sealing: StoreSealingKey, now: Date): Promise<string> {
  await tx
    .insert(storeSettings)
    .values({ key: 'person_key_secret', value: seal(sealing, PERSON_KEY_SECRET, randomBytes(32).toString('base64url')), version: 1, updatedAt: now })
    .onConflictDoNothing();
  const [row] = await tx.select().from(storeSettings).where(eq(storeSettings.key, 'person_key_secret'));
  const kept = String(row?.value);
  if (kept.startsWith('v1:')) return unseal(sealing, PERSON_KEY_SECRET, kept);
  await tx
    .update(storeSettings)
    .set({ value: seal(sealing, PERSON_KEY_SECRET, kept), updatedAt: now })
    .where(eq(storeSettings.key, 'person_key_secret'));
  return kept;
}
