import { use, useMemo } from 'react';
import type { Cluster, PortableWalk } from '../../model';
import { loadModel } from '../../store/walkCache';
import { clusterWalkResource, type ClusterWalk } from '../hooks/clusterWalk';

/**
 * The walk's whole cluster (rules, routes, maps): the simulator rebuilds the article's from the
 * scenario on demand; a cluster of one's own is the one its walk was walked through.
 */
export function useFullCluster(walk: PortableWalk): Cluster {
  const runtime = use(loadModel());
  const own =
    walk.origin === undefined
      ? undefined
      : use(clusterWalkResource(walk.origin) as Promise<ClusterWalk>).full?.cluster;
  return useMemo(() => own ?? runtime.buildCluster(walk.scenario), [own, runtime, walk.scenario]);
}
