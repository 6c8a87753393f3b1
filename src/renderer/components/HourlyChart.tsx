import { formatCents } from '../../shared/money';

/** Sales by store-local hour as bars; each bar is labelled, so the numbers are readable without colour. */
export function HourlyChart({ hours }: { readonly hours: ReadonlyArray<{ readonly hour: string; readonly count: number; readonly totalCents: number }> }) {
  const max = Math.max(1, ...hours.map((h) => h.totalCents));
  return (
    <figure className="hourly-chart" aria-label="Sales by hour">
      <figcaption>Sales by hour</figcaption>
      {hours.length === 0 ? <p className="muted">No sales yet.</p> : null}
      <ul>
        {hours.map((h) => (
          <li key={h.hour} data-testid="chart-bar">
            <span className="hour">{h.hour}:00</span>
            <span className="bar" style={{ width: `${Math.max(2, Math.round((h.totalCents / max) * 100))}%` }} />
            <span className="num">
              {formatCents(h.totalCents)} · {h.count}
            </span>
          </li>
        ))}
      </ul>
    </figure>
  );
}
