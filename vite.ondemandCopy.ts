/**
 * The scenario-file schema and the importer load only when the Import dialog opens, but they
 * validate with the same schema library as the address (valibot). That library is one module:
 * shared with the first visit's chunk, every function the importer uses would be kept in that
 * chunk too (about 1.2 kB gzip that no first visit runs). Resolved under another id for the
 * on-demand code, it is a second module, tree-shaken for what that code uses and placed in the
 * on-demand chunk.
 */
import type { Plugin } from 'vite';

const ON_DEMAND = /[\\/]src[\\/]model[\\/](spec|import)[\\/]/;
const SHARED = new Set(['valibot']);

export function onDemandCopy(): Plugin {
  return {
    name: 'ambient-walk-on-demand-copy',
    apply: 'build',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!SHARED.has(source) || !importer || !ON_DEMAND.test(importer)) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      return resolved ? { ...resolved, id: `${resolved.id}?on-demand` } : null;
    },
  };
}
