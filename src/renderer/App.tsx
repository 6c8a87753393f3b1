import { useEffect } from 'react';
import { ErrorBanner } from './components/ErrorBanner';
import { Header } from './components/Header';
import { CatalogScreen } from './screens/CatalogScreen';
import { useRegister } from './state/register-store';

export function App() {
  const { storeInfo, error, loadStore } = useRegister();
  useEffect(() => {
    void loadStore();
  }, [loadStore]);
  return (
    <div className="app">
      <Header storeInfo={storeInfo} />
      <main className="main">
        <ErrorBanner error={error} />
        <CatalogScreen />
      </main>
    </div>
  );
}
