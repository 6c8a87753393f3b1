import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { rendererConfig } from './vite.renderer.config';

/** Three targets: the main process (ESM), the sandboxed preload (CommonJS) and the renderer. */
export default defineConfig({
  main: {
    build: {
      externalizeDeps: true,
      outDir: 'out/main',
      // The window's process and the core's own process (a utilityProcess: database, sync, devices).
      rollupOptions: { input: { index: resolve('src/main/index.ts'), 'core-process': resolve('src/main/entries/core-process/main.ts') } },
    },
  },
  preload: {
    build: {
      // A sandboxed preload cannot require() packages: bundle everything but electron.
      externalizeDeps: false,
      outDir: 'out/preload',
      rollupOptions: { input: resolve('src/main/entries/preload/index.ts'), output: { format: 'cjs', entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {
    ...rendererConfig,
    root: resolve('src/renderer'),
    build: { outDir: resolve('out/renderer'), emptyOutDir: true, rollupOptions: { input: resolve('src/renderer/index.html') } },
  },
});
