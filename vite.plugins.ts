/**
 * Build-time work shared by the Vite configs: the default scenario's walk is computed in Node
 * by the model itself and shipped as a JSON module, so the page can draw it before (and
 * without) loading the simulator; and the bare page's first view is rendered into index.html.
 */
import react from '@vitejs/plugin-react';
import { runnerImport, type Plugin } from 'vite';

const ID = 'virtual:ambient-walk/default';
const RESOLVED = `\0${ID}`;
/** The rest of the default walk's hop details (src/model/hopDetails.ts), loaded just after. */
const DETAILS_ID = 'virtual:ambient-walk/default-details';
const DETAILS_RESOLVED = `\0${DETAILS_ID}`;
/** The default walk's diagram layouts, so the first view needs no layout code. */
const LAYOUTS_ID = 'virtual:ambient-walk/default-layouts';
const LAYOUTS_RESOLVED = `\0${LAYOUTS_ID}`;

export function defaultWalkPlugin(): Plugin {
  return {
    name: 'ambient-walk-default-walk',
    resolveId(id) {
      if (id === ID) return RESOLVED;
      if (id === DETAILS_ID) return DETAILS_RESOLVED;
      return id === LAYOUTS_ID ? LAYOUTS_RESOLVED : undefined;
    },
    async load(id) {
      if (id === LAYOUTS_RESOLVED) {
        const { module } = await runnerImport<{ defaultLayoutsJson: () => string }>(
          '/src/view/diagram/prerenderLayouts.ts',
        );
        return `export default JSON.parse(${JSON.stringify(module.defaultLayoutsJson())});`;
      }
      if (id !== RESOLVED && id !== DETAILS_RESOLVED) return undefined;
      const { module } = await runnerImport<{
        defaultWalkJson: () => string;
        defaultDetailsJson: () => string;
      }>('/src/model/prerender.ts');
      const json = id === RESOLVED ? module.defaultWalkJson() : module.defaultDetailsJson();
      // JSON.parse of a string literal is quicker for the browser than a large object literal.
      return `export default JSON.parse(${JSON.stringify(json)});`;
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
      async handler(html, ctx) {
        const { module } = await runnerImport<{ renderFirstView: () => string }>(
          '/src/prerender.tsx',
          { plugins: [react(), defaultWalkPlugin(), stylesheetsAsNothing()], logLevel: 'warn' },
        );
        const firstView = module.renderFirstView();
        const root = '<div id="root"></div>';
        if (!html.includes(root)) throw new Error('index.html has no empty #root to fill');
        // The app and what it imports start loading with the page, beside the stylesheet: on a
        // slow network the walk answers Next sooner than if they waited for the first paint.
        // Vite preloads what the entry imports statically; the app's chunks not among them.
        const preloads = appFiles(ctx.bundle)
          .filter((f) => !html.includes(`href="./${f}"`))
          .map((f) => `<link rel="modulepreload" crossorigin href="./${f}">`)
          .join('\n    ');
        return html
          .replace(root, () => `<div id="root">${firstView}</div>`)
          .replace('</head>', () => `    ${preloads}\n  </head>`);
      },
    },
  };
}

/** The app's chunk (src/app.tsx) and every chunk it imports statically, as dist paths. */
function appFiles(bundle: Record<string, { type: string }> | undefined): string[] {
  type Chunk = {
    type: 'chunk';
    fileName: string;
    imports: string[];
    facadeModuleId: string | null;
  };
  const chunks = Object.values(bundle ?? {}).filter((c): c is Chunk => c.type === 'chunk');
  const app = chunks.find((c) => c.facadeModuleId?.endsWith('/src/app.tsx'));
  if (!app) return [];
  const out = new Set<string>();
  const visit = (c: Chunk | undefined): void => {
    if (!c || out.has(c.fileName)) return;
    out.add(c.fileName);
    for (const f of c.imports) visit(chunks.find((x) => x.fileName === f));
  };
  visit(app);
  return [...out];
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
