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

export interface AuthorizationPolicy {
  readonly name: string;
  readonly namespace: string;
  readonly selector: Readonly<Record<string, string>>;
  readonly action: 'ALLOW' | 'DENY';
  readonly rules: readonly PolicyRule[];
  /** What the scenario means it to do, in a sentence. */
  readonly intent: string;
  readonly prov: Provenance;
}

/** One alternative of a ztunnel RBAC clause (istio/ztunnel@1.18.0:src/rbac.rs `RbacMatch`). */
export interface RbacMatch {
  readonly principals: readonly string[];
  readonly namespaces: readonly string[];
  readonly destinationPorts: readonly number[];
}

/** ztunnel's policy (1.18 `Authorization`), keyed "namespace/name". */
export interface ZtunnelAuthorization {
  readonly name: string;
  readonly namespace: string;
  readonly scope: 'WorkloadSelector' | 'Namespace' | 'Global';
  readonly action: 'Allow' | 'Deny';
  /** OR of rules; a rule is an AND of clauses; a clause is an OR of matches. */
  readonly groups: readonly (readonly (readonly RbacMatch[])[])[];
  /** What istiod dropped on the way (HTTP attributes ztunnel cannot see). */
  readonly dropped: readonly string[];
}
