import { useCallback, useEffect, useState } from 'react';
import type { IncidentView } from '../../shared/contract/it-incidents';
import type { AppErrorValue } from '../../shared/errors';
import { useSession } from '../state/session-store';
import { send } from '../transport';
import { ErrorBanner } from './ErrorBanner';

/** The IT incident log on the Sync screen: open incidents (or all), with their context; comment; close (a manager). */
export function IncidentsPanel() {
  const { session } = useSession();
  const canClose = session?.permissions.includes('settings.edit') ?? false;
  const [status, setStatus] = useState<'open' | 'all'>('open');
  const [items, setItems] = useState<IncidentView[]>([]);
  const [elsewhere, setElsewhere] = useState<readonly string[]>([]);
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<AppErrorValue | null>(null);
  const load = useCallback(async () => {
    const result = await send('incident-list', { status });
    if (result.ok) {
      setItems(result.value.items);
      setElsewhere(result.value.elsewhere);
      setNote(result.value.note);
    } else setError(result.error);
  }, [status]);
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <section className="incidents-panel" aria-label="IT incident log">
      <h3>IT incident log</h3>
      <ErrorBanner error={error} />
      <label>
        Show{' '}
        <select value={status} onChange={(e) => setStatus(e.target.value === 'all' ? 'all' : 'open')}>
          <option value="open">open incidents</option>
          <option value="all">all incidents</option>
        </select>
      </label>
      {note === null ? null : <p className="muted">{note}</p>}
      {items.length === 0 ? <p className="muted">No {status === 'open' ? 'open ' : ''}incidents. Report one with F8.</p> : null}
      {items.map((item) => (
        <IncidentCard
          key={item.id}
          item={item}
          atThisRegister={!elsewhere.includes(item.id)}
          canClose={canClose}
          onChanged={() => void load()}
          onError={setError}
        />
      ))}
    </section>
  );
}

function IncidentCard({
  item,
  atThisRegister,
  canClose,
  onChanged,
  onError,
}: {
  readonly item: IncidentView;
  readonly atThisRegister: boolean;
  readonly canClose: boolean;
  readonly onChanged: () => void;
  readonly onError: (error: AppErrorValue) => void;
}) {
  const [text, setText] = useState('');
  const act = async (kind: 'comment' | 'close') => {
    const result =
      kind === 'comment'
        ? await send('incident-comment', { incidentId: item.id, text })
        : await send('incident-close', { incidentId: item.id, resolution: text });
    if (!result.ok) {
      onError(result.error);
      return;
    }
    setText('');
    onChanged();
  };
  return (
    <article className="incident-card" data-testid="incident-card">
      <h4>
        #{item.number} {item.summary} <span className="muted">({item.status})</span>
      </h4>
      <p className="muted">
        {item.reportedBy}, {item.reportedAt.slice(0, 16).replace('T', ' ')} UTC · {item.context.terminalName} · screen {item.context.screen} · v
        {item.context.appVersion}
      </p>
      {item.description === '' ? null : <p>{item.description}</p>}
      {item.context.recentErrors.length === 0 ? null : (
        <ul className="muted">
          {item.context.recentErrors.map((e, index) => (
            <li key={`${e.at}-${e.code}-${index}`}>
              {e.code}: {e.message}
            </li>
          ))}
        </ul>
      )}
      {item.comments.map((c, index) => (
        <p key={`${c.at}-${c.by}-${index}`}>
          <strong>{c.by}:</strong> {c.text}
        </p>
      ))}
      {item.status === 'closed' ? (
        <p>
          Closed by {item.closedBy}: {item.resolution}
        </p>
      ) : !atThisRegister ? (
        <p className="muted">Logged at {item.context.terminalName}: comment on it or close it there.</p>
      ) : (
        <div className="incident-actions">
          <input aria-label={`Comment on incident ${item.number}`} value={text} maxLength={1000} onChange={(e) => setText(e.target.value)} />
          <button type="button" disabled={text.trim() === ''} onClick={() => void act('comment')}>
            Comment
          </button>
          {canClose ? (
            <button type="button" disabled={text.trim() === ''} onClick={() => void act('close')}>
              Close with this note
            </button>
          ) : null}
        </div>
      )}
    </article>
  );
}
