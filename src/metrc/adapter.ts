import { DestinationUnavailable, PermanentRefusal, type ItemOutcome, type LaneAdapter, type OutboxItem } from '../shared/sync/lane';
import type { MetrcHttp } from './http';
import { metrcReceipt, type MetrcReceipt, type ReturnedQuantities } from './receipt-body';
import { findReceipt, type FoundReceipt } from './receipt-lookup';
import { parseMetrcMessage, type MetrcMessage, type PackageAdjustmentRecord, type SaleReceiptRecord } from '../shared/contract/metrc-messages';

export type MetrcApiVersion = 'v1' | 'v2';

/** Our adjustment reasons, matched against the names the state's Metrc offers. */
const REASON_PATTERNS: Readonly<Record<PackageAdjustmentRecord['reason'], RegExp>> = {
  destruction: /waste|destr/i,
  count_variance: /entry error|count|variance/i,
};

export interface MetrcAdapterOptions {
  readonly http: MetrcHttp;
  readonly version: MetrcApiVersion;
  /** Decrypts a patient's registration number at send time (it is stored sealed). */
  readonly revealPatientNumber: (sealed: string) => string;
  /** Receipts per POST: small, because one bad row rejects the whole array. */
  readonly batchSize?: number;
  /** Batches out at once (default `METRC_IN_FLIGHT`). */
  readonly inFlight?: number;
  readonly destination?: string;
}

/**
 * Batches out at once on the traceability lane. Metrc documents no limit on
 * writes: its rate limits apply to GETs only (50 a second and 10 concurrent
 * per facility, 150 a second and 30 concurrent per integrator —
 * shared/reference/metrc.md, "Errors and limits"). The only concurrency it
 * publishes is those 10 per facility, so writes stay within that too; the
 * lookups a batch makes go through the shared GET pacer, which keeps them
 * inside the read limits on its own.
 */
export const METRC_IN_FLIGHT = 10;

/** What we keep of Metrc's answer, for the void or edit that may follow. */
export interface MetrcReceiptIds {
  readonly receiptId: number | null;
}

/**
 * The state traceability lane: receipts (POST), voids (DELETE), returns
 * (PUT of the receipt with what the customer kept). POST is not idempotent,
 * so a receipt that may already have reached Metrc — any second attempt —
 * is looked up by `ExternalReceiptNumber` (our sale id) before it is posted.
 */
export class MetrcAdapter implements LaneAdapter {
  readonly destination: string;
  readonly batchSize: number;
  /** Metrc needs order only per sale: a void or return after its receipt, a sale's returns in turn. */
  readonly ordering = 'aggregate';
  readonly inFlight: number;
  readonly #http: MetrcHttp;
  readonly #version: MetrcApiVersion;
  readonly #reveal: (sealed: string) => string;
  #reasons: ReadonlyArray<{ Name: string }> | null = null;

  constructor(options: MetrcAdapterOptions) {
    this.#http = options.http;
    this.#version = options.version;
    this.#reveal = options.revealPatientNumber;
    this.batchSize = options.batchSize ?? 10;
    this.inFlight = options.inFlight ?? METRC_IN_FLIGHT;
    this.destination = options.destination ?? 'metrc';
  }

