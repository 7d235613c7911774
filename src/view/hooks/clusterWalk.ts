/**
 * Where the page gets the walk of a cluster of one's own (`cluster=`: a scenario file served
 * with the site, or `saved:<name>`, a cluster kept in this browser). The file is read and walked
 * hop by hop by the simulator, both loaded on demand; each reference is walked once and kept
 * (a few, most recently used last), as the knobs' walks are (src/store/walkCache.ts).
 *
 * `clusterWalkResource(ref)` returns a thenable React's `use()` reads synchronously when the
 * walk is known. It never rejects: a file that cannot be read or walked is an entry without a
 * walk whose diagnostics say why, and the page keeps the knobs' walk.
 */
import type { Diagnostic } from '../../model/import';
import type { PortableWalk } from '../../model/portable';
import type { ClusterSpec } from '../../model/spec/types';
import type { Walk } from '../../model/walk';

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
const listeners = new Set<() => void>();
let version = 0;

/** Called when a reference is walked again (a cluster saved again under its name). */
export function subscribeClusterWalks(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Changes whenever a reference's walk is replaced. */
export function clusterWalksVersion(): number {
  return version;
}

/** Reads and walks a file's cluster: the reading and the simulator load on demand. */
const walkOf = (ref: string, spec?: ClusterSpec): Promise<ClusterWalk> =>
  import('../import/walkCluster').then(
    (m) => m.walkCluster(ref, spec),
    // Offline, the code could not load: the knobs' walk stays, and the page says why.
    (): ClusterWalk => ({
      ref,
      diagnostics: [
        {
          code: 'E_CLUSTER_CODE',
          severity: 'error',
          message: 'Could not load the cluster code: reload the page.',
        },
      ],
    }),
  );

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
    version++;
    for (const l of [...listeners]) l();
    return w;
  });
}
