import { use, useDeferredValue, useSyncExternalStore } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { PortableWalk } from '../../model/portable';
import { subscribeWalks, walkResource, walksVersion } from '../../store/walkCache';
import { useSettings } from '../StoreContext';

/** The walk for the current scenario (suspends while the simulator loads, the first time). */
export function useWalk(): PortableWalk {
  const scenario = useSettings(useShallow((s) => s.scenario));
  // While a new scenario's walk is being computed (the first time the simulator loads), keep
  // showing the current one rather than a loading screen.
  const deferred = useDeferredValue(scenario);
  // A known walk can become fuller (the default walk's details arrive after the first paint).
  useSyncExternalStore(subscribeWalks, walksVersion, walksVersion);
  // React reads the resource's status synchronously when the walk is already known.
  return use(walkResource(deferred) as Promise<PortableWalk>);
}
