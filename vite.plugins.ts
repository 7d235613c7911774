/**
 * Build-time work shared by the Vite configs: the default scenario's walk is computed in Node
 * by the model itself and shipped as a JSON module, so the page can draw it before (and
 * without) loading the simulator.
 */
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
