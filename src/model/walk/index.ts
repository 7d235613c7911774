/**
 * `walk()`: the request from sleep to httpbin, hop by hop, for one scenario — computed by
 * sending packets through the cluster's rules, routes, programs and proxies.
 */
import { buildCluster } from '../cluster/build';
import type { Cluster, ModeInfo } from '../cluster/types';
import type { Lesson } from '../facts';
import type { Hop } from '../hop';
import { normalizeScenario, type Scenario } from '../scenario';
import { request, resolve } from '../processes/client';
import { LISTENERS } from '../processes/table';
import { WalkStopped } from '../stopped';
import { requestOutcome, stopped, unresolved, type WalkOutcome } from './outcome';
import { Walker } from './walker';

export { OUTCOME_TITLES, type OutcomeKind } from '../labels';
export type { WalkOutcome };

export interface Walk {
  readonly scenario: Scenario;
  readonly mode: ModeInfo;
  readonly cluster: Cluster;
  readonly hops: readonly Hop[];
  readonly outcome: WalkOutcome;
  /** What this combination teaches, noticed on the way: as facts, and in words. */
  readonly lessons: readonly Lesson[];
  readonly notes: readonly string[];
}

/**
 * Walks the cluster's request (curl in sleep → httpbin, for the article's cluster) through
 * `cluster` for `scenario`.
 *
 * @example
 * const w = walk(buildCluster(DEFAULT_SCENARIO), DEFAULT_SCENARIO);
 * w.hops[2].title; // "mangle ztunnel-PREROUTING marks it 0x100"
 * w.outcome.kind;  // "delivered"
 */
export function walk(
  cluster: Cluster,
  scenario: Scenario,
  opts: { readonly resolve?: boolean } = {},
): Walk {
  const w = new Walker(cluster, LISTENERS);
  // The client looks the name up when the pods' DNS is captured; a request sent to an address
  // (a scenario file's `ip:port`) has nothing to look up.
  const lookup = opts.resolve ?? scenario.dns === 'on';
  let outcome: WalkOutcome;
  try {
    const resolution = lookup ? resolve(w) : undefined;
    outcome =
      resolution?.kind === 'failed'
        ? unresolved(w, resolution.error)
        : requestOutcome(w, request(w, lookup));
  } catch (e) {
    // A user's cluster can leave a connection nowhere to go; the walk ends there, said so.
    if (!(e instanceof WalkStopped)) throw e;
    outcome = stopped(e);
  }
  return {
    scenario,
    mode: cluster.mode,
    cluster,
    hops: w.hops(),
    outcome,
    lessons: w.lessons,
    notes: w.notes(),
  };
}

/** Builds the scenario's cluster (at a release that fits its mode) and walks it. */
export function walkScenario(scenario: Scenario): Walk {
  const s = normalizeScenario(scenario).scenario;
  return walk(buildCluster(s), s);
}
