/** Words for a policy decision: ztunnel's L4 RBAC (or its skipping it), or the waypoint's L7 RBAC. */
import type { PolicyFact } from '../facts';
import { destinationName, type Narrator } from './context';

function evaluatedLines(f: PolicyFact, none: string): string[] {
  return f.evaluated.length
    ? f.evaluated.map(
        (e) => `${e.policy} (${e.action}): ${e.matched ? 'matches' : 'does not match'}`,
      )
    : [none];
}

export const narratePolicy: Narrator<PolicyFact> = (f, { cluster }) => {
  if (f.engine === 'envoy') {
    const allowed = f.decision === 'allow';
    return {
      title: `L7 policy at the waypoint: ${allowed ? 'allowed' : '403'}`,
      narration: `Envoy's RBAC filter checks ${f.request?.method} ${f.request?.path} from ${f.principal ?? 'no identity'}: ${f.reason}.`,
      why: "L7 attributes (methods, paths) are enforced by the waypoint; in 1.18 a policy applies to a waypoint when its selector matches the waypoint's istio.io/gateway-name label.",
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
      why: "In 1.18–1.21 ztunnel trusts the destination's waypoint to have enforced policy; the check was removed in 1.22 (current ztunnel evaluates L4 policy with the waypoint's identity as the source).",
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
      f.dropped?.length ? `istiod dropped what ztunnel cannot see: ${f.dropped.join('; ')}.` : '',
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
