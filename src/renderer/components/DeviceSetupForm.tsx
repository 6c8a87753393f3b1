import { useEffect, useState, type FormEvent } from 'react';
import type { CommandOutput } from '../../shared/contract';
import {
  TRANSPORTS_BY_ROLE,
  deviceOptions,
  deviceRoleNames,
  type DeviceConfigView,
  type DeviceRoleName,
  type DeviceTransportName,
} from '../../shared/contract/devices';
import type { AppErrorValue } from '../../shared/errors';
import { send } from '../transport';
import { ErrorBanner } from './ErrorBanner';

type Discovered = CommandOutput<'devices-discover'>['items'][number];

const ROLE_LABEL: Readonly<Record<DeviceRoleName, string>> = {
  receipt_printer: 'Receipt printer',
  cash_drawer: 'Cash drawer',
  id_scanner: 'ID scanner',
  barcode_scanner: 'Barcode scanner',
};

const TRANSPORT_LABEL: Readonly<Record<DeviceTransportName, string>> = {
  serial: 'Serial or USB-serial port',
  hid: 'USB HID (POS scanner mode)',
  wedge: 'Keyboard wedge (types into the register)',
  simulated: 'Simulated (demo and training; nothing real)',
};

const BAUD_RATES = [9600, 19200, 38400, 57600, 115200] as const;

/** The form's own names for the fields the core may refuse. */
const FIELD_LABEL: Readonly<Record<string, string>> = { path: 'Port', transport: 'Connection', vendorId: 'USB ids', productId: 'USB ids', options: 'Options' };

function explained(error: AppErrorValue): AppErrorValue {
  if (error.code !== 'INVALID_INPUT') return error;
  const first = ((error.details?.['issues'] ?? []) as readonly { readonly path?: string; readonly message?: string }[])[0];
  if (first?.message === undefined) return error;
  const label = FIELD_LABEL[(first.path ?? '').split('.')[0] ?? ''];
  return { ...error, message: label === undefined ? first.message : `${label}: ${first.message}` };
}

/**
 * Which device plays which role at this terminal: pick the role, how it is
 * connected and its port (from what this computer sees, or typed), save, and
 * the core reopens the devices with it. Setting devices up is a manager's or
 * an admin's (the core's rule); anyone else is told so.
 */
