import { useRef, useState } from 'react';
import type { CustomerSummary } from '../../shared/contract/customers';
import { CustomerRegistrationDialog } from '../components/CustomerRegistrationDialog';
import { send } from '../transport';

/** Find a registered customer by name, phone or email and attach them to the cart (their type and limits apply), or register a new one. */
export function CustomerPicker({ onPick }: { readonly onPick: (customer: CustomerSummary) => void }) {
  const [text, setText] = useState('');
  const [found, setFound] = useState<readonly CustomerSummary[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [registering, setRegistering] = useState(false);
  // Answers can arrive out of order; only the one for the latest text is shown.
  const latest = useRef('');
  const find = async (query: string) => {
    latest.current = query;
    if (query === '') {
      setFound([]);
      setError(null);
      return;
    }
    // A phone number (10 digits or more) or an email is found through its keyed index; anything else is a name.
    const byContact = query.includes('@') || query.replace(/\D/g, '').length >= 10;
    const result = byContact ? await send('customer-find-by-contact', { contact: query }) : await send('customer-search', { text: query });
    if (latest.current !== query) return;
    if (!result.ok) {
      setFound([]);
      setError(result.error.message);
      return;
    }
    setFound(result.value.items);
    setError(
      result.value.items.length > 0 ? null : byContact ? `No registered customer has “${query}”.` : `No registered customer’s name starts with “${query}”.`,
    );
  };
  return (
    <div className="customer-picker">
      <input
        aria-label="Find customer"
        placeholder="Customer: type a name, phone or email"
        value={text}
        aria-describedby="customer-search-error"
        onChange={(event) => {
          setText(event.target.value);
          void find(event.target.value.trim());
        }}
      />
      <p id="customer-search-error" className="field-error" aria-live="polite" data-testid="customer-search-error">
        {error ?? ''}
      </p>
      {/* Searched first (no duplicates): a name nobody has is offered for registration, without taking the cart's room otherwise. */}
      {text.trim() === '' || found.length > 0 ? null : (
        <button type="button" onClick={() => setRegistering(true)}>
          New customer…
        </button>
      )}
      {found.length === 0 ? null : (
        <ul className="customer-results">
          {found.map((c) => (
            <li key={c.customerId}>
              <button
                type="button"
                onClick={() => {
                  onPick(c);
                  setText('');
                  void find('');
                }}
              >
                {c.firstName} {c.lastName} · {c.customerType === 'adult' ? 'adult-use' : c.customerType} · born {c.dateOfBirth}
              </button>
            </li>
          ))}
        </ul>
      )}
      {registering ? (
        <CustomerRegistrationDialog
          initialName={text}
          onCancel={() => setRegistering(false)}
          onSaved={(customer) => {
            setRegistering(false);
            setText('');
            void find('');
            // Registered, they go on to check-in like a customer picked from the list.
            onPick(customer);
          }}
        />
      ) : null}
    </div>
  );
}
