import { useCallback, useEffect, useState } from 'react';
import type { OpeningCheckAction, OpeningCheckItem, OpeningCheckRunView } from '../../shared/contract/opening-check';
import type { AppErrorValue } from '../../shared/errors';
import { ErrorBanner } from '../components/ErrorBanner';
import { send } from '../transport';
import type { ScreenId } from './screen-access';

const STATUS_WORDS: Readonly<Record<OpeningCheckItem['status'], string>> = { green: '✓ Ready', amber: '! Look at this', red: '✗ Fix before opening' };

/** Where a line's button goes; `retry` runs the whole check again. */
const ACTION_SCREENS: Readonly<Record<Exclude<OpeningCheckAction, 'retry'>, ScreenId>> = {
  go_to_drawer: 'drawer',
  go_to_devices: 'drawer',
  go_to_sync: 'sync',
  go_to_compliance: 'compliance',
  go_to_counts: 'backroom',
  go_to_orders: 'orders',
};

/**
 * The opening readiness check: opens by itself after the first sign-in of
 * the store day (and on F7). Runs the check when it opens, shows each line
 * coloured with its fix, and a button where the register can take you to it.
 */
export function OpeningCheckScreen({ onGo, onDone }: { readonly onGo: (screen: ScreenId) => void; readonly onDone: () => void }) {
  const [run, setRun] = useState<OpeningCheckRunView | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<AppErrorValue | null>(null);
  const check = useCallback(async () => {
    setRunning(true);
    const result = await send('opening-check-run', {});
    setRunning(false);
    if (result.ok) {
      setRun(result.value);
      setError(null);
    } else setError(result.error);
  }, []);
  useEffect(() => {
    void check();
  }, [check]);
  const act = (kind: OpeningCheckAction) => {
    if (kind === 'retry') void check();
    else onGo(ACTION_SCREENS[kind]);
  };
  return (
    <section className="opening-check" aria-label="Opening check">
      <ErrorBanner error={error} />
      <h2>
        Opening check{' '}
        {run === null ? null : (
          <span className={`check-badge check-${run.overall}`} data-testid="opening-check-overall">
            {run.overall}
          </span>
        )}
      </h2>
      {run === null ? <p className="muted">Checking the register…</p> : null}
      {run === null ? null : (
        <ul className="opening-check-lines">
          {run.items.map((item) => (
            <li key={item.id} className={`check-line check-${item.status}`} data-testid={`check-${item.id}`} data-status={item.status}>
              <strong>{item.label}</strong> <span className="check-status">{STATUS_WORDS[item.status]}</span>
              <p>{item.detail}</p>
              {item.status === 'green' ? null : <p className="check-fix">{item.fix}</p>}
              {item.action === null || item.status === 'green' ? null : (
                <button type="button" disabled={running} onClick={() => act(item.action?.kind ?? 'retry')}>
                  {item.action.label}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <div className="actions">
        <button type="button" disabled={running} onClick={() => void check()}>
          {running ? 'Checking…' : 'Check again'}
        </button>
        <button type="button" className="primary" onClick={onDone}>
          Continue to the register
        </button>
      </div>
    </section>
  );
}
