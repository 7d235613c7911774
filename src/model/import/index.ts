/**
 * Bring your own cluster: the importer, the request pickers, the ztunnel-level walk of a
 * scenario file and the access-log cross-check. Loaded on demand (the Import dialog, the
 * `?cluster=` loader), never on first paint.
 */
export { importCluster, type ImportInput, type ImportResult } from './importCluster';
export { parseYaml } from './yaml';
export { destinationChoices, sourceChoices, type DestinationChoice } from './request';
export { routeSpec, type RouteHop, type SpecRoute } from './route';
export { parseAccessLog } from './accessLog';
export { crossCheck, type CrossCheck } from './crossCheck';
export { readClusterSpec } from '../spec/read';
export { articleScenarioOf } from '../spec/article';
export type { Diagnostic } from '../spec/diagnostics';
export type { ClusterSpec } from '../spec/types';
