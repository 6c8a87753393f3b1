import { metrcReportKinds, type StoreCommand } from '../../../shared/contract/store-server';
import { parseMetrcMessage, type SaleReceiptRecord } from '../../../shared/contract/metrc-messages';
import type { DownstreamBacklog, ItemOutcome, LaneAdapter, OutboxItem } from '../../../shared/sync/lane';
import { receiptForStaff } from '../../../metrc/adapter';
import type { PiiKeys } from '../../platform/security/pii-crypto';
import { openMedicalRegistration } from '../customers/pii';
import { TRACEABILITY_LANE } from '../sync/lanes';
import type { StoreLinkMonitor } from './store-connection';
import { probeStoreServer, sendStoreCommand } from './store-lane';

type ReportKind = (typeof metrcReportKinds)[number];
type MetrcReport = Extract<StoreCommand, { type: 'metrc.report' }>;

/**
 * The state lane of a register in a store with a server (issue #20): the
 * register does not send to Metrc itself — the store server's single
 * reporter does, for every register of the licence. Each item of the
 * `metrc` outbox goes to the store server as a keyed `metrc.report`
 * command; the server keeps a key once, so a handover whose answer was
 * lost is simply sent again.
 *
 * Joining a store is this lane taking over the register's own backlog:
 * whatever was not yet delivered — never sent, or sent with no answer —
 * goes to the server with the attempts the register made (above 0, the
 * reporter looks the receipt up by its external number before any post),
 * and a void or return whose receipt the register delivered itself carries
 * that receipt's Metrc Id. Items already delivered are never handed over,
 * so nothing reaches Metrc twice. The outbox's per-sale order holds as
 * before: a void is handed over only after its receipt.
 */
export class MetrcHandover implements LaneAdapter {
  readonly destination = TRACEABILITY_LANE;
  readonly batchSize = 25;
  readonly ordering = 'aggregate';
  readonly inFlight = 1;
  readonly #link: StoreLinkMonitor;
  readonly #keys: PiiKeys;

  constructor(link: StoreLinkMonitor, keys: PiiKeys) {
    this.#link = link;
    this.#keys = keys;
  }

  async deliver(items: readonly OutboxItem[]): Promise<ReadonlyMap<number, ItemOutcome>> {
    const outcomes = new Map<number, ItemOutcome>();
    const client = this.#link.client();
    for (const item of items) {
      // A delivery's receipt is for staff on the Metrc site, as on a register alone.
      if (item.kind === 'transfer.receive') {
        outcomes.set(item.id, receiptForStaff(item));
        continue;
      }
      if (client === null) {
        outcomes.set(item.id, { status: 'retry', error: 'This register is not paired with a store server.' });
        continue;
      }
      const report = this.#reportOf(item, client.link.terminalId);
      if ('error' in report) {
        outcomes.set(item.id, { status: 'dead', error: report.error });
        continue;
      }
      const outcome = await sendStoreCommand(client, report, { externalIds: { handedOverAs: report.key } });
      outcomes.set(item.id, outcome);
      if (outcome.status === 'retry') break;
    }
    return outcomes;
  }

  probe(): Promise<void> {
    return probeStoreServer(this.#link.client());
  }

  /** Handed over is not yet in Metrc: the server's queue counts in this register's backlog and deadline. */
  downstream(): DownstreamBacklog | null {
    return this.#link.metrcBacklog();
  }

  #reportOf(item: OutboxItem, terminalId: string): MetrcReport | { error: string } {
    const kind = metrcReportKinds.find((k) => k === item.kind);
    if (kind === undefined) return { error: `The store server's Metrc reporter does not take "${item.kind}".` };
    // The sale's receipt record in play: the item itself, or (void, return) the receipt it changes.
    const parsed =
      kind === 'receipt.create'
        ? parseMetrcMessage(kind, item.payload)
        : kind === 'package.adjust'
          ? null
          : parseMetrcMessage('receipt.create', item.dependencyPayload);
    if (parsed !== null && !parsed.ok) return { error: parsed.error };
    const record = parsed?.message ?? null;
    let registrations: MetrcReport['registrations'];
    try {
      registrations = {
        patient: record?.patientLicenseNumberSealed == null ? null : openMedicalRegistration(this.#keys, record.patientLicenseNumberSealed),
        caregiver: record?.caregiverLicenseNumberSealed == null ? null : openMedicalRegistration(this.#keys, record.caregiverLicenseNumberSealed),
      };
    } catch {
      return { error: 'A registration number on this sale cannot be decrypted on this computer. Contact support.' };
    }
    // Our seal opens only on this register: the numbers travel in clear over the pinned connection and the server seals them again.
    const wire = record === null ? null : { ...record, patientLicenseNumberSealed: null, caregiverLicenseNumberSealed: null };
    const receiptId = (item.dependencyExternalIds as { receiptId?: unknown } | null)?.receiptId;
    return {
      type: 'metrc.report',
      key: reportKey(kind, item, terminalId),
      kind,
      aggregateId: item.aggregateId,
      payload: kind === 'receipt.create' ? wire : item.payload,
      receipt: kind === 'receipt.create' ? null : (wire satisfies SaleReceiptRecord | null),
      receiptId: typeof receiptId === 'number' ? receiptId : null,
      earlier: item.earlier.map((e) => ({ kind: e.kind, payload: e.payload })),
      // Every earlier claim of this item may have reached Metrc (sent by the register itself before it joined).
      priorAttempts: item.attempts - 1,
      firstAttemptAt: item.attempts > 1 ? (item.firstAttemptAt?.toISOString() ?? null) : null,
      createdAt: item.createdAt.toISOString(),
      registrations,
    };
  }
}

/** One key per thing the state receives: a sale's receipt and its void by the sale, a return by its own id, an adjustment by this register's item. */
function reportKey(kind: ReportKind, item: OutboxItem, terminalId: string): string {
  switch (kind) {
    case 'receipt.create':
    case 'receipt.void':
      return `metrc:${kind}:${item.aggregateId}`;
    case 'receipt.return': {
      const returned = parseMetrcMessage('receipt.return', item.payload);
      return returned.ok ? `metrc:${kind}:${returned.message.returnId}` : `metrc:${kind}:${terminalId}:${item.id}`;
    }
    case 'package.adjust':
      return `metrc:${kind}:${terminalId}:${item.id}`;
  }
}
