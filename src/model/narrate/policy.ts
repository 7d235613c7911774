/** Words for a policy decision: ztunnel's L4 RBAC (or its skipping it), or the waypoint's L7 RBAC. */
import type { PolicyFact } from '../facts';
import { destinationName, type Narrator } from './context';

function evaluatedLines(f: PolicyFact, none: string): string[] {
  const lines = f.evaluated.length
    ? f.evaluated.map(
        (e) => `${e.policy} (${e.action}): ${e.matched ? 'matches' : 'does not match'}`,
      )
    : [none];
  return [
    ...lines,
    ...(f.attached ?? []).map((a) => `${a.policy} attached by ${a.via}`),
    ...(f.engine === 'ztunnel' && f.decision !== 'skipped'
      ? (f.trace ?? []).map((t) => `trace: ${t}`)
      : []),
  ];
}

export const narratePolicy: Narrator<PolicyFact> = (f, { cluster }) => {
  if (f.engine === 'envoy') {
    const allowed = f.decision === 'allow';
    return {
      title: `L7 policy at the waypoint: ${allowed ? 'allowed' : '403'}`,
      narration: `Envoy's RBAC filter checks ${f.request?.method} ${f.request?.path} from ${f.principal ?? 'no identity'}: ${f.reason}.`,
      why: `L7 attributes (methods, paths) are enforced by the waypoint. In ${cluster.release.label} the waypoint takes the policies attached to it by ${cluster.release.waypoint.attaches.map((a) => (a === 'selector' ? 'a selector matching its istio.io/gateway-name label' : a === 'targetRef' ? 'a targetRef to its Gateway' : 'a targetRef to a Service that uses it (istio.io/use-waypoint)')).join(' or ')}.`,
      actor: {
        kind: 'policy',
        name: 'Envoy RBAC (waypoint)',
        text: f.reason,
        details: evaluatedLines(f, 'no AuthorizationPolicy selects the waypoint'),
        refs: [],
      },
    };
  }
  if (f.decision === 'skipped') {
    const destination = destinationName(cluster);
    return {
      title: 'from the waypoint: L4 policy skipped',
      narration: `The client is ${destination}'s own waypoint, so ${f.checker} skips L4 policy ("${f.reason}") and takes the original source from the Forwarded header: ${f.sourceIp}.`,
      why: `ztunnel ${cluster.release.tags.ztunnel} trusts the destination's waypoint to have enforced policy (as 1.18–1.21 all do; the check was removed in 1.22, where ztunnel evaluates L4 policy with the waypoint's identity as the source).`,
      actor: {
        kind: 'policy',
        name: 'ztunnel inbound: check_waypoint',
        text: f.reason,
        details: f.trace ?? [],
        refs: (f.skipped ?? []).map((p) => ({
          netns: f.netns,
          section: 'ztunnel-config' as const,
          lineId: `policy/${p}`,
        })),
      },
    };
  }
  return {
    title: `L4 policy at ztunnel: ${f.decision === 'allow' ? 'allowed' : 'denied'}`,
    narration: `${f.checker} checks the L4 AuthorizationPolicy for ${f.principal ?? 'a client with no identity'} → ${f.target}: ${f.reason}.`,
    why: [
      'L4 policy is enforced at the destination\'s ztunnel ("The actual enforcement point is at the receiving (server-side) ztunnel proxy").',
      f.fastPath
        ? 'On the fast path there is no HBONE: InboundConnect::DirectPath passes the connection to the inbound handler in memory, which still checks RBAC.'
        : '',
      f.dropped?.length ? `istiod left out what ztunnel cannot see: ${f.dropped.join('; ')}.` : '',
      f.dropped?.some((d) => d.includes('empty match'))
        ? 'An empty match never matches in ztunnel (src/rbac.rs: "empty rule" in 1.18, "empty clause" from 1.19), so a DENY that named only HTTP attributes has no effect here, although handleRule\'s comment expected the opposite ("For DENY they will always match, so it is more restrictive"): istio/istio#61126.'
        : '',
    ]
      .filter(Boolean)
      .join(' '),
    actor: {
      kind: 'policy',
      name: 'ztunnel RBAC (assert_rbac)',
      text: f.reason,
      details: evaluatedLines(f, 'no AuthorizationPolicy selects this workload'),
      refs: f.evaluated.map((e) => ({
        netns: f.netns,
        section: 'ztunnel-config' as const,
        lineId: `policy/${e.policy}`,
      })),
    },
  };
};
