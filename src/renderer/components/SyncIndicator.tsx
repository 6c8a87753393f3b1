import { useEffect } from 'react';
import { useHeardOrPolled } from '../useHeardOrPolled';
import { useSync } from '../state/sync-store';

/** Without the core's pushes (the stream down, or a bridge without them): the fallback poll. */
const POLL_MS = 2_000;

/**
 * Always in the header: online or offline (a word and a shape, not only a
 * colour) and how many items wait to go out. Click (or F5) for the panel.
 */
export function SyncIndicator({ onOpen }: { readonly onOpen: () => void }) {
  const { status, refresh } = useSync();
  useEffect(() => void refresh(), [refresh]);
  // With the pushes up the core says when the status changed (issue #19); the timer is only for when they are down.
  useHeardOrPolled(['sync-changed'], () => void refresh(), POLL_MS);
  if (status === null) return null;
  const traceability = status.lanes.find((l) => l.destination === 'metrc');
  const state = status.online === true ? 'online' : status.online === false ? 'offline' : traceability?.configured === false ? 'not-set-up' : 'connecting';
  const label = { online: 'Online', offline: 'Offline', 'not-set-up': 'Metrc not set up', connecting: 'Connecting…' }[state];
  const mark = state === 'online' ? '✓' : '⚠';
  const dead = status.deadLetters.length;
  const atRisk = traceability?.deadline != null && traceability.deadline.risk !== 'ok';
  return (
    <button
      type="button"
      className={`sync-indicator sync-${state}${atRisk ? ' sync-at-risk' : ''}`}
      onClick={onOpen}
      data-testid="sync-indicator"
      data-state={state}
      title="Sync status (F5)"
    >
      <span aria-hidden="true">{mark}</span> {label}
      <span className="sync-backlog" data-testid="sync-backlog" aria-label={`${status.backlog} waiting to send`}>
        {status.backlog} waiting
      </span>
      {dead > 0 ? <span className="sync-dead">{dead} refused</span> : null}
    </button>
  );
}
