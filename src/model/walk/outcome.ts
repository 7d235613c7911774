/**
 * How a walk ended, read from what happened on the way: the answer the client got (a reset, an
 * HTTP denial, nothing), the facts of the hops (a refused certificate, a failed lookup) and the
 * lessons the processes noted. The final hop is the client's view of it.
 */
import { OUTCOME_TITLES, type OutcomeKind } from '../labels';
import { CLIENT_SEES, type StopKind, type WalkStopped } from '../stopped';
import { surpriseOf } from '../narrate/lessons';
import { streamLayers } from '../packet';
import type { Outcome } from '../processes/types';
import { inferred, verified } from '../provenance';
import { SRC } from '../upstream';
import type { Walker } from './walker';

export interface WalkOutcome {
  readonly kind: OutcomeKind;
  /** "Delivered", "Denied at L4", ... */
  readonly title: string;
  /** What made this outcome surprising, when something did ("the L7-only DENY never matches"). */
  readonly surprise?: string;
  /** One sentence on what happened. */
  readonly summary: string;
  /** What the client sees. */
  readonly client: string;
  readonly curlExit: number;
  /** Whether the request reached the destination. */
  readonly delivered: boolean;
  /** The walk stopped where the cluster left the connection nowhere to go, and how. */
  readonly stop?: { readonly as: StopKind; readonly reason: string };
}

const RESET =
  'curl: (56) Recv failure: Connection reset by peer\ncommand terminated with exit code 56';

function withSurprise(w: Walker, o: Omit<WalkOutcome, 'surprise'>): WalkOutcome {
  const surprise = surpriseOf(w.lessons, w.cluster, o.kind);
  return surprise ? { ...o, surprise } : o;
}

/** The walk stops where the cluster leaves the connection nowhere to go (a user's cluster). */
export function stopped(e: WalkStopped): WalkOutcome {
  const sees = CLIENT_SEES[e.as];
  return {
    kind: 'failed',
    title: OUTCOME_TITLES.failed,
    summary: `The walk stops: ${e.reason}.`,
    client: `${sees.text}\ncommand terminated with exit code ${sees.exit}`,
    curlExit: sees.exit,
    delivered: false,
    stop: { as: e.as, reason: e.reason },
  };
}

/** The client gives up before connecting: its name did not resolve. */
export function unresolved(w: Walker, error: string): WalkOutcome {
  return withSurprise(w, {
    kind: 'failed',
    title: OUTCOME_TITLES.failed,
    summary: `${error}: the request never started.`,
    client: `curl: (6) ${error}\ncommand terminated with exit code 6`,
    curlExit: 6,
    delivered: false,
  });
}

/** The outcome of the request, and (for an answer that came back) the client's hop. */
export function requestOutcome(w: Walker, result: Outcome): WalkOutcome {
  const req = w.cluster.request;
  const client = w.client;
  if (result.kind !== 'reply') {
    return withSurprise(w, {
      kind: result.kind,
      title: OUTCOME_TITLES[result.kind],
      summary:
        result.kind === 'delivered'
          ? `${req.shortName} received ${result.request} from ${result.sourceSeen}.`
          : `${client.shortName} is not in the mesh: ${w.cluster.release.era === 'inpod' ? 'its pod has no capture rules' : 'its node did not capture the request'}. It reached ${req.shortName} through ${req.shortName}'s ztunnel as plaintext, from ${result.sourceSeen}.`,
      client: 'HTTP/1.1 200 OK',
      curlExit: 0,
      delivered: true,
    });
  }
  const http = streamLayers(result.packet).find((l) => l.kind === 'http-response');
  const certRefused = w.sim.hops.some(
    (h) => h.fact.kind === 'ztunnel' && h.fact.step === 'certificate' && !h.fact.granted,
  );
  const outcome: WalkOutcome =
    http && http.kind === 'http-response'
      ? withSurprise(w, {
          kind: 'denied-l7',
          title: OUTCOME_TITLES['denied-l7'],
          summary: `The waypoint refused ${req.method} ${req.path} with ${http.status}: the L7 policy matched${client.ambient ? '' : ` (${client.shortName} is not in the mesh)`}.`,
          client: `HTTP/1.1 ${http.status} ${http.reason}\n\n${http.body ?? ''}`,
          curlExit: 0,
          delivered: false,
        })
      : certRefused
        ? withSurprise(w, {
            kind: 'failed',
            title: OUTCOME_TITLES.failed,
            summary: `ztunnel could not hairpin the connection to the waypoint: it was refused a certificate for ${client.shortName}'s identity, and closed the connection; curl sees a reset.`,
            client: RESET,
            curlExit: 56,
            delivered: false,
          })
        : withSurprise(w, {
            kind: 'denied-l4',
            title: OUTCOME_TITLES['denied-l4'],
            summary: `The connection was refused at L4${client.ambient ? ' (the CONNECT was answered 401 or the fast path closed it)' : `: ${client.shortName} is not in the mesh and ztunnel closed the plaintext connection`}; curl sees a reset.`,
            client: RESET,
            curlExit: 56,
            delivered: false,
          });
  w.hop('response', 'client', {
    fact: {
      kind: 'app',
      op: 'result',
      process: w.clientProcess,
      outcome:
        outcome.kind === 'denied-l7'
          ? 'denied-l7'
          : outcome.kind === 'failed'
            ? 'failed'
            : 'denied-l4',
      ...(http && http.kind === 'http-response' ? { status: http.status } : {}),
      output: outcome.client,
    },
    where: w.sim.where(w.ns(client.netns), { anchor: 'proc', componentLabel: w.clientLabel }),
    packetBefore: result.packet,
    packetAfter: result.packet,
    changes: [],
    sources: [SRC.gettingStartedSnips],
    provenance:
      outcome.kind === 'denied-l7'
        ? inferred(
            SRC.gettingStartedSnips,
            '"RBAC: access denied" is verified; 403 is Envoy\'s RBAC status',
          )
        : verified(SRC.gettingStartedSnips, '"command terminated with exit code 56"'),
    command: `kubectl exec deploy/${client.shortName} -- curl -sv http://${req.shortName}:${req.port}${req.path}`,
  });
  return outcome;
}
