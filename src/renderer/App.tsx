import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { looksLikeAamva } from '../shared/id/aamva';
import { looksLikeSaleNumber } from '../shared/barcode/sale-number';
import { parseProductCode } from '../shared/barcode/product-code';
import { ConnectionBanner } from './components/ConnectionBanner';
import { ErrorBanner } from './components/ErrorBanner';
import { Header } from './components/Header';
import { ShortcutsDialog } from './components/ShortcutsDialog';
import { IncidentDialog } from './components/IncidentDialog';
import { CheckoutScreen } from './screens/CheckoutScreen';
import { DrawerScreen } from './screens/DrawerScreen';
import { ReportsScreen } from './screens/ReportsScreen';
import { ReturnsScreen } from './screens/ReturnsScreen';
import { SignInScreen } from './screens/SignInScreen';
import { SyncScreen } from './screens/SyncScreen';
import { ComplianceScreen } from './screens/ComplianceScreen';
import { OpeningCheckScreen } from './screens/OpeningCheckScreen';
import { BackRoomScreen } from './screens/BackRoomScreen';
import { CareScreen } from './screens/CareScreen';
import { OrdersScreen } from './screens/OrdersScreen';
import { StaffScreen } from './screens/StaffScreen';
import { SettingsScreen } from './screens/SettingsScreen';
import { screensFor, type ScreenId } from './screens/screen-access';
import { useCart } from './state/cart-store';
import { useRegister } from './state/register-store';
import { useSession } from './state/session-store';
import { useScans, type ScanKind } from './state/scan-store';
import { useHardwareScans } from './scanning/useHardwareScans';
import { useWedgeCapture } from './scanning/useWedgeCapture';
import { send } from './transport';

const NO_PERMISSIONS: readonly string[] = [];
/** Opens the opening readiness check from any screen (F1–F6 are the tabs). */
const OPENING_CHECK_KEY = 'F7';
/** Opens the IT incident form from any screen. */
const REPORT_PROBLEM_KEY = 'F8';

function Screen({ id, onGo }: { readonly id: ScreenId; readonly onGo: (id: ScreenId) => void }) {
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
    case 'backroom':
      return <BackRoomScreen />;
    case 'care':
      return <CareScreen />;
    case 'orders':
      return <OrdersScreen onCheckout={() => onGo('checkout')} />;
    case 'staff':
      return <StaffScreen />;
    case 'settings':
      return <SettingsScreen />;
  }
}

