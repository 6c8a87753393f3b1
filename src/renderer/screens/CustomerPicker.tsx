import { useState } from 'react';
import type { CustomerSummary } from '../../shared/contract/customers';
import { send } from '../transport';

/** Find a registered customer by name and attach them to the cart (their type and limits apply). */
export function CustomerPicker({ onPick }: { readonly onPick: (customer: CustomerSummary) => void }) {
  const [text, setText] = useState('');
  const [found, setFound] = useState<readonly CustomerSummary[]>([]);
  return (
    <div className="customer-picker">
      <input
        aria-label="Find customer"
        placeholder="Customer: type a name"
        value={text}
        onChange={(event) => {
          const next = event.target.value;
          setText(next);
          if (next.trim() === '') return setFound([]);
          void send('customer-search', { text: next.trim() }).then((r) => setFound(r.ok ? r.value.items : []));
        }}
      />
      {found.length === 0 ? null : (
        <ul className="customer-results">
          {found.map((c) => (
            <li key={c.customerId}>
              <button
                type="button"
                onClick={() => {
                  onPick(c);
                  setText('');
                  setFound([]);
                }}
              >
                {c.firstName} {c.lastName} · {c.customerType === 'adult' ? 'adult-use' : c.customerType} · born {c.dateOfBirth}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
