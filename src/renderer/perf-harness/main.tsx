// The fake core first: the transport picks its bridge when first imported.
import { harnessCatalog } from './fake-bridge';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { CheckoutScreen } from '../screens/CheckoutScreen';
import { nextTask } from '../state/browser-yield';
import { addInSlices, assembleInSlices, catalogIndexBuilder } from '../state/catalog-index';
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
  async () => {
    // As a load does it (the core's pages of 1,000, then the assembly), timing the work between yields.
    const slices: number[] = [];
    let sliceStart = performance.now();
    const measuredYield = async () => {
      slices.push(performance.now() - sliceStart);
      await nextTask();
      sliceStart = performance.now();
    };
    const builder = catalogIndexBuilder();
    for (let at = 0; at < harnessCatalog.length; at += 1000) {
      await addInSlices(builder, harnessCatalog.slice(at, at + 1000), measuredYield);
      await measuredYield();
    }
    await assembleInSlices(builder, measuredYield);
    slices.push(performance.now() - sliceStart);
    return { workMs: slices.reduce((a, b) => a + b, 0), slices: slices.length, longestSliceMs: Math.max(...slices) };
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