export function App() {
  // Picked one by one: the whole register store changes on every keystroke of a search.
  const storeInfo = useRegister((s) => s.storeInfo);
  const error = useRegister((s) => s.error);
  const loadStore = useRegister((s) => s.loadStore);
  const { session, load } = useSession();
  const [chosenScreen, setScreen] = useState<ScreenId>('checkout');
  const [shortcuts, setShortcuts] = useState(false);
  const [opening, setOpening] = useState(false);
  const [reporting, setReporting] = useState(false);
  /** Whether the opening check opened itself after this sign-in ('checking' until the register answers). */
  const [openingState, setOpeningState] = useState<'idle' | 'checking' | 'shown' | 'done'>('idle');
  const saleShowing = useCart((s) => s.completed !== null);
  useEffect(() => {
    void loadStore();
    void load();
  }, [loadStore, load]);
  const signedIn = session?.staff != null && !session.locked;
  // Only the screens this person's role can use: tabs, function keys and scans alike.
  const permissions = session?.permissions ?? NO_PERMISSIONS;
  const allowed = useMemo(() => screensFor(permissions), [permissions]);
  const screen: ScreenId = allowed.some((s) => s.id === chosenScreen) ? chosenScreen : (allowed[0]?.id ?? 'sync');
  const allowedRef = useRef(allowed);
  allowedRef.current = allowed;
  const signedInRef = useRef(signedIn);
  signedInRef.current = signedIn;
  useEffect(() => {
    // Keyboard first: F1/F2 switch screens from anywhere; ? lists the keys.
    const onKey = (event: KeyboardEvent) => {
      if (!signedInRef.current) return;
      const target = allowedRef.current.find((s) => s.key === event.key);
      if (target !== undefined) {
        event.preventDefault();
        setOpening(false);
        setScreen(target.id);
        return;
      }
      if (event.key === OPENING_CHECK_KEY) {
        event.preventDefault();
        setOpening(true);
        return;
      }
      if (event.key === REPORT_PROBLEM_KEY) {
        event.preventDefault();
        setReporting(true);
        return;
      }
      if (event.key === '?' && !event.ctrlKey && !event.altKey && !event.metaKey && wantsShortcuts()) {
        event.preventDefault();
        event.stopPropagation();
        setShortcuts(true);
      }
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, []);

  // The counter belongs to whoever is signed in: someone else signing in (at the lock screen) starts with it empty —
  // but with the cart they left open here themselves (a reload, a restart), which would otherwise hold stock unseen.
  const staffId = session?.staff?.staffId ?? null;
  const canRing = permissions.includes('sale.ring');
  const lastStaff = useRef<string | null>(null);
  useEffect(() => {
    if (staffId === null) {
      // Signed out (the counter was cleared then): whoever signs in next starts afresh.
      lastStaff.current = null;
      return;
    }
    if (staffId === lastStaff.current) return;
    if (lastStaff.current !== null) useCart.getState().reset();
    lastStaff.current = staffId;
  }, [staffId]);
  // Each time someone is signed in (a sign-in, an unlock, a reload) and the counter has no cart.
  useEffect(() => {
    if (signedIn && canRing) void useCart.getState().restore();
  }, [signedIn, staffId, canRing]);

  // The opening check opens itself after the first sign-in of the store day (none run yet today at this terminal).
  useEffect(() => {
    if (!signedIn || staffId === null) {
      setOpeningState('idle');
      return;
    }
    let current = true;
    setOpeningState('checking');
    void send('opening-check-latest', {}).then((result) => {
      if (!current) return;
      const due = result.ok && result.value.due;
      if (due) setOpening(true);
      setOpeningState(due ? 'shown' : 'done');
    });
    return () => {
      current = false;
    };
  }, [signedIn, staffId]);

  const screenRef = useRef(screen);
  screenRef.current = screen;
  // Scans from anywhere go to checkout: a product to the cart, a licence to check-in (CheckoutScreen takes them).
  const routeScan = useCallback((data: string, kind: ScanKind) => {
    // A dialog elsewhere (a manager typing a PIN) is not torn down by a scan.
    if (document.querySelector('[role="dialog"]') !== null && screenRef.current !== 'checkout') return;
    // A package tag scanned in the Back room counts it (a count is in progress there, not a sale).
    if (screenRef.current === 'backroom') {
      useScans.getState().deliver(data.trim(), 'count');
      return;
    }
    // A receipt scanned on the Returns screen opens that sale there.
    if (screenRef.current === 'returns' && looksLikeSaleNumber(data)) {
      useScans.getState().deliver(data.trim(), 'sale');
      return;
    }
    // On the Care screen a receipt finds the sale, and a package tag starts a quality report on that package.
    if (screenRef.current === 'care') {
      const tag = packageTagIn(data);
      if (looksLikeSaleNumber(data) || tag !== null) {
        useScans.getState().deliver(tag ?? data.trim(), tag === null ? 'sale' : 'package');
        return;
      }
    }
    // On the Orders screen a package tag picks into the order being picked.
    if (screenRef.current === 'orders') {
      const tag = packageTagIn(data);
      if (tag !== null) {
        useScans.getState().deliver(tag, 'package');
        return;
      }
    }
    // A role that cannot ring sales (the compliance officer) has no cart for it.
    if (!allowedRef.current.some((s) => s.id === 'checkout')) return;
    useScans.getState().deliver(data, kind);
    setScreen('checkout');
  }, []);
  useHardwareScans(signedIn, routeScan);
  const wedgePrefix = useWedgePrefix(signedIn);
  // On checkout the scan box takes wedge scans itself; elsewhere — and over a completed sale, which has no scan box —
  // they are caught by their timing, so a scanner's Enter never presses the button that has the focus.
  useWedgeCapture(signedIn && (screen !== 'checkout' || saleShowing), (data) => routeScan(data, looksLikeAamva(data) ? 'id' : 'product'), {
    prefix: wedgePrefix,
  });
  return (
    <div className="app" data-opening-check={openingState}>
      <Header
        storeInfo={storeInfo}
        signedIn={signedIn}
        onOpenSync={() => setScreen('sync')}
        onShowShortcuts={() => setShortcuts(true)}
        onReportProblem={() => setReporting(true)}
      />
      {signedIn ? (
        <nav className="tabs" aria-label="Screens">
          {allowed.map((s) => (
            <button
              key={s.id}
              type="button"
              aria-current={!opening && screen === s.id ? 'page' : undefined}
              onClick={() => {
                setOpening(false);
                setScreen(s.id);
              }}
            >
              {s.label}
              {s.key === null ? null : (
                <>
                  {' '}
                  <kbd>{s.key}</kbd>
                </>
              )}
            </button>
          ))}
        </nav>
      ) : null}
      <main className={signedIn && !opening && screen === 'checkout' && !saleShowing ? 'main fill' : 'main'}>
        <ConnectionBanner />
        <ErrorBanner error={error} />
        {!signedIn ? (
          <SignInScreen />
        ) : opening ? (
          <OpeningCheckScreen
            onGo={(id) => {
              setOpening(false);
              setScreen(id);
            }}
            onDone={() => setOpening(false)}
          />
        ) : (
          <Screen id={screen} onGo={setScreen} />
        )}
      </main>
      {signedIn && shortcuts ? <ShortcutsDialog screens={allowed} onClose={() => setShortcuts(false)} /> : null}
      {signedIn && reporting ? <IncidentDialog screen={opening ? 'opening-check' : screen} onClose={() => setReporting(false)} /> : null}
    </div>
  );
}

/** The Metrc package tag a scan holds, or null (anything else, including garbled input). */
function packageTagIn(data: string): string | null {
  try {
    const code = parseProductCode(data);
    return code.kind === 'package_tag' ? code.tag : null;
  } catch {
    return null;
  }
}

/** `?` lists the shortcuts unless it is being typed: nothing editable has focus, or only the empty scan box. */
function wantsShortcuts(): boolean {
  if (document.querySelector('[role="dialog"]') !== null) return false;
  const active = document.activeElement;
  if (active instanceof HTMLInputElement && active.dataset['shortcutsWhenEmpty'] !== undefined) return active.value === '';
  return !(active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement || active instanceof HTMLSelectElement);
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
