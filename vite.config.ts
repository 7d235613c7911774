import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { defaultWalkPlugin } from './vite.plugins';

// base './' so the built site works from any sub-path (a docs site's /docs/ambient/, a file://).
export default defineConfig({
  base: './',
  plugins: [react(), defaultWalkPlugin()],
  build: {
    target: 'es2022',
    sourcemap: false,
  },
});
