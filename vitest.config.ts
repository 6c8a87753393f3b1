import { defineConfig } from 'vitest/config';

const shared = {
  // Native modules (better-sqlite3, serialport) and real child processes: forks, not threads.
  pool: 'forks' as const,
  testTimeout: 60_000,
  hookTimeout: 60_000,
  // Browser assertions poll; on a loaded 2-core CI machine a second is not enough.
  expect: { poll: { timeout: 10_000, interval: 50 } },
};

/**
 * Three groups in one run (one report): everything else first, then the soak
 * tests (a register SIGKILLed a hundred times, a thousand sales replayed
 * through faults), which saturate both cores and would starve the browser
 * tests of CPU if they ran beside them, and last the timing tests
 * (`*.perf.test.ts`: keystroke-to-paint in Chromium), alone, so that what
 * they measure is the page and not the other tests.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          ...shared,
          name: 'register',
          include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
          exclude: ['test/**/*.soak.test.ts', 'test/**/*.perf.test.ts', '**/node_modules/**'],
          sequence: { groupOrder: 0 },
        },
      },
      { test: { ...shared, name: 'soak', include: ['test/**/*.soak.test.ts'], sequence: { groupOrder: 1 } } },
      { test: { ...shared, name: 'perf', include: ['test/**/*.perf.test.ts'], sequence: { groupOrder: 2 } } },
    ],
  },
});
