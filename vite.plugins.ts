/**
 * Build-time work shared by the Vite configs: the default scenario's walk is computed in Node
 * by the model itself and shipped as a JSON module, so the page can draw it before (and
 * without) loading the simulator; and the bare page's first view is rendered into index.html.
 */
import react from '@vitejs/plugin-react';
import { runnerImport, type Plugin } from 'vite';

const ID = 'virtual:ambient-walk/default';
const RESOLVED = `\0${ID}`;
/** The default walk's diagram layouts, so the first view needs no layout code. */
const LAYOUTS_ID = 'virtual:ambient-walk/default-layouts';
const LAYOUTS_RESOLVED = `\0${LAYOUTS_ID}`;

export function defaultWalkPlugin(): Plugin {
  return {
    name: 'ambient-walk-default-walk',
    resolveId(id) {
      return id === ID ? RESOLVED : id === LAYOUTS_ID ? LAYOUTS_RESOLVED : undefined;
    },
    async load(id) {
      if (id === LAYOUTS_RESOLVED) {
        const { module } = await runnerImport<{ defaultLayoutsJson: () => string }>(
          '/src/view/diagram/prerenderLayouts.ts',
        );
        return `export default JSON.parse(${JSON.stringify(module.defaultLayoutsJson())});`;
      }
      if (id !== RESOLVED) return undefined;
      const { module } = await runnerImport<{ defaultWalkJson: () => string }>(
        '/src/model/prerender.ts',
      );
      // JSON.parse of a string literal is quicker for the browser than a large object literal.
      return `export default JSON.parse(${JSON.stringify(module.defaultWalkJson())});`;
    },
  };
}

/**
 * Writes the first view of the bare page (src/prerender.tsx) into index.html's #root, and
 * public/boot.js ahead of it. Build only: the dev server serves the page as it is.
 */
export function prerenderPlugin(): Plugin {
  return {
    name: 'ambient-walk-prerender',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      async handler(html) {
        const { module } = await runnerImport<{ renderFirstView: () => string }>(
          '/src/prerender.tsx',
          { plugins: [react(), defaultWalkPlugin()], logLevel: 'warn' },
        );
        const root = '<div id="root"></div>';
        if (!html.includes(root)) throw new Error('index.html has no empty #root to fill');
        return (
          html
            .replace(root, () => `<div id="root">${module.renderFirstView()}</div>`)
            // The first view is already in the page: the app's code can wait behind the styles.
            .replace(/<script type="module"/g, '<script type="module" fetchpriority="low"')
            .replace(/<link rel="modulepreload"/g, '<link rel="modulepreload" fetchpriority="low"')
        );
      },
    },
  };
}
