import { useEffect, useState } from 'react';
import { ErrorBanner } from './components/ErrorBanner';
import { Header } from './components/Header';
import { CheckoutScreen } from './screens/CheckoutScreen';
import { DrawerScreen } from './screens/DrawerScreen';
import { ReportsScreen } from './screens/ReportsScreen';
import { ReturnsScreen } from './screens/ReturnsScreen';
import { SignInScreen } from './screens/SignInScreen';
import { SyncScreen } from './screens/SyncScreen';
import { useRegister } from './state/register-store';
import { useSession } from './state/session-store';

const screens = [
  { id: 'checkout', label: 'Checkout', key: 'F1' },
  { id: 'drawer', label: 'Drawer', key: 'F2' },
  { id: 'returns', label: 'Returns', key: 'F3' },
  { id: 'reports', label: 'Reports', key: 'F4' },
  { id: 'sync', label: 'Sync', key: 'F5' },
] as const;
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
  }
}

export function App() {
  const { storeInfo, error, loadStore } = useRegister();
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
  return (
    <div className="app">
      <Header storeInfo={storeInfo} signedIn={signedIn} onOpenSync={() => setScreen('sync')} />
      {signedIn ? (
        <nav className="tabs" aria-label="Screens">
          {screens.map((s) => (
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
