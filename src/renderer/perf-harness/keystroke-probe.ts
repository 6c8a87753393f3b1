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
  let pressed: { key: string; at: number; handled: number } | null = null;

  // Capture on window: first to hear the key, before React does.
  window.addEventListener('keydown', (event) => (pressed = { key: event.key, at: event.timeStamp, handled: performance.now() }), { capture: true });

  // Bubbling to window: after React's listener and the microtask in which it commits.
  window.addEventListener('input', (event) => {
    const key = pressed;
    pressed = null;
    if (key === null || !(event.target instanceof HTMLInputElement)) return;
    const query = event.target.value;
    const committed = performance.now();
    requestAnimationFrame(() => {
      const frame = performance.now();
      // A message posted from the frame's callback is handled once that frame is rendered.
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        const painted = performance.now();
        const processing = committed - key.handled;
        const render = painted - frame;
        record({
          key: key.key,
          query,
          inputDelay: key.handled - key.at,
          processing,
          frameWait: frame - committed,
          render,
          busy: processing + render,
          keystrokeToPaint: painted - key.at,
        });
        channel.port1.close();
      };
      channel.port2.postMessage(null);
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
