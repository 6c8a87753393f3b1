import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    // Native modules (better-sqlite3, serialport) and real child processes: forks, not threads.
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Browser assertions poll; on a loaded 2-core CI machine a second is not enough.
    expect: { poll: { timeout: 10_000, interval: 50 } },
  },
});
