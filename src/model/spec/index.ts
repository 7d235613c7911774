/**
 * The scenario file: its types (`ClusterSpec`), schema, reader and consistency check. Loaded
 * on demand (by the importer, the `?cluster=` loader and the builders), never on first paint.
 */
export type * from './types';
export { refOf } from './types';
export type { Diagnostic, Severity } from './diagnostics';
export { diag, hasErrors } from './diagnostics';
export { readClusterSpec, type SpecResult } from './read';
export { checkSpec } from './check';
export { CLUSTER_SPEC_SCHEMA } from './schema';
export { articleSpec, articleScenarioOf } from './article';
