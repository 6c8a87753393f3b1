import { useCallback, useEffect, useState } from 'react';
import type { DeviceHealthLine } from '../../shared/contract/devices';
import type { AppErrorValue } from '../../shared/errors';
import { send } from '../transport';
import { DeviceSetupForm } from './DeviceSetupForm';

const POLL_MS = 10_000;

const ROLE: Readonly<Record<DeviceHealthLine['role'], string>> = {
  receipt_printer: 'Receipt printer',
  cash_drawer: 'Cash drawer',
  id_scanner: 'ID scanner',
  barcode_scanner: 'Barcode scanner',
};

/** A word and a mark for each state: colour is never the only signal. */
const STATE: Readonly<Record<DeviceHealthLine['state'], { readonly word: string; readonly mark: string }>> = {
  ready: { word: 'Ready', mark: '✓' },
  simulated: { word: 'Simulated', mark: '◇' },
  not_configured: { word: 'Not set up', mark: '–' },
  disconnected: { word: 'Disconnected', mark: '⚠' },
  paper_out: { word: 'Out of paper', mark: '⚠' },
  offline: { word: 'Not answering', mark: '⚠' },
};

/** This terminal's printer, drawer and scanners: each role's state and what to do about it. */
export function DevicesPanel() {
  const [items, setItems] = useState<readonly DeviceHealthLine[] | null>(null);
  const [error, setError] = useState<AppErrorValue | null>(null);
  const [setting, setSetting] = useState(false);
  const refresh = useCallback(async () => {
    const result = await send('devices-health', {});
    if (result.ok) setItems(result.value.items);
    setError(result.ok ? null : result.error);
  }, []);
  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), POLL_MS);
    return () => clearInterval(timer);
  }, [refresh]);
  return (
    <section className="devices" aria-label="Devices" data-testid="devices-panel">
      <h2>Devices</h2>
      {error === null ? null : <p className="field-error">⚠ {error.message}</p>}
      {items === null ? null : (
        <ul className="device-list">
          {items.map((item, index) => {
            const state = STATE[item.state];
            return (
              <li
                key={`${item.role}-${index}`}
                className={`device device-${item.state}`}
                data-testid="device-health"
                data-role={item.role}
                data-state={item.state}
              >
                <span className="device-mark" aria-hidden="true">
                  {state.mark}
                </span>
                <strong>{ROLE[item.role]}</strong>
                <span className="device-state">{state.word}</span>
                {item.path === null ? null : <span className="tag">{item.path}</span>}
                <span className="device-message">{item.message}</span>
              </li>
            );
          })}
        </ul>
      )}
      <div className="inline-form">
        <button type="button" onClick={() => void refresh()}>
          Check devices again
        </button>
        <button type="button" aria-expanded={setting} onClick={() => setSetting(!setting)}>
          {setting ? 'Close device setup' : 'Set up a device…'}
        </button>
      </div>
      {setting ? <DeviceSetupForm onSaved={() => void refresh()} /> : null}
    </section>
  );
}
