import { useCallback, useEffect, useRef, useState } from 'react';
import { looksLikeAamva } from '../shared/id/aamva';
import { ErrorBanner } from './components/ErrorBanner';
import { Header } from './components/Header';
import { CheckoutScreen } from './screens/CheckoutScreen';
import { DrawerScreen } from './screens/DrawerScreen';
import { ReportsScreen } from './screens/ReportsScreen';
import { ReturnsScreen } from './screens/ReturnsScreen';
import { SignInScreen } from './screens/SignInScreen';
import { SyncScreen } from './screens/SyncScreen';
import { ComplianceScreen } from './screens/ComplianceScreen';
import { useRegister } from './state/register-store';
import { useSession } from './state/session-store';
import { useScans, type ScanKind } from './state/scan-store';
import { useHardwareScans } from './scanning/useHardwareScans';
import { useWedgeCapture } from './scanning/useWedgeCapture';
import { send } from './transport';

const screens = [
  { id: 'checkout', label: 'Checkout', key: 'F1' },
  { id: 'drawer', label: 'Drawer', key: 'F2' },
  { id: 'returns', label: 'Returns', key: 'F3' },
  { id: 'reports', label: 'Reports', key: 'F4' },
  { id: 'sync', label: 'Sync', key: 'F5' },
  { id: 'compliance', label: 'Compliance', key: 'F6' },
] as const;
/** The review queue is the compliance officer's (and the owner's): other roles do not see the tab. */
const REVIEWERS: readonly string[] = ['compliance_officer', 'admin'];
type ScreenId = (typeof screens)[number]['id'];

function Screen({ id }: { readonly id: ScreenId }) {
  switch (id) {
    case 'checkout':
      return <CheckoutScreen />;
    case 'drawer':
      return <DrawerScreen />;
    case 'returns':
      return <ReturnsScreen />;
    case 'reports':
      return <ReportsScreen />;
    case 'sync':
      return <SyncScreen />;
    case 'compliance':
      return <ComplianceScreen />;
  }
}

export function App() {
  // Picked one by one: the whole register store changes on every keystroke of a search.
  const storeInfo = useRegister((s) => s.storeInfo);
  const error = useRegister((s) => s.error);
  const loadStore = useRegister((s) => s.loadStore);
  const { session, load } = useSession();
  const [screen, setScreen] = useState<ScreenId>('checkout');
  useEffect(() => {
    void loadStore();
    void load();
  }, [loadStore, load]);
  useEffect(() => {
    // Keyboard first: F1/F2 switch screens from anywhere.
    const onKey = (event: KeyboardEvent) => {
      const target = screens.find((s) => s.key === event.key);
      if (target !== undefined) {
        event.preventDefault();
        setScreen(target.id);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  const signedIn = session?.staff != null && !session.locked;

  const screenRef = useRef(screen);
  screenRef.current = screen;
  // Scans from anywhere go to checkout: a product to the cart, a licence to check-in (CheckoutScreen takes them).
  const routeScan = useCallback((data: string, kind: ScanKind) => {
    // A dialog elsewhere (a manager typing a PIN) is not torn down by a scan.
    if (document.querySelector('[role="dialog"]') !== null && screenRef.current !== 'checkout') return;
    useScans.getState().deliver(data, kind);
    setScreen('checkout');
  }, []);
  useHardwareScans(signedIn, routeScan);
  const wedgePrefix = useWedgePrefix(signedIn);
  // On checkout the scan box takes wedge scans itself; elsewhere they are caught by their timing.
  useWedgeCapture(signedIn && screen !== 'checkout', (data) => routeScan(data, looksLikeAamva(data) ? 'id' : 'product'), { prefix: wedgePrefix });
  return (
    <div className="app">
      <Header storeInfo={storeInfo} signedIn={signedIn} onOpenSync={() => setScreen('sync')} />
      {signedIn ? (
        <nav className="tabs" aria-label="Screens">
          {screens
            .filter((s) => s.id !== 'compliance' || REVIEWERS.includes(session?.staff?.role ?? ''))
            .map((s) => (
              <button key={s.id} type="button" aria-current={screen === s.id ? 'page' : undefined} onClick={() => setScreen(s.id)}>
                {s.label} <kbd>{s.key}</kbd>
              </button>
            ))}
        </nav>
      ) : null}
      <main className="main">
        <ErrorBanner error={error} />
        {!signedIn ? <SignInScreen /> : <Screen id={screen} />}
      </main>
    </div>
  );
}

/** The prefix a keyboard-wedge scanner is set to send, from its device config (makes its scans certain). */
function useWedgePrefix(signedIn: boolean): string | undefined {
  const [prefix, setPrefix] = useState<string | undefined>(undefined);
  useEffect(() => {
    if (!signedIn) return;
    void send('devices-list-configs', {}).then((result) => {
      if (!result.ok) return;
      const wedge = result.value.items.find((c) => c.enabled && c.transport === 'wedge' && typeof c.options['prefix'] === 'string');
      setPrefix(wedge === undefined ? undefined : (wedge.options['prefix'] as string));
    });
  }, [signedIn]);
  return prefix;
}
