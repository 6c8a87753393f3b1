import { useEffect, useState } from 'react';
import type { CustomerProfileView, PreferenceOptionView } from '../../shared/contract/customer-profile';
import type { Result } from '../../shared/errors';
import { send } from '../transport';

/** The customer's preferred categories and effects, picked from the store's list (up to five). */
export function CustomerPreferences({
  profile,
  onSaved,
}: {
  readonly profile: CustomerProfileView;
  readonly onSaved: (result: Result<CustomerProfileView>) => boolean;
}) {
  const [options, setOptions] = useState<readonly PreferenceOptionView[]>([]);
  const [chosen, setChosen] = useState<readonly string[]>(profile.preferences.map((p) => p.key));
  useEffect(() => {
    let live = true;
    void send('preference-option-list', {}).then((r) => {
      if (live && r.ok) setOptions(r.value.items);
    });
    return () => {
      live = false;
    };
  }, []);
  const shown = profile.preferences.map((p) => p.label).join(', ');
  return (
    <fieldset className="note-tag-choice" data-testid="customer-preferences">
      <legend>Prefers{shown === '' ? '' : `: ${shown}`}</legend>
      {options.map((o) => (
        <label key={o.key} className="checkbox">
          <input
            type="checkbox"
            checked={chosen.includes(o.key)}
            onChange={(e) => setChosen(e.target.checked ? [...chosen, o.key] : chosen.filter((k) => k !== o.key))}
          />
          {o.label}
        </label>
      ))}
      <button type="button" onClick={() => void send('customer-preferences-set', { customerId: profile.customerId, keys: [...chosen] }).then(onSaved)}>
        Save preferences
      </button>
    </fieldset>
  );
}
