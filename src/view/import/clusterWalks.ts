/**
 * The walks of clusters of one's own (`cluster=`: a scenario file served with the site, or
 * `saved:<name>`, a cluster kept in this browser), read and walked hop by hop by the simulator,
 * each reference once and kept (a few, most recently used last), as the knobs' walks are
 * (src/store/walkCache.ts). Loaded on demand, through src/view/hooks/clusterWalk.ts.
 *
 * `clusterWalkResource(ref)` returns a thenable React's `use()` reads synchronously when the
 * walk is known. It never rejects: a file that cannot be read or walked is an entry without a
 * walk whose diagnostics say why, and the page keeps the knobs' walk.
 */
import type { Diagnostic } from '../../model/import';
import type { PortableWalk } from '../../model/portable';
import type { ClusterSpec } from '../../model/spec/types';
import type { Walk } from '../../model/walk';
import { loadModel } from '../../store/walkCache';
import { clusterWalkReplaced } from '../hooks/clusterWalkEvents';
import { loadCluster } from './clusterSource';

export interface ClusterWalk {
  /** The `cluster=` reference. */
  readonly ref: string;
  /** The file's cluster, when it could be read. */
  readonly spec?: ClusterSpec;
  /** Its walk for the views (`origin` is the reference), when it walks hop by hop. */
  readonly walk?: PortableWalk;
  /** The same walk with the whole cluster (rules, routes, maps) for the reference panels. */
  readonly full?: Walk;
  /** What reading and walking the file found: why it cannot be walked, or what to know. */
  readonly diagnostics: readonly Diagnostic[];
}

export type ClusterWalkResource = PromiseLike<ClusterWalk> & {
  status?: 'pending' | 'fulfilled';
  value?: ClusterWalk;
};

const resources = new Map<string, ClusterWalkResource>();
const KEPT = 3;

function remember(ref: string, r: ClusterWalkResource): ClusterWalkResource {
  resources.delete(ref);
  resources.set(ref, r);
  for (const old of resources.keys()) {
    if (resources.size <= KEPT) break;
    resources.delete(old);
  }
  return r;
}

function pending(p: Promise<ClusterWalk>): ClusterWalkResource {
  const r = p.then((v) => {
    r.status = 'fulfilled';
    r.value = v;
    return v;
  }) as ClusterWalkResource;
  r.status = 'pending';
  return r;
}

/** The walk of the cluster a `cluster=` reference names (read and walked once). */
export function clusterWalkResource(ref: string): ClusterWalkResource {
  const known = resources.get(ref);
  return known ? remember(ref, known) : remember(ref, pending(walkOf(ref)));
}

/** The walk of a reference, synchronously if it is known. */
export function peekClusterWalk(ref: string | undefined): ClusterWalk | undefined {
  return ref === undefined ? undefined : resources.get(ref)?.value;
}

/**
 * Walks a cluster the importer has in hand under the reference it was saved as, replacing what
 * that reference walked before (a cluster saved again under its name). Resolves when walked.
 */
export function provideClusterWalk(ref: string, spec: ClusterSpec): Promise<ClusterWalk> {
  const r = remember(ref, pending(walkOf(ref, spec)));
  return (r as Promise<ClusterWalk>).then((w) => {
    clusterWalkReplaced();
    return w;
  });
}

/**
 * Reads the cluster a `cluster=` reference names (unless the importer has it in hand) and walks
 * it with the simulator (loaded on demand). Never rejects: what went wrong is a diagnostic.
 */
async function walkOf(ref: string, given?: ClusterSpec): Promise<ClusterWalk> {
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
