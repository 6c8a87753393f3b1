import type { OutboxItem } from '../../../../shared/sync/lane';
import { parseOutboxMessage } from '../outbox-messages';

/** What the register tells the menu: the stock of these packages moved by these amounts. */
export interface MenuEvent {
  /** Stable across resends, however batches are cut: receivers dedupe by it. */
  readonly id: string;
  readonly type: 'inventory.adjust';
  readonly reason: 'sale' | 'void' | 'return';
  readonly saleId: string;
  readonly occurredAt: string;
  /** Negative leaves the shelf; `each` counts units, `mg` is integer milligrams. */
  readonly deltas: ReadonlyArray<{ readonly packageTag: string; readonly delta: number; readonly unit: 'each' | 'mg' }>;
}

export interface MenuWebhookBody {
  readonly version: 1;
  readonly store: string;
  readonly events: readonly MenuEvent[];
}

/** The outbox payload written by the sale, void and return transactions. */

const REASONS: Readonly<Record<string, MenuEvent['reason']>> = { sale: 'sale', 'receipt.void': 'void', 'receipt.return': 'return' };

/**
 * One outbox item as a webhook event. The id is `<saleId>:<n>`, n counting
 * the sale's earlier menu items (0 is the sale itself): it survives a
 * restart, a re-cut batch and a restored backup, and two tills never share
 * one (outbox row ids would collide across tills). Voids and returns carry
 * no unit in their payload, so it is taken from the sale's own event.
 */
export function menuEvent(item: OutboxItem): { readonly event: MenuEvent } | { readonly error: string } {
  if (item.kind !== 'inventory.adjust') return { error: `The register does not know how to tell the online menu about "${item.kind}".` };
  const parsed = parseOutboxMessage('inventory.adjust', item.payload);
  if (!parsed.ok) return { error: parsed.error };
  const payload = parsed.message;
  const reason = REASONS[payload.reason];
  if (reason === undefined) return { error: `The register does not know how to tell the online menu about "${item.kind}/${payload.reason}".` };
  const units = new Map<string, 'each' | 'mg'>();
  for (const earlier of item.earlier) {
    const before = parseOutboxMessage('inventory.adjust', earlier.payload);
    // An earlier item that does not read as a stock change says nothing about units.
    for (const d of before.ok ? before.message.deltas : []) if (d.unit !== undefined) units.set(d.packageTag, d.unit);
  }
  const deltas: Array<MenuEvent['deltas'][number]> = [];
  for (const d of payload.deltas) {
    const unit = d.unit ?? units.get(d.packageTag);
    if (unit === undefined)
      return {
        error: `The register cannot tell whether package ${d.packageTag} is counted in units or milligrams; correct the stock on the online menu by hand, then mark this resolved.`,
      };
    deltas.push({ packageTag: d.packageTag, delta: d.delta, unit });
  }
  return {
    event: {
      id: `${payload.saleId}:${item.earlier.length}`,
      type: 'inventory.adjust',
      reason,
      saleId: payload.saleId,
      occurredAt: item.createdAt.toISOString(),
      deltas,
    },
  };
}
