import { eq } from 'drizzle-orm';
import { LogicalReplicationService, PgoutputPlugin, type Pgoutput } from 'pg-logical-replication';
import type { RegisterDb } from '../../platform/db/open';
import { products, storeLink } from '../../platform/db/schema';
import { writeTransaction } from '../../platform/db/transaction';
import type { PiiKeys } from '../../platform/security/pii-crypto';
import { logger } from '../../platform/logging/logger';
import { loadStoreLink } from './link-settings';

/** How soon a dropped stream is opened again. */
const RECONNECT_MS = 1_000;

type Change = { readonly sku: string; readonly priceCents: number };

/**
 * The register's end of the read path (issue #20): PostgreSQL's own logical
 * replication (`pgoutput`, through the `pg-logical-replication` client)
 * from this register's slot. Each PostgreSQL transaction is applied to the
 * register's catalog in ONE SQLite transaction together with its stream
 * position, and only then acknowledged — so a register killed mid-apply
 * has either all of it and the position, or none of it, and the slot sends
 * it again. Nothing here is a protocol of ours: the server's WAL, the slot
 * and the position are PostgreSQL's.
 */
export class StoreReads {
  readonly #db: RegisterDb;
  readonly #keys: PiiKeys;
  #service: LogicalReplicationService | null = null;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #stopped = false;
  /** Changes of the PostgreSQL transaction being received, applied at its commit. */
  #pending: Change[] = [];

  constructor(db: RegisterDb, keys: PiiKeys) {
    this.#db = db;
    this.#keys = keys;
  }

  /** Opens the stream when the pairing gave a read path (and again after every drop, until stopped). */
  start(): void {
    this.#stopped = false;
    void this.#open();
  }

  async #open(): Promise<void> {
    if (this.#stopped || this.#service !== null) return;
    const link = loadStoreLink(this.#db, this.#keys);
    if (link?.reads == null) return;
    const from = this.#db.select({ lsn: storeLink.readLsn }).from(storeLink).get()?.lsn ?? undefined;
    const service = new LogicalReplicationService(
      { connectionString: link.reads.url },
      { acknowledge: { auto: false, timeoutSeconds: 0 }, flowControl: { enabled: true } },
    );
    this.#service = service;
    service.on('data', (lsn: string, message: Pgoutput.Message) => this.#receive(service, lsn, message));
    service.on('error', (error: Error) => this.#dropped(service, error));
    const plugin = new PgoutputPlugin({ protoVersion: 1, publicationNames: [link.reads.publication] });
    const subscribed = from === undefined ? service.subscribe(plugin, link.reads.slot) : service.subscribe(plugin, link.reads.slot, from);
    // The subscription settles only when the stream ends: either way, it is reopened.
    subscribed.then(
      () => this.#dropped(service, new Error('the read stream ended')),
      (error: unknown) => this.#dropped(service, error),
    );
  }

  #receive(service: LogicalReplicationService, lsn: string, message: Pgoutput.Message): Promise<void> | void {
    switch (message.tag) {
      case 'begin':
        this.#pending = [];
        return;
      case 'insert':
      case 'update':
        if (message.relation.name === 'catalog_prices') {
          const row = message.new as { sku?: unknown; price_cents?: unknown };
          this.#pending.push({ sku: String(row.sku), priceCents: Number(row.price_cents) });
        }
        return;
      case 'commit': {
        const changes = this.#pending;
        this.#pending = [];
        this.#apply(changes, lsn);
        return service.acknowledge(lsn).then(() => undefined);
      }
      default:
        return;
    }
  }

  /** One SQLite transaction: the prices and the position they came at. */
  #apply(changes: readonly Change[], lsn: string): void {
    writeTransaction(this.#db, (tx) => {
      for (const change of changes) {
        if (!Number.isSafeInteger(change.priceCents) || change.priceCents < 0) continue;
        tx.update(products).set({ priceCents: change.priceCents }).where(eq(products.sku, change.sku)).run();
      }
      tx.update(storeLink).set({ readLsn: lsn }).run();
    });
  }

  #dropped(service: LogicalReplicationService, error: unknown): void {
    if (this.#service !== service) return;
    this.#service = null;
    this.#pending = [];
    void service.stop().catch(() => undefined);
    if (this.#stopped) return;
    logger.warn({ err: error }, 'store server: the read stream dropped; reopening');
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.#open();
    }, RECONNECT_MS);
    this.#timer.unref();
  }

  /** Pairing changed: reopen with the new slot (or none). */
  async restart(): Promise<void> {
    await this.stop();
    this.start();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    const service = this.#service;
    this.#service = null;
    await service?.stop().catch(() => undefined);
  }
}
