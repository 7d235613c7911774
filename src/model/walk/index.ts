/**
 * `walk()`: the request from sleep to httpbin, hop by hop, for one scenario — computed by
 * sending packets through the cluster's rules, routes, programs and proxies.
 */
import { buildCluster } from '../cluster/build';
import type { Cluster, ModeInfo } from '../cluster/types';
import type { Lesson } from '../facts';
import type { Hop } from '../hop';
import { streamLayers } from '../packet';
import { inferred, verified } from '../provenance';
import type { Scenario } from '../scenario';
import { SRC } from '../upstream';
import { request, resolve } from '../processes/client';
import { LISTENERS } from '../processes/table';
import { Walker } from './walker';

import { OUTCOME_TITLES, type OutcomeKind } from '../labels';

export { OUTCOME_TITLES, type OutcomeKind };

export interface WalkOutcome {
  readonly kind: OutcomeKind;
  /** "Delivered", "Denied at L4", ... */
  readonly title: string;
  /** One sentence on what happened. */
  readonly summary: string;
  /** What the client sees. */
  readonly client: string;
  readonly curlExit: number;
  /** Whether the request reached httpbin. */
  readonly delivered: boolean;
}

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
 * Walks one request from sleep to httpbin through `cluster` for `scenario`.
 *
 * @example
 * const w = walk(buildCluster(DEFAULT_SCENARIO), DEFAULT_SCENARIO);
 * w.hops[2].title; // "mangle ztunnel-PREROUTING marks it 0x100"
 * w.outcome.kind;  // "delivered"
 */
export function walk(cluster: Cluster, scenario: Scenario): Walk {
  const w = new Walker(cluster, LISTENERS);
  if (scenario.dns === 'on') resolve(w);
  const result = request(w, scenario.dns === 'on');
  const client = w.client;
  const captured = client.ambient;
  let outcome: WalkOutcome;
  if (result.kind === 'reply') {
    const layers = streamLayers(result.packet);
    const http = layers.find((l) => l.kind === 'http-response');
    if (http && http.kind === 'http-response') {
      outcome = {
        kind: 'denied-l7',
        title: OUTCOME_TITLES['denied-l7'],
        summary: `The waypoint refused GET /get with ${http.status}: the L7 policy matched${captured ? '' : ' (sleep is not in the mesh)'}.`,
        client: `HTTP/1.1 ${http.status} ${http.reason}\n\n${http.body ?? ''}`,
        curlExit: 0,
        delivered: false,
      };
    } else {
      outcome = {
        kind: 'denied-l4',
        title: OUTCOME_TITLES['denied-l4'],
        summary: `The connection was refused at L4${captured ? ' (the CONNECT was answered 401 or the fast path closed it)' : ': sleep is not in the mesh and ztunnel closed the plaintext connection'}; curl sees a reset.`,
        client:
          'curl: (56) Recv failure: Connection reset by peer\ncommand terminated with exit code 56',
        curlExit: 56,
        delivered: false,
      };
    }
    const req = cluster.request;
    w.hop('response', 'client', {
      fact: {
        kind: 'app',
        op: 'result',
        process: w.clientProcess,
        outcome: outcome.kind === 'denied-l7' ? 'denied-l7' : 'denied-l4',
        ...(http && http.kind === 'http-response' ? { status: http.status } : {}),
        output: outcome.client,
      },
      where: w.sim.where(w.ns(client.netns), { anchor: 'proc', componentLabel: w.clientLabel }),
      packetBefore: result.packet,
      packetAfter: result.packet,
      changes: [],
      sources: [SRC.gettingStartedSnips],
      provenance:
        outcome.kind === 'denied-l4'
          ? verified(SRC.gettingStartedSnips, '"command terminated with exit code 56"')
          : inferred(
              SRC.gettingStartedSnips,
              '"RBAC: access denied" is verified; 403 is Envoy\'s RBAC status',
            ),
      command: `kubectl exec deploy/${client.shortName} -- curl -sv http://${req.shortName}:${req.port}${req.path}`,
    });
  } else {
    const kind: OutcomeKind = result.kind;
    outcome = {
      kind,
      title: OUTCOME_TITLES[kind],
      summary:
        kind === 'delivered'
          ? `httpbin received ${result.request} from ${result.sourceSeen}.`
          : `sleep is not in the mesh: its node did not capture the request. It reached httpbin through httpbin's ztunnel as plaintext, from ${result.sourceSeen}.`,
      client: 'HTTP/1.1 200 OK',
      curlExit: 0,
      delivered: true,
    };
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

/** Builds the scenario's cluster and walks it. */
export function walkScenario(scenario: Scenario): Walk {
  return walk(buildCluster(scenario), scenario);
}
