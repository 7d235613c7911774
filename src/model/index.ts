/**
 * The model's public surface. Everything the machine, the store and the view need comes from
 * here; nothing here knows about them.
 */
export * from './addresses';
export * from './provenance';
export * from './scenario';
export * from './packet';
export type * from './hop';
export { STAGES } from './hop';
export { SRC, sourceUrl } from './upstream';
export { buildCluster } from './cluster/build';
export type * from './cluster/types';
export {
  walk,
  walkScenario,
  OUTCOME_TITLES,
  type Walk,
  type WalkOutcome,
  type OutcomeKind,
} from './walk';
export { GROUP_TITLES } from './walk/stages';
export {
  netnsListings,
  ztunnelConfigListing,
  type ListingSection,
  type ListingLine,
} from './listings';
export { workloadsJson } from './ztunnel/store';
export { PROGRAM_SUMMARY } from './ebpf/programs';
