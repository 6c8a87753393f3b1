import { useCallback, useEffect, useState } from 'react';
import type { StaffAlertView } from '../../shared/contract/staff-alerts';
import { send } from '../transport';
import { useHeardOrPolled } from '../useHeardOrPolled';

/** Without the core's pushes (the stream down, or a bridge without them): the fallback poll. */
const POLL_MS = 15_000;

/**
 * The header's alert area (issue #21): how many staff alerts are open — an
 * online order past its deadline, sales near the state's reporting deadline,
 * a drawer open after close — and, opened, each with what to do and an
 * Acknowledge button. Hidden while there are none. The core checks the
 * conditions on a timer and says when the open alerts change (issue #19);
 * each read also checks (the register raises each occurrence once).
 */
export function StaffAlerts() {
  const [alerts, setAlerts] = useState<readonly StaffAlertView[]>([]);
  const [open, setOpen] = useState(false);
  const refresh = useCallback(async () => {
    const result = await send('staff-alerts-list', {});
    if (result.ok) setAlerts(result.value.alerts);
  }, []);
  useEffect(() => void refresh(), [refresh]);
  useHeardOrPolled(['alerts-changed'], () => void refresh(), POLL_MS);
  if (alerts.length === 0) return null;
  const acknowledge = async (alertId: string) => {
    const result = await send('staff-alert-acknowledge', { alertId });
    if (result.ok) setAlerts(result.value.alerts);
    else await refresh();
  };
  return (
    <div className="staff-alerts">
      <button
        type="button"
        className="staff-alerts-button"
        data-testid="staff-alerts"
        aria-expanded={open}
        aria-controls="staff-alert-list"
        onClick={() => setOpen(!open)}
      >
        <span aria-hidden="true">⚠</span> {alerts.length} {alerts.length === 1 ? 'alert' : 'alerts'}
      </button>
      {open ? (
        <ul id="staff-alert-list" className="staff-alert-list" aria-label="Staff alerts">
          {alerts.map((a) => (
            <li key={a.id} data-testid="staff-alert" data-kind={a.kind}>
              <strong>{a.title}</strong>
              <span>{a.detail}</span>
              <button type="button" className="ghost" onClick={() => void acknowledge(a.id)}>
                Acknowledge
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
