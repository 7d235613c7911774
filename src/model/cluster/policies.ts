/** The AuthorizationPolicies a scenario applies, as the user writes them. */
import type { AuthorizationPolicy } from '../policy/types';
import { illustrative } from '../provenance';
import { httpbinHasWaypoint, type Scenario } from '../scenario';
import { TRUST_DOMAIN } from './kind';

export function policiesFor(s: Scenario): AuthorizationPolicy[] {
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
    // 1.18: L7 policies attach to a waypoint by selector (istio.io/gateway-name); without a
    // waypoint the same policy selects the workload, and ztunnel gets it minus its HTTP parts.
    const selector: Record<string, string> = httpbinHasWaypoint(s)
      ? { 'istio.io/gateway-name': 'httpbin' }
      : { app: 'httpbin' };
    return [
      {
        name: 'httpbin-deny-get',
        namespace: 'default',
        selector,
        action: 'DENY',
        rules: [
          { from: [{ principals: [sleepPrincipal] }], to: [{ methods: ['GET'], paths: ['/get'] }] },
        ],
        intent: 'Deny GET /get from sleep (an L7 rule: method and path).',
        prov: illustrative(
          'an L7 DENY in the 1.18 style: selector istio.io/gateway-name when httpbin has a waypoint',
        ),
      },
    ];
  }
  return [];
}
