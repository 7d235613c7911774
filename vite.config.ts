import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { appChunk } from './vite.appChunk';
import { onDemandCopy } from './vite.ondemandCopy';
import { defaultWalkPlugin, integrationsPlugin, prerenderPlugin } from './vite.plugins';

const app = appChunk();

// base './' so the built site works from any sub-path (a docs site's /docs/ambient/, a file://).
export default defineConfig({
  base: './',
  plugins: [
    react(),
    defaultWalkPlugin(),
    prerenderPlugin(),
    integrationsPlugin(),
    onDemandCopy(),
    app.plugin,
  ],
  build: {
    target: 'es2022',
    // The size budget reads it to find what the entry loads at once (scripts/size-budget.mjs).
    manifest: true,
    sourcemap: false,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'index', test: app.entryOwned, priority: 1 },
            { name: 'app-deps', test: app.test },
          ],
        },
      },
    },
  },
});
