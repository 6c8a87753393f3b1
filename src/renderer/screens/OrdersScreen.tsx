import { useCallback, useEffect, useRef, useState } from 'react';
import { substitutionAgreements, type SubstitutionAgreement } from '../../shared/domain/online-orders/substitution';
import { formatCents } from '../../shared/money';
import { ErrorBanner } from '../components/ErrorBanner';
import { useCart } from '../state/cart-store';
import { useOrders, type QueuedOrder } from '../state/orders-store';
import { useSession } from '../state/session-store';
import { useScans } from '../state/scan-store';
import { useHeardOrPolled } from '../useHeardOrPolled';
import { CustomerPicker } from './CustomerPicker';

/** How often the screen re-reads the queue while it is showing. */
const REFRESH_EVERY_MS = 5_000;

const PLATFORM_NAMES: Record<string, string> = { leafly: 'Leafly', jane: 'Jane', greentill: 'Online menu' };
const AGREEMENT_LABELS: Record<SubstitutionAgreement, string> = {
  in_person: 'In person',
  phone: 'By phone',
  platform_message: 'Through the platform',
  text_reply: 'Replied to a text',
};

const GROUPS = [
  { title: 'New', statuses: ['new'] },
  { title: 'Accepted', statuses: ['accepted'] },
  { title: 'Picking', statuses: ['picking'] },
  { title: 'Ready', statuses: ['ready'] },
  { title: 'Ended today', statuses: ['completed', 'cancelled', 'expired'] },
] as const satisfies ReadonlyArray<{ title: string; statuses: ReadonlyArray<QueuedOrder['status']> }>;

/**
 * The online order queue at the counter (issue #21): new orders with the
 * time left to accept them, accepted and picking orders picked by scanning
 * package tags (a wrong package is named), substitutions with how the
 * customer agreed, ready orders handed over into the counter's own check-in
 * and sale.
 */
export function OrdersScreen({ onCheckout }: { readonly onCheckout: () => void }) {
  const queue = useOrders((s) => s.queue);
  const error = useOrders((s) => s.error);
  const message = useOrders((s) => s.message);
  const now = useNow();
  const canConnect = useSession((s) => s.session?.permissions.includes('credentials.edit') ?? false);
  useEffect(() => {
    const { load, pull } = useOrders.getState();
    void load().then(pull);
  }, []);
  // The register pulls from the relay by itself every 15 s; the core says when the queue changed (issue #19), and
  // without its pushes the screen re-reads the queue on a timer (a passive command, so an open Orders screen does not
  // keep the register from locking itself when nobody is there).
  useHeardOrPolled(['orders-changed'], () => void useOrders.getState().load(), REFRESH_EVERY_MS);
  // A package tag scanned on this screen picks into the order being picked (the last one a tag went to, or the only one).
  const [picking, setPicking] = useState<string | null>(null);
  const pending = useScans((s) => s.pending);
  const pickingRef = useRef<string | null>(null);
  pickingRef.current =
    picking !== null && queue?.orders.some((o) => o.id === picking && (o.status === 'accepted' || o.status === 'picking'))
      ? picking
      : (queue?.orders.filter((o) => o.status === 'accepted' || o.status === 'picking').map((o) => o.id)[0] ?? null);
  useEffect(() => {
    if (pending === null || pending.kind !== 'package') return;
    useScans.getState().taken(pending.id);
    if (pickingRef.current !== null) void useOrders.getState().pick(pickingRef.current, pending.data);
  }, [pending]);
  const handOver = useCallback(
    async (orderId: string) => {
      // The counter's own cart is not dropped from view (it would hold its stock unseen): it is finished or parked first.
      const current = useCart.getState().cart;
      if (current !== null && current.status === 'open' && current.lines.length > 0) {
        useOrders.setState({
          error: { code: 'COUNTER_CART_OPEN', message: 'A cart is open at the counter: finish or park it on Checkout (F1), then hand the order over.' },
          message: null,
        });
        return;
      }
      const cartId = await useOrders.getState().handover(orderId);
      if (cartId === null) return;
      await useCart.getState().take(cartId);
      onCheckout();
    },
    [onCheckout],
  );
  return (
    <section className="orders" aria-label="Online orders">
      <h2>Online orders</h2>
      <p className="muted" data-testid="orders-feed">
        {queue === null
          ? 'Loading…'
          : queue.fromStoreServer === true
            ? 'Orders come from the store server, for every register of the store.'
            : queue.relay === null
              ? 'No order relay is set up for this register: an admin connects one below.'
              : queue.lastError !== null
                ? `The order relay cannot be reached: ${queue.lastError}`
                : `Orders from ${queue.relay.url}${queue.lastPulledAt === null ? '' : `, checked ${new Date(queue.lastPulledAt).toLocaleTimeString()}`}.`}{' '}
        <button type="button" onClick={() => void useOrders.getState().pull()}>
          Check for orders
        </button>
      </p>
      {canConnect ? <RelayLinkForm connected={queue?.relay?.url ?? null} /> : null}
      <ErrorBanner error={error} />
      {message === null ? null : (
        <p className="notice" role="status">
          {message}
        </p>
      )}
      {GROUPS.map((group) => {
        const orders = (queue?.orders ?? []).filter((o) => (group.statuses as readonly string[]).includes(o.status));
        return (
          <section key={group.title} className="order-group" aria-label={`${group.title} orders`}>
            <h3>
              {group.title} <span className="muted">({orders.length})</span>
            </h3>
            {orders.map((order) => (
              <OrderCard key={order.id} order={order} now={now} onPicking={setPicking} onHandOver={handOver} />
            ))}
          </section>
        );
      })}
    </section>
  );
}

