/**
 * A cluster as a scenario file describes it (`"version": 1`): what a docs writer writes by hand
 * and what the importer makes of a ztunnel config dump. Plain data, JSON all the way down, so
 * it can be saved, exported, linked (`?cluster=`) and validated (`schema.ts`) before anything
 * reads it. The cluster builders turn it into the model's `Cluster`; docs/scenario-file.md
 * documents every field.
 *
 * References between objects are `namespace/name` strings (a workload, a Service, a waypoint),
 * as ztunnel and kubectl name them.
 */

/** Where a value comes from, as the view labels it. */
export type SpecProvenanceKind = 'verified' | 'inferred' | 'article' | 'illustrative' | 'imported';

export interface SpecProvenance {
  readonly kind: SpecProvenanceKind;
  /** `repo@ref:path` for verified and inferred values. */
  readonly ref?: string;
  readonly note?: string;
}

/**
 * Field name → where that field's value comes from, for the fields whose source is not the
 * file's own `source` (an IP the dump did not have, made up so the walk has numbers).
 */
export type FieldProvenance = Readonly<Record<string, SpecProvenance>>;

export type SpecMode = 'iptables' | 'ebpf' | 'inpod';
export type SpecFirewall = 'iptables' | 'nftables';
export type SpecWorkloadKind = 'app' | 'waypoint' | 'ztunnel';

export interface SpecNode {
  readonly name: string;
  /** The node's address on the network between nodes. */
  readonly internalIp?: string;
  /** The node's pod range. */
  readonly podCidr?: string;
  readonly provenance?: FieldProvenance;
}

export interface SpecWorkload {
  readonly name: string;
  readonly namespace: string;
  readonly serviceAccount: string;
  readonly node: string;
  readonly ips: readonly string[];
  readonly labels: Readonly<Record<string, string>>;
  /** In the ambient mesh: its traffic is redirected to ztunnel (ztunnel's `protocol: HBONE`). */
  readonly enrolled: boolean;
  readonly kind: SpecWorkloadKind;
  /** The Kubernetes pod UID or ztunnel's `<cluster>//Pod/<ns>/<name>`. */
  readonly uid?: string;
  /** The workload's own waypoint (`namespace/name` of a waypoint), when it has one. */
  readonly waypoint?: string;
  readonly healthy?: boolean;
  readonly provenance?: FieldProvenance;
}

export interface SpecServicePort {
  readonly port: number;
  /** 0: a named port, resolved per endpoint (`SpecEndpoint.targetPorts`). */
  readonly targetPort: number;
  readonly name?: string;
}

export interface SpecEndpoint {
  /** `namespace/name` of a workload. */
  readonly workload: string;
  /** Service port → this endpoint's port, where the Service's `targetPort` is a name. */
  readonly targetPorts?: Readonly<Record<string, number>>;
  readonly healthy?: boolean;
}

export interface SpecService {
  readonly name: string;
  readonly namespace: string;
  /** `name.namespace.svc.<cluster domain>`. */
  readonly hostname: string;
  readonly vips: readonly string[];
  readonly ports: readonly SpecServicePort[];
  /** The endpoints as listed (a dump), or none: then `selector` picks workloads by label. */
  readonly endpoints?: readonly SpecEndpoint[];
  readonly selector?: Readonly<Record<string, string>>;
  /** `namespace/name` of the waypoint this Service's traffic goes through. */
  readonly waypoint?: string;
  readonly provenance?: FieldProvenance;
}

/** Which traffic a waypoint takes (`istio.io/waypoint-for`). */
export type WaypointFor = 'service' | 'workload' | 'all' | 'none';

export interface SpecWaypoint {
  /** The Gateway's name and namespace. */
  readonly name: string;
  readonly namespace: string;
  readonly for: WaypointFor;
  /** `namespace/name` of the waypoint's own Service. */
  readonly service: string;
  /** `namespace/name` of its pods (workloads of kind `waypoint`). */
  readonly pods: readonly string[];
  /** The HBONE port ztunnel dials (15008). */
  readonly port: number;
  readonly provenance?: FieldProvenance;
}

/** Who a rule is about (an AuthorizationPolicy's `from.source`). */
export interface SpecSource {
  readonly principals?: readonly string[];
  readonly notPrincipals?: readonly string[];
  readonly namespaces?: readonly string[];
  readonly notNamespaces?: readonly string[];
  readonly ipBlocks?: readonly string[];
  readonly notIpBlocks?: readonly string[];
  /** `namespace/serviceAccount` (ztunnel 1.25+ `serviceAccounts`). */
  readonly serviceAccounts?: readonly string[];
  readonly notServiceAccounts?: readonly string[];
}

