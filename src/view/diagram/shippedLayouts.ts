/** The default walk's layouts as they ship with the page, and how to tell which walk they fit. */
import type { PortableWalk as Walk } from '../../model';
import { scenarioKey } from '../../model/scenario';
import type { Layout } from './shapes';

export interface ShippedLayouts {
  /** Which walk they are the layouts of (its fingerprint). */
  readonly walk: string;
  readonly landscape: Layout;
  readonly portrait: Layout;
}

/** What a layout depends on, in short: the scenario, the cluster's pods, the walk's length. */
export function walkFingerprint(walk: Walk): string {
  const pods = walk.cluster.pods.map((p) => p.netns).join(',');
  return `${walk.origin ?? ''}${scenarioKey(walk.scenario)} ${walk.hops.length} ${pods}`;
}
