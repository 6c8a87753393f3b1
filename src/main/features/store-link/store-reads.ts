import { LogicalReplicationService, PgoutputPlugin, type Pgoutput } from 'pg-logical-replication';
import type { RegisterDb } from '../../platform/db/open';
import { storeLink } from '../../platform/db/schema';
import { writeTransaction } from '../../platform/db/transaction';
import type { PiiKeys } from '../../platform/security/pii-crypto';
import { logger } from '../../platform/logging/logger';
import { loadStoreLink } from './link-settings';
import type { StoreLink } from './store-client';
import { takeFirstRead } from './store-first-read';
import { applyFirstRead, applyStoreRows, type StoreRow, type StoreRowApplier } from './store-read-tables';

/** How soon a dropped stream is opened again. */
const RECONNECT_MS = 1_000;

/**
 * The register's end of the read path (issue #20): PostgreSQL's own logical
 * replication (`pgoutput`, through the `pg-logical-replication` client)
 * from this register's slot (what each published table does here is in
 * store-read-tables.ts). Each PostgreSQL transaction is applied to the
 * register in ONE SQLite transaction together with its stream position,
 * and only then acknowledged — so a register killed mid-apply
 * has either all of it and the position, or none of it, and the slot sends
 * it again. Nothing here is a protocol of ours: the server's WAL, the slot
 * and the position are PostgreSQL's.
 */
export class StoreReads {
  readonly #db: RegisterDb;
  readonly #keys: PiiKeys;
  readonly #more: Readonly<Record<string, StoreRowApplier>>;
  #service: LogicalReplicationService | null = null;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #stopped = false;
  /** Between deciding to open and the stream being open (the first read copies the store meanwhile). */
  #opening = false;
  /** Rows of the PostgreSQL transaction being received, applied at its commit. */
  #pending: StoreRow[] = [];

  /** `more`: appliers for published tables the features above the read path own (online orders). */
  constructor(db: RegisterDb, keys: PiiKeys, more: Readonly<Record<string, StoreRowApplier>> = {}) {
    this.#db = db;
    this.#keys = keys;
    this.#more = more;
  }

  /** Opens the stream when the pairing gave a read path (and again after every drop, until stopped). */
  start(): void {
    this.#stopped = false;
    void this.#open();
  }

  async #open(): Promise<void> {
    if (this.#stopped || this.#service !== null || this.#opening) return;
    const link = loadStoreLink(this.#db, this.#keys);
    if (link?.reads == null) return;
    let from = this.#db.select({ lsn: storeLink.readLsn }).from(storeLink).get()?.lsn ?? undefined;
    if (from === undefined) {
      // Never read yet: what the store published before this register paired comes first, with its position.
      this.#opening = true;
      try {
        from = await this.#firstRead(link.reads);
      } catch (error) {
        logger.warn({ err: error }, 'store server: the first read failed; trying again');
        this.#retryOpen();
        return;
      } finally {
        this.#opening = false;
      }
      if (this.#stopped || this.#service !== null) return;
    }
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
        this.#pending.push({ table: message.relation.name, insert: message.tag === 'insert', row: message.new as Record<string, unknown> });
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

  /** The store as it stood at the slot's consistent point, in one SQLite transaction with that point. */
  async #firstRead(reads: NonNullable<StoreLink['reads']>): Promise<string> {
    const first = await takeFirstRead(reads);
    writeTransaction(this.#db, (tx) => {
      applyFirstRead(tx, first.rows, { keys: this.#keys, more: this.#more });
      tx.update(storeLink).set({ readLsn: first.lsn }).run();
    });
    logger.info({ rows: first.rows.length, lsn: first.lsn }, 'store server: first read applied');
    return first.lsn;
  }

  /** One SQLite transaction: the rows and the position they came at. */
  #apply(rows: readonly StoreRow[], lsn: string): void {
    writeTransaction(this.#db, (tx) => {
      applyStoreRows(tx, rows, { keys: this.#keys, more: this.#more });
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
    this.#retryOpen();
  }

  #retryOpen(): void {
    if (this.#stopped || this.#timer !== null) return;
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