export function DeviceSetupForm({ onSaved }: { readonly onSaved: () => void }) {
  const [configs, setConfigs] = useState<readonly DeviceConfigView[]>([]);
  const [ports, setPorts] = useState<readonly Discovered[]>([]);
  const [refusal, setRefusal] = useState<AppErrorValue | null>(null);
  const [role, setRole] = useState<DeviceRoleName>('receipt_printer');
  const [transport, setTransport] = useState<DeviceTransportName>('serial');
  const [path, setPath] = useState('');
  const [baudRate, setBaudRate] = useState<number>(9600);
  const [onPrinter, setOnPrinter] = useState(false);
  const [error, setError] = useState<AppErrorValue | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  const load = async () => {
    const found = await send('devices-discover', {});
    if (!found.ok) return setRefusal(found.error);
    setPorts(found.value.items);
    const listed = await send('devices-list-configs', {});
    if (listed.ok) setConfigs(listed.value.items);
  };
  useEffect(() => {
    void load();
  }, []);

  if (refusal !== null) return <p className="muted">{refusal.code === 'FORBIDDEN' ? 'Setting devices up is for a manager or an admin.' : refusal.message}</p>;

  const current = configs.find((c) => c.role === role && c.enabled) ?? null;
  const transports = TRANSPORTS_BY_ROLE[role];
  const attached = role === 'cash_drawer' && onPrinter;
  const needsPort = (transport === 'serial' && !attached) || transport === 'hid';
  const portChoices = ports.filter((p) => p.kind === (transport === 'hid' ? 'hid' : 'serial'));

  const chooseRole = (next: DeviceRoleName) => {
    setRole(next);
    if (!TRANSPORTS_BY_ROLE[next].includes(transport)) setTransport(TRANSPORTS_BY_ROLE[next][0] ?? 'simulated');
    setSaved(null);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // A port picked from the list keeps the device's USB identity, so the register can follow it to another socket.
    const picked = needsPort ? portChoices.find((p) => p.path === path.trim() && p.vendorId !== null && p.productId !== null) : undefined;
    const result = await send('devices-save-config', {
      ...(current === null ? {} : { id: current.id }),
      role,
      transport: attached ? 'serial' : transport,
      path: needsPort ? path.trim() : null,
      vendorId: picked?.vendorId ?? null,
      productId: picked?.productId ?? null,
      options: {
        ...(transport === 'serial' && !attached ? { baudRate } : {}),
        ...(attached ? { attachedTo: 'receipt_printer' as const } : {}),
        // Only a serial number the core accepts (some devices report junk: then the device is followed by its ids alone).
        ...(picked?.serialNumber != null && deviceOptions.shape.usbSerialNumber.safeParse(picked.serialNumber).success
          ? { usbSerialNumber: picked.serialNumber }
          : {}),
      },
      enabled: true,
    });
    if (!result.ok) {
      setSaved(null);
      return setError(explained(result.error));
    }
    setError(null);
    setSaved(`${ROLE_LABEL[role]} saved: ${attached ? 'kicked through the receipt printer' : needsPort ? path.trim() : TRANSPORT_LABEL[transport]}.`);
    onSaved();
    await load();
  };

  return (
    <form className="settings-form device-setup" aria-label="Set up a device" onSubmit={(event) => void submit(event)}>
      <label>
        <span>Role</span>
        <select value={role} onChange={(e) => chooseRole(e.target.value as DeviceRoleName)}>
          {deviceRoleNames.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABEL[r]}
            </option>
          ))}
        </select>
      </label>
      <p className="muted settings-note" data-testid="device-current">
        Now: {current === null ? 'not set up' : `${TRANSPORT_LABEL[current.transport]}${current.path === null ? '' : ` on ${current.path}`}`}
      </p>
      {role === 'cash_drawer' ? (
        <label className="checkbox">
          <input type="checkbox" checked={onPrinter} onChange={(e) => setOnPrinter(e.target.checked)} />
          <span>Plugged into the receipt printer (opened by the printer’s drawer kick)</span>
        </label>
      ) : null}
      {attached ? null : (
        <label>
          <span>Connection</span>
          <select value={transport} onChange={(e) => setTransport(e.target.value as DeviceTransportName)}>
            {transports.map((t) => (
              <option key={t} value={t}>
                {TRANSPORT_LABEL[t]}
              </option>
            ))}
          </select>
        </label>
      )}
      {needsPort ? (
        <label>
          <span>Port</span>
          <input
            value={path}
            onChange={(e) => setPath(e.target.value)}
            list="device-ports"
            placeholder={transport === 'hid' ? '/dev/hidraw0' : '/dev/ttyUSB0 or COM3'}
            autoComplete="off"
            spellCheck={false}
          />
        </label>
      ) : null}
      {/* Outside the label: its options' words would become the field's name. */}
      <datalist id="device-ports">
        {portChoices.map((p) => (
          <option key={p.path} value={p.path}>
            {[p.manufacturer, p.product].filter((x) => x !== null).join(' ') || p.path}
          </option>
        ))}
      </datalist>
      {transport === 'serial' && !attached ? (
        <label>
          <span>Baud rate</span>
          <select value={baudRate} onChange={(e) => setBaudRate(Number(e.target.value))}>
            {BAUD_RATES.map((b) => (
              <option key={b} value={b}>
                {b}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <button type="submit" className="primary">
        Save device
      </button>
      <div className="settings-note">
        <ErrorBanner error={error} />
        {saved === null ? null : (
          <p className="notice" role="status">
            {saved}
          </p>
        )}
      </div>
    </form>
  );
}