/** What a rule is about (an AuthorizationPolicy's `to.operation`, plus destination IPs). */
export interface SpecOperation {
  readonly ports?: readonly number[];
  readonly notPorts?: readonly number[];
  readonly methods?: readonly string[];
  readonly paths?: readonly string[];
  readonly hosts?: readonly string[];
  readonly ips?: readonly string[];
  readonly notIps?: readonly string[];
}

export type SpecMatch = SpecSource & SpecOperation;

export interface SpecPolicyRule {
  readonly from?: readonly SpecSource[];
  readonly to?: readonly SpecOperation[];
  /**
   * Further clauses that must all hold, each a list of alternatives (ztunnel's RBAC form), for
   * a dump whose rules have more than one source and one destination clause.
   */
  readonly clauses?: readonly (readonly SpecMatch[])[];
}

export interface SpecTargetRef {
  readonly group?: string;
  readonly kind: string;
  readonly name: string;
}

export interface SpecPolicy {
  readonly name: string;
  readonly namespace: string;
  readonly action: 'ALLOW' | 'DENY';
  readonly selector?: Readonly<Record<string, string>>;
  readonly targetRefs?: readonly SpecTargetRef[];
  /** ztunnel's scope, when the policy came from a dump (it has no selector there). */
  readonly scope?: 'Global' | 'Namespace' | 'WorkloadSelector';
  /** Workloads a dump says the policy applies to (`authorizationPolicies`), `namespace/name`. */
  readonly appliesTo?: readonly string[];
  readonly rules: readonly SpecPolicyRule[];
  readonly dryRun?: boolean;
  readonly provenance?: FieldProvenance;
}

/**
 * A pod's own rules, pasted from its network namespace; they replace the release's default
 * rules for that pod. Kept as text: the builders parse them (unknown lines are flagged).
 */
export interface SpecPodRules {
  /** `namespace/name` of the workload. */
  readonly workload: string;
  /** `iptables-save`, its restore format, or `iptables -S` per table. */
  readonly iptables?: string;
  readonly ip6tables?: string;
  /** `nft list ruleset`: evaluated only by the nftables engine. */
  readonly nftables?: string;
  readonly ipRule?: string;
  readonly ipRoute?: string;
}

export interface SpecRequest {
  /** `namespace/name` of the source workload. */
  readonly from: string;
  /** `host:port` (a Service's name or hostname) or `ip:port` (a VIP or a pod IP). */
  readonly to: string;
  readonly method: string;
  readonly path: string;
  readonly provenance?: FieldProvenance;
}

export interface ClusterSpec {
  readonly version: 1;
  readonly name: string;
  readonly description?: string;
  /** Where every value comes from unless its object's `provenance` says otherwise. */
  readonly source: SpecProvenance;
  readonly mode: SpecMode;
  /** The Istio minor release: `1.24`. */
  readonly istio: string;
  /** The exact version, when known: `1.24.1`. */
  readonly istioVersion?: string;
  readonly firewall: SpecFirewall;
  readonly trustDomain: string;
  readonly clusterDomain: string;
  /** Whether the pods' DNS is captured by ztunnel's DNS proxy. */
  readonly dnsCapture: boolean;
  /** The node whose ztunnel the dump came from. */
  readonly localNode?: string;
  readonly nodes: readonly SpecNode[];
  readonly workloads: readonly SpecWorkload[];
  readonly services: readonly SpecService[];
  readonly waypoints: readonly SpecWaypoint[];
  readonly policies: readonly SpecPolicy[];
  readonly rules?: readonly SpecPodRules[];
  readonly request: SpecRequest;
  /** Top-level fields' provenance (`dnsCapture`, `istio`, …). */
  readonly provenance?: FieldProvenance;
}

/** `productpage-v1-87d54dd59-c7jts` → `productpage-v1`: a pod's Deployment (ReplicaSet hash and pod suffix cut; a DaemonSet's suffix too). */
export function deploymentOf(pod: string): string {
  return pod.replace(/-[a-z0-9]{6,10}-[a-z0-9]{5}$/, '').replace(/-[a-z0-9]{5}$/, '');
}

/** `namespace/name` of an object. */
export function refOf(o: { readonly namespace: string; readonly name: string }): string {
  return `${o.namespace}/${o.name}`;
}
