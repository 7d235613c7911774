/**
 * The page's way to the walks of clusters of one's own (`cluster=`). The cache that reads and
 * walks them (src/view/import/clusterWalks.ts) loads on demand, the first time a cluster is
 * open: a page without `cluster=` carries only this.
 */
import type * as Walks from '../import/clusterWalks';

export type { ClusterWalk } from '../import/clusterWalks';
export { clusterWalksVersion, subscribeClusterWalks } from './clusterWalkEvents';

type Module = typeof Walks;
type ModuleResource = PromiseLike<Module | undefined> & {
  status?: 'pending' | 'fulfilled';
  value?: Module | undefined;
};

let walks: Module | undefined;
let loading: ModuleResource | undefined;

/**
 * The cache, loaded once: a thenable `use()` reads synchronously once loaded. Undefined when its
 * code could not load (offline): the page keeps the knobs' walk.
 */
export function clusterWalks(): ModuleResource {
  if (!loading) {
    const p = import('../import/clusterWalks').then(
      (m) => (walks = m),
      () => undefined,
    ) as ModuleResource;
    p.status = 'pending';
    void p.then((m) => {
      p.status = 'fulfilled';
      p.value = m;
    });
    loading = p;
  }
  return loading;
}

/** The walk of a reference, synchronously if it is known. */
export const peekClusterWalk = (ref: string | undefined): Walks.ClusterWalk | undefined =>
  ref === undefined ? undefined : walks?.peekClusterWalk(ref);
