import { use, useMemo } from 'react';
import type { Cluster, Scenario } from '../../model';
import { loadModel } from '../../store/walkCache';

/** The scenario's whole cluster (rules, routes, maps): the simulator rebuilds it on demand. */
export function useFullCluster(scenario: Scenario): Cluster {
  const runtime = use(loadModel());
  return useMemo(() => runtime.buildCluster(scenario), [runtime, scenario]);
}