function OrderCard({
  order,
  now,
  onPicking,
  onHandOver,
}: {
  readonly order: QueuedOrder;
  readonly now: number;
  readonly onPicking: (orderId: string) => void;
  readonly onHandOver: (orderId: string) => Promise<void>;
}) {
  const { accept, reject, pick, ready } = useOrders.getState();
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [tag, setTag] = useState('');
  const [substituting, setSubstituting] = useState<number | null>(null);
  const [linking, setLinking] = useState(false);
  const label = `order ${order.platformOrderId}`;
  const active = order.status === 'new' || order.status === 'accepted' || order.status === 'picking';
  // In a store with a server, an order another register took is theirs: shown, never offered here (issue #21).
  const taken = order.takenElsewhere ?? null;
  const allPicked = order.lines.every((l) => l.picked >= l.quantity);
  return (
    <article className="order-card" aria-label={`Order ${order.platformOrderId}`} data-status={order.status}>
      <header>
        <strong>{PLATFORM_NAMES[order.platform] ?? order.platform}</strong> #{order.platformOrderId} · {order.customerName ?? 'customer'}{' '}
        <Deadline order={order} now={now} />
        {order.customerTextsAllowed ? null : (
          <span className="muted"> · no texts to this customer ({PLATFORM_NAMES[order.platform] ?? order.platform} tells them)</span>
        )}
        {order.prepaid === null ? null : (
          <span data-testid={`prepaid-${order.platformOrderId}`}>
            {' '}
            · prepaid {formatCents(order.prepaid.amountCents)}
            {order.prepaid.differenceCents === null || order.prepaid.differenceCents === 0
              ? ''
              : ` (register ${formatCents(order.prepaid.registerTotalCents ?? 0)}: difference ${formatCents(Math.abs(order.prepaid.differenceCents))} ${order.prepaid.differenceCents > 0 ? 'over' : 'under'})`}
          </span>
        )}
        {order.limitsHeldFor === null ? null : <span data-testid={`limits-held-${order.platformOrderId}`}> · limits held for {order.limitsHeldFor} today</span>}
        {taken === null ? null : (
          <span className="notice" data-testid={`taken-elsewhere-${order.platformOrderId}`}>
            {' '}
            · {taken.action === 'accept' ? 'accepted' : 'rejected'} at {taken.register}
          </span>
        )}
      </header>
      <ul className="order-lines">
        {order.lines.map((line) => (
          <li key={line.lineNumber} data-testid={`order-line-${order.platformOrderId}-${line.lineNumber}`}>
            {line.name} × {line.quantity} <span className="muted">(ordered at {formatCents(line.unitPriceCents)} each)</span>
            {order.status === 'new' ? null : (
              <span className={line.picked >= line.quantity ? 'notice' : 'muted'}>
                {' '}
                · picked {line.picked} of {line.quantity}
              </span>
            )}
            {line.substitutedFrom === null ? null : (
              <span className="muted">
                {' '}
                · substitute for {line.substitutedFrom.name} ({AGREEMENT_LABELS[line.substitutedFrom.agreedVia].toLowerCase()})
              </span>
            )}
            {active && line.picked === 0 && substituting !== line.lineNumber ? (
              <>
                {' '}
                <button type="button" onClick={() => setSubstituting(line.lineNumber)}>
                  Substitute…
                </button>
              </>
            ) : null}
            {substituting === line.lineNumber ? <SubstituteForm order={order} lineNumber={line.lineNumber} onDone={() => setSubstituting(null)} /> : null}
          </li>
        ))}
      </ul>
      {order.endReason === null ? null : <p className="muted">{order.endReason}</p>}
      <div className="order-actions">
        {order.status === 'new' && taken === null ? (
          <button type="button" className="primary" onClick={() => void accept(order.id)}>
            Accept {label}
          </button>
        ) : null}
        {order.status === 'new' && taken === null && !linking ? (
          <button type="button" onClick={() => setLinking(true)} title="Accept and hold the customer’s purchase limits for today">
            Accept for a customer…
          </button>
        ) : null}
        {active && taken === null && !rejecting ? (
          <button type="button" onClick={() => setRejecting(true)}>
            Reject…
          </button>
        ) : null}
        {order.status === 'picking' && allPicked ? (
          <button type="button" className="primary" onClick={() => void ready(order.id)}>
            Mark {label} ready
          </button>
        ) : null}
        {order.status === 'ready' ? (
          <button type="button" className="primary" onClick={() => void onHandOver(order.id)}>
            Hand over {label}
          </button>
        ) : null}
      </div>
      {linking && order.status === 'new' ? (
        <div className="inline-form" aria-label={`Customer for ${label}`} role="group">
          {/* The order names a person but carries nothing to match a record exactly: staff pick the customer it is for. */}
          <CustomerPicker onPick={(customer) => void accept(order.id, customer.customerId).then((ok) => ok && setLinking(false))} />
          <button type="button" onClick={() => setLinking(false)}>
            Not now
          </button>
        </div>
      ) : null}
      {rejecting ? (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            void reject(order.id, reason).then((ok) => ok && setRejecting(false));
          }}
        >
          <label>
            Reason for rejecting <input value={reason} maxLength={200} onChange={(e) => setReason(e.target.value)} autoFocus />
          </label>
          <button type="submit" disabled={reason.trim() === ''}>
            Reject {label}
          </button>
          <button type="button" onClick={() => setRejecting(false)}>
            Keep it
          </button>
        </form>
      ) : null}
      {(order.status === 'accepted' || order.status === 'picking') && !allPicked ? (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            const scanned = tag;
            setTag('');
            onPicking(order.id);
            void pick(order.id, scanned);
          }}
        >
          <label>
            Scan or type a package tag for {label}{' '}
            <input
              aria-label={`Package tag for ${label}`}
              data-scan-field=""
              value={tag}
              onChange={(e) => setTag(e.target.value)}
              onFocus={() => onPicking(order.id)}
            />
          </label>
        </form>
      ) : null}
    </article>
  );
}

