import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig, type UserConfig } from 'vite';

/**
 * The keystroke-to-paint harness (src/renderer/perf-harness): the checkout
 * screen over a generated catalog, built by its test into out/perf-harness.
 * Never part of the app (electron-builder.yml leaves it out).
 */
export const perfHarnessConfig: UserConfig = {
  root: fileURLToPath(new URL('./src/renderer/perf-harness', import.meta.url)),
  base: './',
  plugins: [react()],
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('./out/perf-harness', import.meta.url)),
    emptyOutDir: true,
  },
};

export default defineConfig(perfHarnessConfig);
