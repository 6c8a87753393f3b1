import { useEffect } from 'react';
import { ErrorBanner } from './components/ErrorBanner';
import { Header } from './components/Header';
import { CatalogScreen } from './screens/CatalogScreen';
import { SignInScreen } from './screens/SignInScreen';
import { useRegister } from './state/register-store';
import { useSession } from './state/session-store';

export function App() {
  const { storeInfo, error, loadStore } = useRegister();
  const { session, load } = useSession();
  useEffect(() => {
    void loadStore();
    void load();
  }, [loadStore, load]);
  const signedIn = session?.staff != null && !session.locked;
  return (
    <div className="app">
      <Header storeInfo={storeInfo} />
      <main className="main">
        <ErrorBanner error={error} />
        {signedIn ? <CatalogScreen /> : <SignInScreen />}
      </main>
    </div>
  );
}
