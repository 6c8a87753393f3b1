import { useState } from 'react';
import type { AppErrorValue } from '../../shared/errors';
import { formatCents } from '../../shared/money';
import { send } from '../transport';
import { ApprovalDialog, type Approval } from './ApprovalDialog';
import { DenominationGrid, type Counts } from './DenominationGrid';

/** The deposit bag: what is in it, its bag number, and a second person's PIN to verify it. */
export function DepositForm({ day }: { readonly day: string }) {
  const [counts, setCounts] = useState<Counts>({});
  const [bag, setBag] = useState('');
  const [verifying, setVerifying] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<AppErrorValue | null>(null);
  const record = async (verifier: Approval) => {
    const r = await send('deposit-record', { denominations: { ...counts }, bagNumber: bag, businessDay: day, verifier });
    setMessage(r.ok ? `Deposit of ${formatCents(r.value.amountCents)} in bag ${bag} recorded.` : null);
    setError(r.ok ? null : r.error);
    if (r.ok) {
      setCounts({});
      setBag('');
    }
  };
  return (
    <section className="deposit" aria-label="Deposit">
      <h2>Deposit</h2>
      <DenominationGrid label="Cash in the bag" counts={counts} onChange={setCounts} />
      <div className="inline-form">
        <input aria-label="Bag number" placeholder="Tamper-evident bag number" value={bag} onChange={(e) => setBag(e.target.value)} />
        <button type="button" disabled={bag.trim() === '' || day === ''} onClick={() => setVerifying(true)}>
          Record deposit
        </button>
      </div>
      {message === null ? null : (
        <p className="notice" role="status">
          ✓ {message}
        </p>
      )}
      <p className="field-error" role="alert">
        {error === null ? '' : `⚠ ${error.message}`}
      </p>
      {!verifying ? null : (
        <ApprovalDialog
          reason="A second person verifies the bag with their PIN."
          onCancel={() => setVerifying(false)}
          onApprove={(approval) => {
            setVerifying(false);
            void record(approval);
          }}
        />
      )}
    </section>
  );
}
