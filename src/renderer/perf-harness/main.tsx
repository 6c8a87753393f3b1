// The fake core first: the transport picks its bridge when first imported.
import { harnessCatalog } from './fake-bridge';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { CheckoutScreen } from '../screens/CheckoutScreen';
import { buildCatalogIndex } from '../state/catalog-index';
import { useRegister } from '../state/register-store';
import { installProbe } from './keystroke-probe';
import '../styles.css';

/**
 * The keystroke-to-paint harness: the real checkout screen (scan box,
 * windowed catalog, cart) over a generated catalog, with no core behind it.
 * test/e2e/search-keystroke.perf.test.ts types into it in Chromium.
 */
const harness = installProbe(
  (queries) => {
    const index = useRegister.getState().catalogIndex?.update([]);
    if (index === undefined) return [];
    return queries.map((query) => {
      const start = performance.now();
      index.search(query);
      return performance.now() - start;
    });
  },
  () => {
    const start = performance.now();
    buildCatalogIndex(harnessCatalog);
    return performance.now() - start;
  },
);
(window as unknown as Record<string, unknown>)['greentillHarness'] = harness;
useRegister.subscribe((state) => {
  harness.ready = state.catalogIndex !== null && state.catalogIndex.size === harnessCatalog.length;
});

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <div className="app">
      <main className="main">
        <CheckoutScreen />
      </main>
    </div>
  </StrictMode>,
);
