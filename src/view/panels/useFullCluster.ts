import { use, useMemo } from 'react';
import type { Cluster, PortableWalk } from '../../model';
import { loadModel } from '../../store/walkCache';
import { useOpenCluster } from '../hooks/useWalk';

/**
 * The walk's whole cluster (rules, routes, maps): the simulator rebuilds the article's from the
 * scenario on demand; a cluster of one's own is the one its walk was walked through.
 */
export function useFullCluster(walk: PortableWalk): Cluster {
  const runtime = use(loadModel());
  const own = useOpenCluster(walk.origin)?.full?.cluster;
  return useMemo(() => own ?? runtime.buildCluster(walk.scenario), [own, runtime, walk.scenario]);
}
