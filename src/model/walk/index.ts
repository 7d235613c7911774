/**
 * `walk()`: the request from sleep to httpbin, hop by hop, for one scenario — computed by
 * sending packets through the cluster's rules, routes, programs and proxies.
 */
import { buildCluster } from '../cluster/build';
import type { Cluster, ModeInfo } from '../cluster/types';
import type { Hop } from '../hop';
import { streamLayers } from '../packet';
import { inferred, verified } from '../provenance';
import type { Scenario } from '../scenario';
import { SRC } from '../upstream';
import { dnsLookup, httpRequest } from './flows';
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
  /** What this combination teaches, derived from the decisions made on the way. */
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
  const w = new Walker(cluster);
  if (scenario.dns === 'on') dnsLookup(w);
  const result = httpRequest(w, scenario.dns === 'on');
  const sleep = cluster.pods.find((p) => p.role === 'sleep');
  const captured = sleep?.ambient ?? false;
  let outcome: WalkOutcome;
  if (result.kind === 'reply') {
    const layers = streamLayers(result.packet);
    const http = layers.find((l) => l.kind === 'http-response');
    const sleepNs = w.ns(sleep?.netns ?? '');
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
    w.hop('response', 'client', {
      title:
        outcome.kind === 'denied-l7'
          ? `curl gets ${http && http.kind === 'http-response' ? http.status : ''} RBAC: access denied`
          : 'curl: (56) Connection reset by peer',
      narration:
        outcome.kind === 'denied-l7'
          ? 'curl prints the waypoint\'s answer: "RBAC: access denied".'
          : 'curl reads a reset instead of an answer and exits with code 56.',
      why:
        outcome.kind === 'denied-l7'
          ? 'An L7 denial is an HTTP response the client can read.'
          : 'An L4 denial refuses the connection itself; the client never gets an HTTP response.',
      where: w.sim.where(sleepNs, { anchor: 'proc', componentLabel: 'curl in sleep' }),
      actor: { kind: 'app', name: 'curl in sleep', text: outcome.client, details: [], refs: [] },
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
      command: 'kubectl exec deploy/sleep -- curl -sv http://httpbin:8000/get',
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
  return { scenario, mode: cluster.mode, cluster, hops: w.hops(), outcome, notes: w.notes };
}

/** Builds the scenario's cluster and walks it. */
export function walkScenario(scenario: Scenario): Walk {
  return walk(buildCluster(scenario), scenario);
}