  async probe(): Promise<void> {
    await findReceipt(this.#http, this.#version, 'greentill-connectivity-probe', new Date(Date.now() - 60_000));
  }

  async deliver(items: readonly OutboxItem[]): Promise<ReadonlyMap<number, ItemOutcome>> {
    const outcomes = new Map<number, ItemOutcome>();
    const creates = items.filter((item) => item.kind === 'receipt.create');
    try {
      await this.#createReceipts(creates, outcomes);
      for (const item of items) if (item.kind !== 'receipt.create') outcomes.set(item.id, await this.#followUp(item));
    } catch (error) {
      if (!(error instanceof DestinationUnavailable)) throw error;
      // Stop at the first sign of an outage; what is done stays done.
      for (const item of items) if (!outcomes.has(item.id)) outcomes.set(item.id, { status: 'retry', error: error.message, unavailable: error });
    }
    return outcomes;
  }

  async #createReceipts(items: readonly OutboxItem[], outcomes: Map<number, ItemOutcome>): Promise<void> {
    const toPost: Array<{ item: OutboxItem; receipt: MetrcReceipt }> = [];
    for (const item of items) {
      const parsed = parseMetrcMessage('receipt.create', item.payload);
      if (!parsed.ok) {
        outcomes.set(item.id, { status: 'dead', error: parsed.error });
        continue;
      }
      const record = parsed.message;
      if (item.attempts > 1) {
        const found = await this.#lookUp(record, item.firstAttemptAt);
        if ('error' in found) {
          outcomes.set(item.id, { status: 'dead', error: found.error });
          continue;
        }
        if (found.receipt !== null) {
          outcomes.set(item.id, { status: 'done', externalIds: { receiptId: found.receipt.Id } satisfies MetrcReceiptIds, confirmedByLookup: true });
          continue;
        }
      }
      const built = this.#receiptOf(record);
      if ('error' in built) outcomes.set(item.id, { status: 'dead', error: built.error });
      else toPost.push({ item, receipt: built.receipt });
    }
    await this.#post(toPost, outcomes);
  }

  async #lookUp(record: SaleReceiptRecord, firstAttemptAt: Date | null): Promise<{ receipt: FoundReceipt | null } | { error: string }> {
    try {
      return { receipt: await findReceipt(this.#http, this.#version, record.saleId, firstAttemptAt ?? new Date(record.completedAt)) };
    } catch (error) {
      if (error instanceof PermanentRefusal) return { error: error.message };
      throw error;
    }
  }

  /** Posts a batch; rows Metrc names as bad are parked and the rest re-posted, so one bad sale never holds up the others. */
  async #post(batch: ReadonlyArray<{ item: OutboxItem; receipt: MetrcReceipt }>, outcomes: Map<number, ItemOutcome>): Promise<void> {
    if (batch.length === 0) return;
    try {
      const response = await this.#http.send(
        'POST',
        `/sales/${this.#version}/receipts`,
        batch.map((b) => b.receipt),
      );
      const ids = receiptIds(response.body);
      batch.forEach((b, index) => outcomes.set(b.item.id, { status: 'done', externalIds: { receiptId: ids?.[index] ?? null } satisfies MetrcReceiptIds }));
    } catch (error) {
      if (!(error instanceof PermanentRefusal)) throw error;
      if (error.code !== 'METRC_VALIDATION') {
        // Keys, licence or permission: about the whole request, not a row — splitting would only repeat it.
        for (const b of batch) outcomes.set(b.item.id, { status: 'dead', error: error.message });
        return;
      }
      const badRows = new Map(error.rows.filter((r) => r.row >= 0 && r.row < batch.length).map((r) => [r.row, r.message]));
      if (badRows.size === 0 && batch.length > 1) {
        // Refused without naming a row: send one by one to find the culprit.
        for (const single of batch) await this.#post([single], outcomes);
        return;
      }
      if (badRows.size === 0) badRows.set(0, error.message);
      batch.forEach((b, index) => {
        const message = badRows.get(index);
        if (message !== undefined) outcomes.set(b.item.id, { status: 'dead', error: `Metrc: ${message}` });
      });
      await this.#post(
        batch.filter((_, index) => !badRows.has(index)),
        outcomes,
      );
    }
  }

  async #followUp(item: OutboxItem): Promise<ItemOutcome> {
    try {
      if (item.kind === 'package.adjust') {
        const adjustment = parseMetrcMessage('package.adjust', item.payload);
        return adjustment.ok ? await this.#adjust(adjustment.message) : { status: 'dead', error: adjustment.error };
      }
      if (item.kind === 'transfer.receive') return receiptForStaff(item);
      const receiptId = await this.#receiptIdFor(item);
      if (receiptId === null)
        return {
          status: 'dead',
          error: 'The receipt for this sale is not in Metrc, so it cannot be changed there. Enter the change in Metrc by hand, then mark this item resolved.',
        };
      if (item.kind === 'receipt.void') return await this.#void(receiptId);
      if (item.kind === 'receipt.return') return await this.#edit(item, receiptId);
      return { status: 'dead', error: `The register does not know how to send "${item.kind}" to Metrc.` };
    } catch (error) {
      if (error instanceof PermanentRefusal) return { status: 'dead', error: error.message };
      throw error;
    }
  }

  async #receiptIdFor(item: OutboxItem): Promise<number | null> {
    const known = (item.dependencyExternalIds as MetrcReceiptIds | null | undefined)?.receiptId;
    if (typeof known === 'number') return known;
    if (item.dependencyPayload === null) return null;
    const parsed = parseMetrcMessage('receipt.create', item.dependencyPayload);
    if (!parsed.ok) return null;
    const record = parsed.message;
    const found = await findReceipt(this.#http, this.#version, record.saleId, new Date(record.completedAt));
    return found?.Id ?? null;
  }

  async #void(receiptId: number): Promise<ItemOutcome> {
    // DELETE is idempotent: voiding twice after an unknown outcome is harmless.
    await this.#http.send('DELETE', `/sales/${this.#version}/receipts/${receiptId}`);
    return { status: 'done', externalIds: { receiptId } satisfies MetrcReceiptIds };
  }

  /** A return edits the receipt to what the customer kept (every return so far, this one included); nothing kept voids it. */
  async #edit(item: OutboxItem, receiptId: number): Promise<ItemOutcome> {
    if (item.dependencyPayload === null) return { status: 'dead', error: 'The sale behind this return has no receipt record.' };
    const record = parseMetrcMessage('receipt.create', item.dependencyPayload);
    if (!record.ok) return { status: 'dead', error: record.error };
    const returns = [...item.earlier.filter((e) => e.kind === 'receipt.return').map((e) => e.payload), item.payload].map((payload) =>
      parseMetrcMessage('receipt.return', payload),
    );
    const damaged = returns.find((r) => !r.ok);
    if (damaged !== undefined && !damaged.ok) return { status: 'dead', error: damaged.error };
    const built = this.#receiptOf(record.message, returnedSoFar(returns.flatMap((r) => (r.ok ? [r.message] : []))));
    if ('error' in built) return { status: 'dead', error: built.error };
    if (built.receipt.Transactions.length === 0) return this.#void(receiptId);
    // PUT is idempotent: it states the whole receipt, not a delta.
    await this.#http.send('PUT', `/sales/${this.#version}/receipts`, [{ Id: receiptId, ...built.receipt }]);
    return { status: 'done', externalIds: { receiptId } satisfies MetrcReceiptIds };
  }

  /** A package adjustment with one of the state's own reasons (fetched, never hard-coded: they differ by state). */
  async #adjust(record: PackageAdjustmentRecord): Promise<ItemOutcome> {
    const reasons = await this.#adjustReasons();
    const chosen = record.metrcReason?.trim().toLowerCase();
    const reason = reasons.find((r) => (chosen === undefined ? REASON_PATTERNS[record.reason].test(r.Name) : r.Name.trim().toLowerCase() === chosen));
    if (reason === undefined)
      return {
        status: 'dead',
        error: `Metrc offers no adjustment reason for ${record.metrcReason ?? record.reason} (it offers: ${reasons.map((r) => r.Name).join(', ')}). Record it in Metrc by hand, then mark this resolved.`,
      };
    const quantity = record.unit === 'mg' ? record.quantity / 1000 : record.quantity;
    try {
      await this.#http.send('POST', `/packages/${this.#version}/adjust`, [
        {
          Label: record.packageTag,
          Quantity: quantity,
          UnitOfMeasure: record.unit === 'mg' ? 'Grams' : 'Each',
          AdjustmentReason: reason.Name,
          AdjustmentDate: record.date,
          ReasonNote: record.note,
        },
      ]);
    } catch (error) {
      // An adjustment is a delta, and Metrc offers no way to look one up: sent again after an answer
      // that never came, it could move the package twice in the state's books. A person checks.
      if (error instanceof DestinationUnavailable && error.maybeDelivered)
        return {
          status: 'dead',
          error: `Metrc may have recorded this adjustment (${error.message}) and cannot be asked. Check package ${record.packageTag} in Metrc: if its history shows the ${reason.Name} adjustment of ${quantity} ${record.unit === 'mg' ? 'Grams' : 'Each'} dated ${record.date}, mark this resolved; if not, retry it.`,
        };
      throw error;
    }
    return { status: 'done' };
  }

  async #adjustReasons(): Promise<ReadonlyArray<{ Name: string }>> {
    if (this.#reasons !== null) return this.#reasons;
    const body = (await this.#http.get(`/packages/${this.#version}/adjust/reasons`)).body;
    const list: unknown[] = Array.isArray(body)
      ? body
      : typeof body === 'object' && body !== null && Array.isArray((body as { Data?: unknown }).Data)
        ? (body as { Data: unknown[] }).Data
        : [];
    this.#reasons = list.filter((r): r is { Name: string } => typeof r === 'object' && r !== null && typeof (r as { Name?: unknown }).Name === 'string');
    return this.#reasons;
  }

  #receiptOf(record: SaleReceiptRecord, returned?: ReturnedQuantities): { receipt: MetrcReceipt } | { error: string } {
    let patient: string | null = null;
    let caregiver: string | null = null;
    if (record.customerType !== 'adult') {
      if (record.patientLicenseNumberSealed === null)
        return { error: 'This medical sale has no patient registration number; add it to the customer and retry.' };
      if (record.customerType === 'caregiver' && record.caregiverLicenseNumberSealed == null)
        return { error: 'This caregiver sale has no caregiver registration number; add it to the caregiver and retry.' };
      try {
        patient = this.#reveal(record.patientLicenseNumberSealed);
        caregiver = record.caregiverLicenseNumberSealed == null ? null : this.#reveal(record.caregiverLicenseNumberSealed);
      } catch {
        return { error: 'A registration number on this sale cannot be decrypted on this computer. Contact support.' };
      }
    }
    return { receipt: metrcReceipt(record, patient, returned, caregiver) };
  }
}

