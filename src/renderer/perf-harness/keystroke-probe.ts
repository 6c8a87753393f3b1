import type { Harness, KeystrokeSample } from './keystroke-sample';

/** Listens to every keystroke in the page and records it (see keystroke-sample.ts for the figures). */
export function installProbe(replaySearch: Harness['replaySearch'], timeBuild: Harness['timeBuild']): Harness {
  const harness: Harness = {
    ready: false,
    samples: [],
    slowEvents: [],
    reset() {
      harness.samples.length = 0;
      harness.slowEvents.length = 0;
    },
    replaySearch,
    timeBuild,
    sampled(count) {
      if (harness.samples.length > count) return Promise.resolve();
      return new Promise((resolve) => waiting.push({ count, resolve }));
    },
  };
  const waiting: { count: number; resolve: () => void }[] = [];
  const record = (sample: KeystrokeSample) => {
    harness.samples.push(sample);
    for (const waiter of waiting.splice(0)) {
      if (harness.samples.length > waiter.count) waiter.resolve();
      else waiting.push(waiter);
    }
  };
  let pressed: { key: string; at: number; handled: number; paint: Promise<{ frame: number; painted: number }> } | null = null;

  // Capture on window: first to hear the key, before React does; first to ask for the next frame, so this
  // probe's look after it comes before any work the page queues for later (the rest of a long search).
  window.addEventListener('keydown', (event) => (pressed = { key: event.key, at: event.timeStamp, handled: performance.now(), paint: afterNextPaint() }), {
    capture: true,
  });

  // Bubbling to window: after React's listener and the microtask in which it commits.
  window.addEventListener('input', (event) => {
    const key = pressed;
    pressed = null;
    if (key === null || !(event.target instanceof HTMLInputElement)) return;
    const query = event.target.value;
    const committed = performance.now();
    const resultsInFirstFrame = resultsShownFor() === query;
    const results = resultsInFirstFrame ? null : resultsPainted(query);
    void key.paint.then(async ({ frame, painted }) => {
      const processing = committed - key.handled;
      const render = painted - frame;
      const resultsAt = results === null ? painted : await results;
      record({
        key: key.key,
        query,
        inputDelay: key.handled - key.at,
        processing,
        frameWait: frame - committed,
        render,
        busy: processing + render,
        keystrokeToPaint: painted - key.at,
        resultsInFirstFrame,
        resultsToPaint: resultsAt - key.at,
      });
    });
  });

  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as PerformanceEventTiming[]) {
        harness.slowEvents.push({ name: entry.name, duration: entry.duration, processing: entry.processingEnd - entry.processingStart });
      }
    }).observe({ type: 'event', buffered: true, durationThreshold: 16 } as PerformanceObserverInit);
  } catch {
    // No Event Timing in this browser: the samples above still stand.
  }
  return harness;
}

/** The search the catalog's rows answer (CatalogList marks it). */
function resultsShownFor(): string | null {
  return document.querySelector('[data-results-for]')?.getAttribute('data-results-for') ?? null;
}

/** When the frame after now was painted: a message posted from its animation frame callback is handled once it is. */
function afterNextPaint(): Promise<{ frame: number; painted: number }> {
  return new Promise((resolve) =>
    requestAnimationFrame(() => {
      const frame = performance.now();
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve({ frame, painted: performance.now() });
      };
      channel.port2.postMessage(null);
    }),
  );
}

/** When the rows for `query` were first painted. */
function resultsPainted(query: string): Promise<number> {
  return new Promise((resolve) => {
    const watched = document.querySelector('[data-results-for]');
    if (watched === null) {
      resolve(Number.NaN);
      return;
    }
    const observer = new MutationObserver(() => {
      if (watched.getAttribute('data-results-for') !== query) return;
      observer.disconnect();
      void afterNextPaint().then(({ painted }) => resolve(painted));
    });
    observer.observe(watched, { attributes: true, attributeFilter: ['data-results-for'] });
  });
}
