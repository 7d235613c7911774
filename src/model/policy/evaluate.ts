/**
 * Policy decisions: ztunnel's L4 RBAC (src/rbac.rs `Authorization::matches`, `assert_rbac`) and the
 * waypoint's Envoy RBAC filter (L7). Both: any matching DENY denies; with no ALLOW policy
 * everything else is allowed; with ALLOW policies, one must match.
 */
import type { AuthorizationPolicy, RbacMatch, RbacSemantics, ZtunnelAuthorization } from './types';

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

function fieldHolds(m: RbacMatch, c: L4Connection): boolean {
  if (m.principals.length > 0 && !(c.principal !== undefined && m.principals.includes(c.principal)))
    return false;
  if (m.namespaces.length > 0 && !(c.namespace !== undefined && m.namespaces.includes(c.namespace)))
    return false;
  if (m.destinationPorts.length > 0 && !m.destinationPorts.includes(c.dstPort)) return false;
  return true;
}

/** The empty match istiod sends for a `to` with only HTTP attributes: it never matches. */
export function isEmptyMatch(m: RbacMatch): boolean {
  return m.principals.length === 0 && m.namespaces.length === 0 && m.destinationPorts.length === 0;
}

/** One clause, read the release's way; `trace` gets ztunnel's trace words. */
function clauseHolds(
  clause: readonly RbacMatch[],
  c: L4Connection,
  sem: RbacSemantics,
  trace: string[],
): boolean {
  if (clause.length === 0) {
    trace.push(sem.within === 'all-of' ? 'empty group: true' : 'empty clause: true');
    return true;
  }
  if (sem.within === 'all-of') {
    // 1.18: "We need ALL of these to match"; an empty match fails the group at once.
    for (const m of clause) {
      if (isEmptyMatch(m)) {
        trace.push('empty rule: false');
        return false;
      }
      if (!fieldHolds(m, c)) {
        trace.push('group: false');
        return false;
      }
    }
    trace.push('group: true');
    return true;
  }
  // 1.19+: "Matches are OR-ed"; an empty match is skipped.
  for (const m of clause) {
    if (isEmptyMatch(m)) {
      trace.push('empty clause: false');
      continue;
    }
    if (fieldHolds(m, c)) {
      trace.push('clause: true');
      return true;
    }
  }
  trace.push('clause: false');
  return false;
}

function authorizationMatches(
  p: ZtunnelAuthorization,
  c: L4Connection,
  sem: RbacSemantics,
  trace: string[],
): boolean {
  if (p.groups.length === 0) {
    trace.push(
      `${p.namespace}/${p.name}: empty ${sem.within === 'all-of' ? 'groups' : 'rules'}: false`,
    );
    return false;
  }
  return p.groups.some((rule) => {
    const lines: string[] = [];
    const holds = rule.every((clause) => clauseHolds(clause, c, sem, lines));
    trace.push(`${p.namespace}/${p.name}: ${lines.join(', ')} → ${holds}`);
    return holds;
  });
}

/**
 * ztunnel's `assert_rbac` for a connection to a workload with these policies: any matching
 * DENY denies; no ALLOW policy allows; otherwise an ALLOW must match. `reason` is the debug line
 * ztunnel logs for the decision (the same words in 1.18, 1.19 and 1.20); `trace` is how each
 * policy's clauses were read.
 */
export function ztunnelRbac(
  policies: readonly ZtunnelAuthorization[],
  c: L4Connection,
  sem: RbacSemantics,
): PolicyDecision & { readonly trace: readonly string[] } {
  const trace: string[] = [];
  const evaluated = policies.map((p) => ({
    policy: `${p.namespace}/${p.name}`,
    action: p.action,
    matched: authorizationMatches(p, c, sem, trace),
  }));
  const deny = evaluated.find((e) => e.action === 'Deny' && e.matched);
  if (deny)
    return {
      allowed: false,
      reason: `deny policy match policy=${deny.policy}`,
      policy: deny.policy,
      evaluated,
      trace,
    };
  const allows = evaluated.filter((e) => e.action === 'Allow');
  if (allows.length === 0)
    return { allowed: true, reason: 'no allow policies, allow', evaluated, trace };
  const allow = allows.find((e) => e.matched);
  if (allow)
    return {
      allowed: true,
      reason: `allow policy match policy=${allow.policy}`,
      policy: allow.policy,
      evaluated,
      trace,
    };
  return { allowed: false, reason: 'no allow policies matched', evaluated, trace };
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
