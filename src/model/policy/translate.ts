/**
 * What istiod sends ztunnel for an AuthorizationPolicy. ztunnel only sees L4, so istiod drops
 * what it cannot enforce (istio/istio@master:pilot/pkg/serviceregistry/ambient/authorization.go):
 * an ALLOW rule with HTTP attributes is omitted ("more restrictive than requested"); a DENY rule
 * keeps only its L4 parts, so it denies more than was written.
 */
import type { AuthorizationPolicy, PolicyRule, RbacMatch, ZtunnelAuthorization } from './types';

function hasHttp(rule: PolicyRule): boolean {
  return (rule.to ?? []).some((op) => (op.methods?.length ?? 0) > 0 || (op.paths?.length ?? 0) > 0);
}

function httpParts(rule: PolicyRule): string[] {
  return (rule.to ?? []).flatMap((op) => [
    ...(op.methods ?? []).map((m) => `method ${m}`),
    ...(op.paths ?? []).map((p) => `path ${p}`),
  ]);
}

function ruleToGroups(rule: PolicyRule): RbacMatch[][] {
  const clauses: RbacMatch[][] = [];
  if (rule.from && rule.from.length > 0) {
    clauses.push(
      rule.from.map((s) => ({
        principals: s.principals ?? [],
        namespaces: s.namespaces ?? [],
        destinationPorts: [],
      })),
    );
  }
  const ports = (rule.to ?? []).flatMap((op) => op.ports ?? []);
  if (ports.length > 0) clauses.push([{ principals: [], namespaces: [], destinationPorts: ports }]);
  return clauses;
}

/** The policy as ztunnel receives it, or undefined when istiod sends nothing. */
export function toZtunnelAuthorization(policy: AuthorizationPolicy): ZtunnelAuthorization {
  const dropped: string[] = [];
  const groups: RbacMatch[][][] = [];
  for (const rule of policy.rules) {
    if (hasHttp(rule)) {
      if (policy.action === 'ALLOW') {
        dropped.push(`ALLOW rule with ${httpParts(rule).join(', ')} omitted`);
        continue;
      }
      dropped.push(`${httpParts(rule).join(', ')} dropped from the DENY rule`);
    }
    groups.push(ruleToGroups(rule));
  }
  return {
    name: policy.name,
    namespace: policy.namespace,
    scope: 'WorkloadSelector',
    action: policy.action === 'ALLOW' ? 'Allow' : 'Deny',
    groups,
    dropped,
  };
}

/** True when every label of the selector is on the pod. */
export function selects(
  policy: AuthorizationPolicy,
  labels: Readonly<Record<string, string>>,
): boolean {
  return Object.entries(policy.selector).every(([k, v]) => labels[k] === v);
}
