/**
 * Policy decisions: ztunnel's L4 RBAC (istio/ztunnel@1.18.0:src/rbac.rs, `assert_rbac`) and the
 * waypoint's Envoy RBAC filter (L7). Both: any matching DENY denies; with no ALLOW policy
 * everything else is allowed; with ALLOW policies, one must match.
 */
import type { AuthorizationPolicy, RbacMatch, ZtunnelAuthorization } from './types';

export interface L4Connection {
  /** `cluster.local/ns/default/sa/sleep`, or undefined for a plaintext source. */
  readonly principal?: string;
  readonly namespace?: string;
  readonly dstPort: number;
}

export interface PolicyDecision {
  readonly allowed: boolean;
  /** ztunnel's or Envoy's own words where known. */
  readonly reason: string;
  /** "namespace/name" of the policy that decided, if one did. */
  readonly policy?: string;
  /** Every policy looked at, with whether it matched. */
  readonly evaluated: ReadonlyArray<{
    readonly policy: string;
    readonly action: string;
    readonly matched: boolean;
  }>;
}

function rbacMatch(m: RbacMatch, c: L4Connection): boolean {
  if (m.principals.length > 0 && !(c.principal !== undefined && m.principals.includes(c.principal)))
    return false;
  if (m.namespaces.length > 0 && !(c.namespace !== undefined && m.namespaces.includes(c.namespace)))
    return false;
  if (m.destinationPorts.length > 0 && !m.destinationPorts.includes(c.dstPort)) return false;
  return true;
}

function authorizationMatches(p: ZtunnelAuthorization, c: L4Connection): boolean {
  return p.groups.some((rule) => rule.every((clause) => clause.some((m) => rbacMatch(m, c))));
}

/** ztunnel's decision for a connection to a workload with these policies. */
export function ztunnelRbac(
  policies: readonly ZtunnelAuthorization[],
  c: L4Connection,
): PolicyDecision {
  const evaluated = policies.map((p) => ({
    policy: `${p.namespace}/${p.name}`,
    action: p.action,
    matched: authorizationMatches(p, c),
  }));
  const deny = evaluated.find((e) => e.action === 'Deny' && e.matched);
  if (deny) {
    return {
      allowed: false,
      reason: `explicitly denied by: ${deny.policy}`,
      policy: deny.policy,
      evaluated,
    };
  }
  const allows = evaluated.filter((e) => e.action === 'Allow');
  if (allows.length === 0)
    return { allowed: true, reason: 'no policy applies: allowed', evaluated };
  const allow = allows.find((e) => e.matched);
  if (allow)
    return {
      allowed: true,
      reason: `allowed by: ${allow.policy}`,
      policy: allow.policy,
      evaluated,
    };
  return { allowed: false, reason: 'allow policies exist, but none allowed', evaluated };
}

export interface HttpRequestFacts extends L4Connection {
  readonly method: string;
  readonly path: string;
}

function l7RuleMatches(rule: AuthorizationPolicy['rules'][number], r: HttpRequestFacts): boolean {
  const fromOk =
    !rule.from ||
    rule.from.some(
      (s) =>
        (!s.principals || (r.principal !== undefined && s.principals.includes(r.principal))) &&
        (!s.namespaces || (r.namespace !== undefined && s.namespaces.includes(r.namespace))),
    );
  const toOk =
    !rule.to ||
    rule.to.some(
      (op) =>
        (!op.methods || op.methods.includes(r.method)) &&
        (!op.paths || op.paths.includes(r.path)) &&
        (!op.ports || op.ports.includes(r.dstPort)),
    );
  return fromOk && toOk;
}

/** The waypoint's (Envoy RBAC) decision for an HTTP request. */
export function envoyRbac(
  policies: readonly AuthorizationPolicy[],
  r: HttpRequestFacts,
): PolicyDecision {
  const evaluated = policies.map((p) => ({
    policy: `${p.namespace}/${p.name}`,
    action: p.action,
    matched: p.rules.some((rule) => l7RuleMatches(rule, r)),
  }));
  const deny = evaluated.find((e) => e.action === 'DENY' && e.matched);
  if (deny)
    return { allowed: false, reason: 'RBAC: access denied', policy: deny.policy, evaluated };
  const allows = evaluated.filter((e) => e.action === 'ALLOW');
  if (allows.length === 0)
    return { allowed: true, reason: 'no policy applies: allowed', evaluated };
  const allow = allows.find((e) => e.matched);
  if (allow)
    return {
      allowed: true,
      reason: `allowed by: ${allow.policy}`,
      policy: allow.policy,
      evaluated,
    };
  return { allowed: false, reason: 'RBAC: access denied', evaluated };
}