function SubstituteForm({ order, lineNumber, onDone }: { readonly order: QueuedOrder; readonly lineNumber: number; readonly onDone: () => void }) {
  const [sku, setSku] = useState('');
  const [agreedVia, setAgreedVia] = useState<SubstitutionAgreement>('phone');
  const [note, setNote] = useState('');
  // A customer the store may not text (Leafly's) cannot have agreed by replying to a text from the store.
  const ways = substitutionAgreements.filter((w) => w !== 'text_reply' || order.customerTextsAllowed);
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        void useOrders
          .getState()
          .substitute(order.id, lineNumber, sku, agreedVia, note)
          .then((ok) => ok && onDone());
      }}
    >
      <label>
        Substitute SKU <input value={sku} maxLength={64} onChange={(e) => setSku(e.target.value)} autoFocus />
      </label>
      <label>
        Customer agreed{' '}
        <select value={agreedVia} onChange={(e) => setAgreedVia(e.target.value as SubstitutionAgreement)}>
          {ways.map((w) => (
            <option key={w} value={w}>
              {AGREEMENT_LABELS[w]}
            </option>
          ))}
        </select>
      </label>
      <label>
        Note <input value={note} maxLength={200} onChange={(e) => setNote(e.target.value)} />
      </label>
      <button type="submit" disabled={sku.trim() === ''}>
        Record substitution
      </button>
      <button type="button" onClick={onDone}>
        Cancel
      </button>
    </form>
  );
}

/** An admin's: the relay's address and the store credential (stored sealed, never shown again). */
function RelayLinkForm({ connected }: { readonly connected: string | null }) {
  const [url, setUrl] = useState('');
  const [credential, setCredential] = useState('');
  return (
    <details className="relay-link" open={connected === null}>
      <summary>Order relay connection{connected === null ? '' : `: ${connected}`}</summary>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          void useOrders
            .getState()
            .connect(url, credential)
            .then((ok) => ok && setCredential(''));
        }}
      >
        <label>
          Relay address <input value={url} maxLength={200} placeholder="https://orders.example.com" onChange={(e) => setUrl(e.target.value)} />
        </label>
        <label>
          Store credential <input type="password" value={credential} maxLength={200} autoComplete="off" onChange={(e) => setCredential(e.target.value)} />
        </label>
        <button type="submit" disabled={url.trim() === '' || credential.trim() === ''}>
          Connect the order relay
        </button>
      </form>
    </details>
  );
}

/** The timer against the platform's deadline: accept by (a new order), hand over by (accepted onwards). */
function Deadline({ order, now }: { readonly order: QueuedOrder; readonly now: number }) {
  const deadline =
    order.status === 'new' ? order.acceptBy : order.status === 'accepted' || order.status === 'picking' || order.status === 'ready' ? order.pickupBy : null;
  if (deadline === null) return <span className="muted">· {order.status}</span>;
  const left = Date.parse(deadline) - now;
  const what = order.status === 'new' ? 'to accept' : 'to pick up';
  return (
    <span className={left < 0 ? 'field-error' : 'muted'} data-testid={`deadline-${order.platformOrderId}`}>
      · {left < 0 ? `overdue by ${duration(-left)}` : `${duration(left)} left ${what}`}
    </span>
  );
}

function duration(ms: number): string {
  const total = Math.floor(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = String(m).padStart(h > 0 ? 2 : 1, '0');
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
}

/** The time now, once a second, for the timers. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}
