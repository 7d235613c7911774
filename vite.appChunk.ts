/**
 * One chunk for the app the first visit runs. The entry (src/main.tsx) imports src/app.tsx
 * dynamically, and the app imports the parts a reader asks for (the simulator, the layout code,
 * the Import, Export and Compare dialogs) dynamically in turn. Rolldown does not know those parts
 * only ever load after the app, so each module the app shares with one of them became a chunk
 * of its own: a dozen chunks of under 1 kB, each with its own compression overhead, import
 * lines and preload link — about 1 kB more on the first visit for every on-demand part added.
 * Here every module the app reaches through static imports (and the entry does not) is grouped
 * into one chunk beside the app's, and the on-demand parts import what they share from it. The
 * group does not take its modules' dependencies along (the entry's stylesheets and Vite's
 * preload helper are reached from the app too, and must stay in the entry's chunk).
 */
import type { Plugin } from 'vite';

const APP = /[\\/]src[\\/]app\.tsx$/;
const ENTRY = /[\\/]src[\\/]main\.tsx$/;
const CSS = /\.css$/;
const BARREL = /[\\/]src[\\/][^?]*[\\/]index\.ts$/;

interface Graph {
  readonly imports: Map<string, readonly string[]>;
}

function reachable(graph: Graph, from: string | undefined): Set<string> {
  const seen = new Set<string>();
  const todo = from ? [from] : [];
  while (todo.length > 0) {
    const id = todo.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    // A barrel (src/model/index.ts) re-exports the whole simulator, of which the app uses a few
    // bindings: following it would pull the on-demand parts into the app's chunk.
    if (BARREL.test(id)) continue;
    for (const next of graph.imports.get(id) ?? []) todo.push(next);
  }
  return seen;
}

/**
 * The plugin that records the static import graph, and the `test` for a code-splitting group
 * (`app-deps`) that captures what only the app reaches.
 */
export function appChunk(): {
  plugin: Plugin;
  test: (id: string) => boolean;
  entryOwned: (id: string) => boolean;
} {
  const graph: Graph = { imports: new Map() };
  let app: Set<string> | null = null;
  const plugin: Plugin = {
    name: 'ambient-walk-app-chunk',
    apply: 'build',
    buildStart() {
      graph.imports.clear();
      app = null;
    },
    moduleParsed(info) {
      graph.imports.set(info.id, info.importedIds);
    },
  };
  let entry: Set<string> | null = null;
  const sets = (): { app: Set<string>; entry: Set<string> } => {
    if (!app || !entry) {
      const ids = [...graph.imports.keys()];
      const fromApp = reachable(
        graph,
        ids.find((m) => APP.test(m)),
      );
      entry = reachable(
        graph,
        ids.find((m) => ENTRY.test(m)),
      );
      const fromEntry = entry;
      // The app module itself stays the dynamic entry the page imports (and the size budget and
      // the preload list find by name); what it reaches statically is one chunk beside it.
      // Virtual modules (Vite's preload helper) stay where Vite puts them.
      app = new Set(
        [...fromApp].filter((m) => !fromEntry.has(m) && !APP.test(m) && !m.startsWith('\0')),
      );
    }
    return { app, entry };
  };
  const test = (id: string): boolean => sets().app.has(id);
  // The group takes its modules' dependencies along, the components' stylesheets and Vite's
  // preload helper among them. What the entry itself needs of those is grouped first, by
  // itself: the entry's stylesheets (src/main.tsx lists them in cascade order) stay one
  // render-blocking file in that order, and the entry never imports the app's chunk, so a
  // failed app download still leaves a page that says so.
  const entryOwned = (id: string): boolean =>
    (CSS.test(id) || id.startsWith('\0')) && sets().entry.has(id);
  return { plugin, test, entryOwned };
}
