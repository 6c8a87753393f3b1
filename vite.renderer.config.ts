import react from '@vitejs/plugin-react';
import { defineConfig, type UserConfig } from 'vite';

/**
 * The renderer's build, shared by electron-vite (the Electron app) and the
 * headless host (`npm run build:renderer`): both load `out/renderer`.
 */
export const rendererConfig: UserConfig = {
  root: 'src/renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../../out/renderer',
    emptyOutDir: true,
  },
};

export default defineConfig(rendererConfig);
