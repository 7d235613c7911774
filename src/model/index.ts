/**
 * The model's public surface. Everything the machine, the store and the view need comes from
 * here; nothing here knows about them. (The page's first paint imports only the light modules;
 * the simulator itself is loaded through `runtime.ts`.)
 */
export * from './addresses';
export * from './provenance';
export * from './scenario';
export * from './packet';
export type * from './hop';
export { STAGES } from './hop';
export { SRC } from './upstream';
export { sourceUrl } from './sourceUrl';
export { buildCluster } from './cluster/build';
export type * from './cluster/types';
export type * from './spec/types';
export { deploymentOf } from './spec/types';
export { walk, walkScenario, type Walk, type WalkOutcome } from './walk';
export { GROUP_TITLES, OUTCOME_TITLES, type OutcomeKind } from './labels';
export { portableWalk, type PortableWalk, type Topology, type TopologyNetns } from './portable';
export {
  netnsListings,
  ztunnelConfigListing,
  type ListingSection,
  type ListingLine,
} from './listings';
export { PROGRAM_SUMMARY } from './ebpf/programs';
export { authorizationPolicyYaml } from './policy/render';
export type * from './facts';
export * from './releases';
