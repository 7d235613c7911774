/** The AuthorizationPolicies a scenario applies, as the user writes them. */
import type { AuthorizationPolicy } from '../policy/types';
import { illustrative } from '../provenance';
import type { Release } from '../releases';
import { httpbinHasWaypoint, type Scenario } from '../scenario';
import { TRUST_DOMAIN } from './kind';

/**
 * The scenario's AuthorizationPolicies, written the way the release's docs write them: an L7
 * policy for a waypoint selects it by `istio.io/gateway-name` (1.18, 1.19) or names its Gateway
 * in `targetRef` (1.20).
 */
export function policiesFor(s: Scenario, rel: Release): AuthorizationPolicy[] {
  const sleepPrincipal = `${TRUST_DOMAIN}/ns/default/sa/sleep`;
  if (s.policy === 'deny-l4') {
    return [
      {
        name: 'httpbin-viewer',
        namespace: 'default',
        selector: { app: 'httpbin' },
        action: 'ALLOW',
        rules: [{ from: [{ principals: [`${TRUST_DOMAIN}/ns/default/sa/notsleep`] }] }],
        intent:
          'Only the notsleep service account may connect to httpbin (an L4 rule: principals only).',
        prov: illustrative(
          "modelled on istio.io getting-started's L4 policy (an ALLOW list that leaves the caller out)",
        ),
      },
    ];
  }
  if (s.policy === 'deny-l7') {
    // Without a waypoint the policy selects the workload, and ztunnel gets it without its HTTP
    // parts. With one, it is written for the waypoint as the release's docs attach it.
    const attach: Pick<AuthorizationPolicy, 'selector' | 'targetRef'> = !httpbinHasWaypoint(s)
      ? { selector: { app: 'httpbin' } }
      : rel.waypoint.writtenWith === 'targetRefs-service'
        ? { targetRef: { group: '', kind: 'Service', name: 'httpbin' } }
        : rel.waypoint.writtenWith === 'targetRef'
          ? { targetRef: { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'httpbin' } }
          : { selector: { 'istio.io/gateway-name': 'httpbin' } };
    return [
      {
        name: 'httpbin-deny-get',
        namespace: 'default',
        ...attach,
        action: 'DENY',
        rules: [
          { from: [{ principals: [sleepPrincipal] }], to: [{ methods: ['GET'], paths: ['/get'] }] },
        ],
        intent: 'Deny GET /get from sleep (an L7 rule: method and path).',
        prov: illustrative(
          `an L7 DENY written for ${rel.label}: ${attach.targetRef ? `targetRef to the httpbin ${attach.targetRef.kind}` : attach.selector?.app ? 'selecting httpbin' : 'selector istio.io/gateway-name: httpbin'}`,
        ),
      },
    ];
  }
  return [];
}
