/**
 * What istiod sends ztunnel for an AuthorizationPolicy (`convertAuthorizationPolicy`,
 * `handleRule`; the same in 1.18, 1.19 and 1.20). ztunnel only sees L4:
 * - an ALLOW rule with HTTP attributes is omitted ("L7 policies never match for ALLOW");
 * - in a DENY rule, each `to` keeps only its ports, so a `to` with only methods or paths
 *   becomes an empty match. The code's comment says the opposite was intended ("For DENY they
 *   will always match, so it is more restrictive"), but ztunnel never matches an empty match:
 *   such a DENY has no effect (istio/istio#61126).
 * - a policy without a selector is namespace-wide for ztunnel; a targetRef is not looked at.
 */
import type { AuthorizationPolicy, PolicyRule, RbacMatch, ZtunnelAuthorization } from './types';

const EMPTY: RbacMatch = { principals: [], namespaces: [], destinationPorts: [] };

function httpParts(rule: PolicyRule): string[] {
  return (rule.to ?? []).flatMap((op) => [
    ...(op.methods ?? []).map((m) => `method ${m}`),
    ...(op.paths ?? []).map((p) => `path ${p}`),
  ]);
}

/** `handleRule`: the rule's clauses, or undefined when istiod omits the rule. */
function handleRule(action: 'ALLOW' | 'DENY', rule: PolicyRule): RbacMatch[][] | undefined {
  const http = httpParts(rule);
  if (action === 'ALLOW' && http.length > 0) return undefined;
  const toMatches = (rule.to ?? []).map((op) => ({ ...EMPTY, destinationPorts: op.ports ?? [] }));
  const fromMatches = (rule.from ?? []).map((s) => ({
    ...EMPTY,
    principals: s.principals ?? [],
    namespaces: s.namespaces ?? [],
  }));
  return [toMatches, fromMatches].filter((clause) => clause.length > 0);
}

/** The policy as ztunnel receives it. */
export function toZtunnelAuthorization(policy: AuthorizationPolicy): ZtunnelAuthorization {
  const dropped: string[] = [];
  const groups: RbacMatch[][][] = [];
  for (const rule of policy.rules) {
    const http = httpParts(rule);
    const clauses = handleRule(policy.action, rule);
    if (!clauses) {
      dropped.push(`ALLOW rule with ${http.join(', ')} omitted`);
      continue;
    }
    if (http.length > 0)
      dropped.push(`${http.join(', ')} dropped from the DENY rule, leaving an empty match`);
    groups.push(clauses);
  }
  return {
    name: policy.name,
    namespace: policy.namespace,
    scope: policy.selector ? 'WorkloadSelector' : 'Namespace',
    action: policy.action === 'ALLOW' ? 'Allow' : 'Deny',
    groups,
    dropped,
  };
}

/** True when the policy has a selector and every label of it is on the pod. */
export function selects(
  policy: AuthorizationPolicy,
  labels: Readonly<Record<string, string>>,
): boolean {
  return (
    policy.selector !== undefined &&
    Object.entries(policy.selector).every(([k, v]) => labels[k] === v)
  );
}
