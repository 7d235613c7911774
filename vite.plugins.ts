/**
 * Build-time work shared by the Vite configs: the default scenario's walk is computed in Node
 * by the model itself and shipped as a JSON module, so the page can draw it before (and
 * without) loading the simulator; and the bare page's first view is rendered into index.html.
 */
import react from '@vitejs/plugin-react';
import { runnerImport, type Plugin } from 'vite';

const ID = 'virtual:ambient-walk/default';
const RESOLVED = `\0${ID}`;

export function defaultWalkPlugin(): Plugin {
  return {
    name: 'ambient-walk-default-walk',
    resolveId(id) {
      return id === ID ? RESOLVED : undefined;
    },
    async load(id) {
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
 *
 * That view paints with the entry's stylesheet alone (the app's chunk loads after it), so the
 * build fails if the app's chunk brings a stylesheet: a component of the first view whose
 * stylesheet src/main.tsx does not list.
 */
export function prerenderPlugin(): Plugin {
  return {
    name: 'ambient-walk-prerender',
    apply: 'build',
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk' || !chunk.facadeModuleId?.endsWith('/src/app.tsx')) continue;
        const css = [...(chunk.viteMetadata?.importedCss ?? [])];
        if (css.length) {
          const modules = Object.keys(chunk.modules)
            .filter((id) => id.endsWith('.css'))
            .map((id) => id.slice(id.lastIndexOf('/src/') + 1));
          this.error(
            `the app's chunk brings a stylesheet (${css.join(', ')}): the pre-rendered first ` +
              `view would paint without it. Import it in src/main.tsx: ${modules.join(', ')}`,
          );
        }
      }
    },
    transformIndexHtml: {
      order: 'post',
      async handler(html) {
        const { module } = await runnerImport<{ renderFirstView: () => string }>(
          '/src/prerender.tsx',
          { plugins: [react(), defaultWalkPlugin(), stylesheetsAsNothing()], logLevel: 'warn' },
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

/**
 * The components import their stylesheets; rendering them to HTML in Node needs none of them
 * (the page links them), so for the pre-render each stylesheet is an empty module.
 */
function stylesheetsAsNothing(): Plugin {
  const EMPTY = '\0ambient-walk-no-stylesheet';
  return {
    name: 'ambient-walk-stylesheets-as-nothing',
    enforce: 'pre',
    resolveId(id) {
      return /\.css$/.test(id) ? EMPTY : undefined;
    },
    load(id) {
      return id === EMPTY ? 'export {};' : undefined;
    },
  };
}

/** Scripts other sites include, built from src/integrations/ as classic scripts. */
const INTEGRATIONS = [
  {
    entry: 'src/integrations/revealAmbientWalk.ts',
    name: 'RevealAmbientWalk',
    fileName: 'integrations/reveal-ambient-walk.js',
    about: 'Ambient Packet Walk: a reveal.js plugin. See the README, “Slide decks”.',
  },
  {
    entry: 'src/integrations/ambientWalkDeck.ts',
    name: 'AmbientWalkDeck',
    fileName: 'integrations/ambient-walk-deck.js',
    about: 'Ambient Packet Walk: paging keys for any slide deck. See the README, “Slide decks”.',
  },
];

/**
 * Builds the integrations into dist/integrations/: each a classic script (an IIFE that defines
 * one global), so a deck on another origin includes it with a plain <script src> (a module
 * script from another origin would need CORS headers). Readable, not minified: authors may
 * keep a copy beside their deck. Normal build only; the single-file build has no files beside
 * it.
 */
export function integrationsPlugin(): Plugin {
  return {
    name: 'ambient-walk-integrations',
    apply: 'build',
    async generateBundle() {
      const { build } = await import('vite');
      for (const it of INTEGRATIONS) {
        const result = await build({
          configFile: false,
          logLevel: 'warn',
          publicDir: false,
          build: {
            write: false,
            minify: false,
            target: 'es2020',
            lib: { entry: it.entry, formats: ['iife'], name: it.name, fileName: () => 'out.js' },
          },
        });
        const outputs = Array.isArray(result) ? result : [result];
        const chunk = outputs
          .flatMap((o) => ('output' in o ? o.output : []))
          .find((o) => o.type === 'chunk');
        if (!chunk || chunk.type !== 'chunk') this.error(`no code built for ${it.entry}`);
        this.emitFile({
          type: 'asset',
          fileName: it.fileName,
          source: `/*! ${it.about} */\n${chunk.code}`,
        });
      }
    },
  };
}