function receiptIds(body: unknown): readonly number[] | null {
  if (typeof body !== 'object' || body === null || !('Ids' in body)) return null;
  const ids = (body as { Ids: unknown }).Ids;
  return Array.isArray(ids) && ids.every((id) => typeof id === 'number') ? (ids as number[]) : null;
}

function returnedSoFar(returns: ReadonlyArray<MetrcMessage<'receipt.return'>>): ReturnedQuantities {
  const totals = new Map<string, { quantity: number }>();
  for (const payload of returns) {
    for (const line of payload.lines) totals.set(line.packageTag, { quantity: (totals.get(line.packageTag)?.quantity ?? 0) + line.quantity });
  }
  return totals;
}

/**
 * A delivery's receipt for Metrc. No Metrc API for receiving a licensed
 * incoming transfer is documented in the sources we hold
 * (shared/domain/receiving/receipt-acknowledgement.ts), so it is handed to
 * staff on the Sync screen with exactly what to enter on the Metrc site;
 * "mark resolved" once done records who did it (audited).
 */
export function receiptForStaff(item: OutboxItem): ItemOutcome {
  const parsed = parseMetrcMessage('transfer.receive', item.payload);
  if (!parsed.ok) return { status: 'dead', error: parsed.error };
  const { manifestNumber, packages, citation } = parsed.message;
  const rejected = packages.filter((p) => p.rejected);
  const partial = packages.filter((p) => !p.rejected && p.acceptedQuantity !== p.shippedQuantity);
  const lines = [
    ...partial.map((p) => `${p.packageTag}: receive ${p.acceptedQuantity} of ${p.shippedQuantity} ${p.unitOfMeasure}`),
    ...rejected.map((p) => `${p.packageTag}: reject (${p.reason ?? 'no reason'})`),
  ];
  return {
    status: 'dead',
    error:
      `To do in Metrc: receive manifest ${manifestNumber} (Transfers → Incoming): ${packages.length - rejected.length - partial.length} package(s) in full` +
      `${lines.length > 0 ? `; ${lines.join('; ')}` : ''}. The register cannot record this through Metrc's API; mark this resolved once done. (${citation})`,
  };
}
