import type { ClusterSpec } from '../../model/spec/types';
import type { PortableWalk } from '../../model/portable';
import { loadModel } from '../../store/walkCache';
import type { ClusterWalk } from '../hooks/clusterWalk';
import { loadCluster } from './clusterSource';

/**
 * Reads the cluster a `cluster=` reference names (unless the importer has it in hand) and walks
 * it with the simulator (loaded on demand). Never rejects: what went wrong is a diagnostic.
 */
export async function walkCluster(ref: string, given?: ClusterSpec): Promise<ClusterWalk> {
  const [source, runtime] = await Promise.all([given ? undefined : loadCluster(ref), loadModel()]);
  const spec = given ?? source?.spec;
  const read = source?.diagnostics ?? [];
  if (!spec) return { ref, diagnostics: read };
  try {
    const r = runtime.walkSpec(spec);
    if (!r.walk) return { ref, spec, diagnostics: [...read, ...r.diagnostics] };
    const walk: PortableWalk = { ...runtime.portableWalk(r.walk), origin: ref };
    return { ref, spec, walk, full: r.walk, diagnostics: [...read, ...r.diagnostics] };
  } catch (e) {
    // A defect of the model must not take the page down: the file is shown at ztunnel's level.
    return {
      ref,
      spec,
      diagnostics: [
        ...read,
        {
          code: 'E_WALK_FAILED',
          severity: 'error',
          message: `The walk of this cluster failed (${e instanceof Error ? e.message : String(e)}).`,
          fix: 'Please report it with the file; the route at ztunnel’s level is shown meanwhile.',
        },
      ],
    };
  }
}
