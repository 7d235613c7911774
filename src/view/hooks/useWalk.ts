import { use, useDeferredValue, useSyncExternalStore } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { PortableWalk } from '../../model/portable';
import { subscribeWalks, walkResource, walksVersion } from '../../store/walkCache';
import { useSettings } from '../StoreContext';
import {
  clusterWalks,
  clusterWalksVersion,
  subscribeClusterWalks,
  type ClusterWalk,
} from './clusterWalk';

/**
 * The walk the page shows: the open cluster's (`cluster=`) when it walks hop by hop, else the
 * walk for the current scenario. Suspends while the simulator loads, the first time.
 */
export function useWalk(): PortableWalk {
  const knobs = useKnobWalk();
  return useClusterWalk()?.walk ?? knobs;
}

/** The walk of the scenario the knobs set. */
function useKnobWalk(): PortableWalk {
  const scenario = useSettings(useShallow((s) => s.scenario));
  // While a new scenario's walk is being computed (the first time the simulator loads), keep
  // showing the current one rather than a loading screen.
  const deferred = useDeferredValue(scenario);
  // A known walk can become fuller (the default walk's details arrive after the first paint).
  useSyncExternalStore(subscribeWalks, walksVersion, walksVersion);
  // React reads the resource's status synchronously when the walk is already known.
  return use(walkResource(deferred) as Promise<PortableWalk>);
}

/**
 * The open cluster (`cluster=`), read and walked: its walk when it walks hop by hop, or the
 * diagnostics that say why not. Undefined when no cluster is open.
 */
export function useClusterWalk(): ClusterWalk | undefined {
  const cluster = useSettings((s) => s.cluster);
  // A cluster saved again under its name is walked again under the same reference.
  useSyncExternalStore(subscribeClusterWalks, clusterWalksVersion, clusterWalksVersion);
  // Another cluster opened keeps the current walk on screen while the new one is walked.
  const deferred = useDeferredValue(cluster);
  return useOpenCluster(deferred);
}

/** A cluster reference, read and walked (suspends while that loads); undefined for none. */
export function useOpenCluster(ref: string | undefined): ClusterWalk | undefined {
  if (ref === undefined) return undefined;
  const walks = use(clusterWalks() as Promise<Awaited<ReturnType<typeof clusterWalks>>>);
  return walks ? use(walks.clusterWalkResource(ref) as Promise<ClusterWalk>) : undefined;
}
