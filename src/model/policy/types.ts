/**
 * AuthorizationPolicy as the user writes it (security.istio.io), and the form ztunnel gets
 * from istiod (the 1.18 `Authorization`: scope, action, groups of RbacMatch).
 */
import type { Provenance } from '../provenance';

export interface PolicySource {
  readonly principals?: readonly string[];
  readonly namespaces?: readonly string[];
}

export interface PolicyOperation {
  readonly methods?: readonly string[];
  readonly paths?: readonly string[];
  readonly ports?: readonly number[];
}

export interface PolicyRule {
  readonly from?: readonly PolicySource[];
  readonly to?: readonly PolicyOperation[];
}

/** A policy attached to a Gateway API resource (a waypoint) instead of selected by labels. */
export interface PolicyTargetRef {
  readonly group: string;
  readonly kind: string;
  readonly name: string;
}

export interface AuthorizationPolicy {
  readonly name: string;
  readonly namespace: string;
  /** `selector.matchLabels`; absent for a namespace-wide or a targetRef policy. */
  readonly selector?: Readonly<Record<string, string>>;
  readonly targetRef?: PolicyTargetRef;
  readonly action: 'ALLOW' | 'DENY';
  readonly rules: readonly PolicyRule[];
  /** What the scenario means it to do, in a sentence. */
  readonly intent: string;
  readonly prov: Provenance;
}

/**
 * One match of a ztunnel RBAC clause (src/rbac.rs `RbacMatch`). Every field empty is the empty
 * match istiod sends for a `to` that had only HTTP attributes.
 */
export interface RbacMatch {
  readonly principals: readonly string[];
  readonly namespaces: readonly string[];
  readonly destinationPorts: readonly number[];
}

/** ztunnel's policy (`Authorization`), keyed "namespace/name". */
export interface ZtunnelAuthorization {
  readonly name: string;
  readonly namespace: string;
  /** WorkloadSelector with a selector; Namespace without (a targetRef is not looked at). */
  readonly scope: 'WorkloadSelector' | 'Namespace' | 'Global';
  readonly action: 'Allow' | 'Deny';
  /**
   * OR of rules (istiod's Groups); a rule is an AND of clauses (istiod's Rules); a clause is a
   * list of matches, which a release combines its own way (see `RbacSemantics`).
   */
  readonly groups: readonly (readonly (readonly RbacMatch[])[])[];
  /** What istiod left out on the way (HTTP attributes ztunnel cannot see), per rule. */
  readonly dropped: readonly string[];
}

/** How a release's ztunnel reads a clause (src/rbac.rs `Authorization::matches`). */
export interface RbacSemantics {
  /** 1.18: every match of the clause must hold; 1.19+: any one. */
  readonly within: 'all-of' | 'any-of';
  /** 1.18: an empty match fails the clause ("empty rule"); 1.19+: it is skipped ("empty clause"). */
  readonly emptyMatch: 'fails-group' | 'skipped';
}
