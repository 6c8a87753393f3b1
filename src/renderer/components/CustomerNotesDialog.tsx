import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { CustomerNoteView } from '../../shared/contract/care';
import { send } from '../transport';
import { useDialogEscape } from './useDialogEscape';

const CHANNELS = ['counter', 'phone', 'chat', 'sms', 'email'] as const;
type Channel = (typeof CHANNELS)[number];

/** A customer's last notes, newest first, and a tagged note added from the counter. */
export function CustomerNotesDialog({ customerId, onClose }: { readonly customerId: string; readonly onClose: () => void }) {
  const [notes, setNotes] = useState<readonly CustomerNoteView[]>([]);
  const [tags, setTags] = useState<ReadonlyArray<{ tag: string; label: string }>>([]);
  const [body, setBody] = useState('');
  const [channel, setChannel] = useState<Channel>('counter');
  const [chosen, setChosen] = useState<readonly string[]>([]);
  const [error, setError] = useState<string | null>(null);
  useDialogEscape(onClose);
  const load = useCallback(async () => {
    const [list, tagList] = await Promise.all([send('customer-notes', { customerId, limit: 5 }), send('note-tag-list', {})]);
    if (list.ok) setNotes(list.value.items);
    else setError(list.error.message);
    if (tagList.ok) setTags(tagList.value.items);
  }, [customerId]);
  useEffect(() => {
    void load();
  }, [load]);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (body.trim() === '') return;
    const result = await send('customer-note-add', { customerId, channel, body: body.trim(), tags: [...chosen] });
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    setBody('');
    setChosen([]);
    setError(null);
    await load();
  };
  return (
    <div className="dialog-backdrop">
      <form className="dialog notes-dialog" role="dialog" aria-modal="true" aria-labelledby="notes-title" onSubmit={(e) => void submit(e)}>
        <h2 id="notes-title">Notes on this customer</h2>
        {notes.length === 0 ? (
          <p className="muted">No notes yet.</p>
        ) : (
          <ul className="customer-notes" data-testid="customer-notes">
            {notes.map((n) => (
              <li key={n.noteId}>
                <div className="muted">
                  {new Date(n.createdAt).toLocaleString()} · {n.channel} · {n.authorName}
                </div>
                <div>{n.body}</div>
                {n.tags.length === 0 ? null : <div className="note-tags">{n.tags.map((t) => `#${t}`).join(' ')}</div>}
              </li>
            ))}
          </ul>
        )}
        <label>
          Channel
          <select value={channel} onChange={(e) => setChannel(e.target.value as Channel)}>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
        <label>
          New note
          <textarea value={body} onChange={(e) => setBody(e.target.value)} maxLength={2000} rows={3} />
        </label>
        <fieldset className="note-tag-choice">
          <legend>Tags</legend>
          {tags.map((t) => (
            <label key={t.tag} className="checkbox">
              <input
                type="checkbox"
                checked={chosen.includes(t.tag)}
                onChange={(e) => setChosen(e.target.checked ? [...chosen, t.tag] : chosen.filter((c) => c !== t.tag))}
              />
              {t.label}
            </label>
          ))}
        </fieldset>
        <p className="field-error" role="alert">
          {error ?? ''}
        </p>
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Close
          </button>
          <button type="submit" className="primary" disabled={body.trim() === ''}>
            Add note
          </button>
        </div>
      </form>
    </div>
  );
}
