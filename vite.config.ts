import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { defaultWalkPlugin, integrationsPlugin, prerenderPlugin } from './vite.plugins';

// base './' so the built site works from any sub-path (a docs site's /docs/ambient/, a file://).
export default defineConfig({
  base: './',
  plugins: [react(), defaultWalkPlugin(), prerenderPlugin(), integrationsPlugin()],
  build: {
    target: 'es2022',
    // The size budget reads it to find what the entry loads at once (scripts/size-budget.mjs).
    manifest: true,
    sourcemap: false,
  },
});
