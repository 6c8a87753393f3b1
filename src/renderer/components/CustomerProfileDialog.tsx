import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { CustomerNoteView } from '../../shared/contract/care';
import type { CustomerProfileView } from '../../shared/contract/customer-profile';
import type { Result } from '../../shared/errors';
import { send } from '../transport';
import { CustomerMergePanel } from './CustomerMergePanel';
import { CustomerPreferences } from './CustomerPreferences';
import { useSession } from '../state/session-store';
import { PurchaseHistory } from './PurchaseHistory';
import { useDialogEscape } from './useDialogEscape';

/**
 * The customer card (issue #22): contact details (masked: confirmed with the
 * customer, never read out), their SMS opt-ins with the consent taken at the
 * counter, their preferences, purchase history and last notes.
 */
export function CustomerProfileDialog({
  customerId,
  onClose,
  onMerged,
}: {
  readonly customerId: string;
  readonly onClose: () => void;
  /** The record kept by a merge made here (the cart follows it). */
  readonly onMerged: (keptId: string) => void;
}) {
  const canMerge = useSession((s) => s.session?.permissions.includes('customer.merge') ?? false);
  const [profile, setProfile] = useState<CustomerProfileView | null>(null);
  const [notes, setNotes] = useState<readonly CustomerNoteView[]>([]);
  const [error, setError] = useState<string | null>(null);
  useDialogEscape(onClose);
  const load = useCallback(async () => {
    const [card, list] = await Promise.all([send('customer-profile', { customerId }), send('customer-notes', { customerId, limit: 3 })]);
    if (card.ok) setProfile(card.value);
    else setError(card.error.message);
    if (list.ok) setNotes(list.value.items);
  }, [customerId]);
  useEffect(() => {
    void load();
  }, [load]);
  const saved = (result: Result<CustomerProfileView>) => {
    if (result.ok) {
      setProfile(result.value);
      setError(null);
    } else setError(result.error.message);
    return result.ok;
  };
  return (
    <div className="dialog-backdrop">
      <div className="dialog profile-dialog" role="dialog" aria-modal="true" aria-labelledby="profile-title">
        <h2 id="profile-title">Customer card</h2>
        {profile === null ? null : (
          <>
            <p data-testid="profile-summary">
              <strong>
                {profile.firstName} {profile.lastName}
              </strong>{' '}
              · {profile.customerType === 'adult' ? 'adult-use' : profile.customerType} · phone {profile.phone ?? 'none'} · email {profile.email ?? 'none'}
            </p>
            <ContactForm customerId={customerId} onSaved={saved} />
            <SmsConsent profile={profile} onSaved={saved} />
            <EmailConsent profile={profile} onSaved={saved} />
            <CustomerPreferences profile={profile} onSaved={saved} />
          </>
        )}
        <p className="field-error" role="alert">
          {error ?? ''}
        </p>
        <PurchaseHistory customerId={customerId} />
        <section aria-labelledby="last-notes-title">
          <h3 id="last-notes-title">Last notes</h3>
          {notes.length === 0 ? <p className="muted">No notes yet.</p> : null}
          <ul className="customer-notes" data-testid="profile-notes">
            {notes.map((n) => (
              <li key={n.noteId}>
                <span className="muted">{new Date(n.createdAt).toLocaleDateString()} · </span>
                {n.body}
                {n.tags.length === 0 ? '' : ` ${n.tags.map((t) => `#${t}`).join(' ')}`}
              </li>
            ))}
          </ul>
        </section>
        {canMerge && profile !== null ? <CustomerMergePanel customer={profile} onMerged={onMerged} /> : null}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </div>
  );
}

type Saved = (result: Result<CustomerProfileView>) => boolean;

/** A new phone or email: blank leaves it as it is. */
function ContactForm({ customerId, onSaved }: { readonly customerId: string; readonly onSaved: Saved }) {
  const [phone, setPhone] = useState('');
  const [email, setEmail] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const change = { ...(phone.trim() === '' ? {} : { phone: phone.trim() }), ...(email.trim() === '' ? {} : { email: email.trim() }) };
    if (onSaved(await send('customer-contact-set', { customerId, ...change }))) {
      setPhone('');
      setEmail('');
    }
  };
  return (
    <form aria-label="Contact details" className="inline-form" onSubmit={(e) => void submit(e)}>
      <label>
        Phone
        <input type="tel" value={phone} onChange={(e) => setPhone(e.target.value)} maxLength={30} />
      </label>
      <label>
        Email
        <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} maxLength={254} />
      </label>
      <button type="submit" disabled={phone.trim() === '' && email.trim() === ''}>
        Save contact
      </button>
    </form>
  );
}

/** Consent to texts taken at the counter: marketing only in writing (the signed form's number is the proof). */
function SmsConsent({ profile, onSaved }: { readonly profile: CustomerProfileView; readonly onSaved: Saved }) {
  const [kind, setKind] = useState<'transactional' | 'marketing'>('marketing');
  const [written, setWritten] = useState(false);
  const [proof, setProof] = useState('');
  const record = async (action: 'grant' | 'revoke') => {
    if (onSaved(await send('customer-sms-consent', { customerId: profile.customerId, action, kind, written, proof: proof.trim() }))) {
      setProof('');
      setWritten(false);
    }
  };
  const yes = (v: boolean) => (v ? 'yes' : 'no');
  return (
    <fieldset className="sms-consent">
      <legend>Text messages</legend>
      <p data-testid="sms-opt-ins">
        {profile.smsOptIns.stopped
          ? 'This number texted STOP: nothing is sent until it texts START.'
          : `Order updates: ${yes(profile.smsOptIns.transactional)} · Marketing: ${yes(profile.smsOptIns.marketing)}`}
      </p>
      <label>
        Kind
        <select value={kind} onChange={(e) => setKind(e.target.value as 'transactional' | 'marketing')}>
          <option value="marketing">Marketing</option>
          <option value="transactional">Order updates</option>
        </select>
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={written} onChange={(e) => setWritten(e.target.checked)} />
        Signed the opt-in form
      </label>
      <label>
        Proof
        <input value={proof} onChange={(e) => setProof(e.target.value)} maxLength={200} placeholder="Form number, or how they asked" />
      </label>
      <button type="button" disabled={proof.trim() === '' || profile.phone === null} onClick={() => void record('grant')}>
        Record opt-in
      </button>{' '}
      <button type="button" disabled={proof.trim() === '' || profile.phone === null} onClick={() => void record('revoke')}>
        Record opt-out
      </button>
    </fieldset>
  );
}

/** Consent to marketing email taken at the counter (the latest entry for the address decides). */
function EmailConsent({ profile, onSaved }: { readonly profile: CustomerProfileView; readonly onSaved: Saved }) {
  const [proof, setProof] = useState('');
  const record = async (action: 'grant' | 'revoke') => {
    if (onSaved(await send('customer-email-consent', { customerId: profile.customerId, action, proof: proof.trim() }))) setProof('');
  };
  const off = proof.trim() === '' || profile.email === null;
  return (
    <fieldset className="sms-consent">
      <legend>Marketing email</legend>
      <p data-testid="email-opt-in">Marketing email: {profile.emailMarketing ? 'yes' : 'no'}</p>
      <label>
        Email proof
        <input value={proof} onChange={(e) => setProof(e.target.value)} maxLength={200} placeholder="Form number, or how they asked" />
      </label>
      <button type="button" disabled={off} onClick={() => void record('grant')}>
        Record email opt-in
      </button>{' '}
      <button type="button" disabled={off} onClick={() => void record('revoke')}>
        Record email opt-out
      </button>
    </fieldset>
  );
}
