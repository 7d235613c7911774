/**
 * The scenario file's schema (valibot, the project's one schema library). `readClusterSpec`
 * checks a parsed file against it and then against itself (`check.ts`: every reference
 * resolves), and says what is wrong by path, in words a docs writer can act on.
 *
 * Objects drop keys they do not know (a newer file still opens), and the top level warns about
 * them; sizes are capped so a hostile file cannot make the page crawl.
 */
import * as v from 'valibot';
import type { ClusterSpec } from './types';

const MAX_ITEMS = 20_000;
const name = v.pipe(v.string(), v.minLength(1), v.maxLength(253));
const text = v.pipe(v.string(), v.maxLength(4_000));
const ref = v.pipe(v.string(), v.regex(/^[^/\s]+\/[^/\s]+$/, 'must be namespace/name'));
const ip = v.pipe(v.string(), v.ip());
const cidr = v.pipe(
  v.string(),
  v.regex(/^[0-9a-fA-F.:]+\/\d{1,3}$/, 'must be an address range such as 10.244.1.0/24'),
);
const port = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(65535));
const labels = v.record(v.pipe(v.string(), v.maxLength(317)), v.pipe(v.string(), v.maxLength(63)));
const list = <T extends v.GenericSchema>(item: T, max = MAX_ITEMS) =>
  v.pipe(v.array(item), v.maxLength(max));
const strings = list(v.pipe(v.string(), v.maxLength(1_000)), 1_000);

export const PROVENANCE_SCHEMA = v.object({
  kind: v.picklist(['verified', 'inferred', 'article', 'illustrative', 'imported']),
  ref: v.optional(text),
  note: v.optional(text),
});
const provenance = v.optional(v.record(v.string(), PROVENANCE_SCHEMA));

const NODE = v.object({
  name,
  internalIp: v.optional(ip),
  podCidr: v.optional(cidr),
  provenance,
});

const WORKLOAD = v.object({
  name,
  namespace: name,
  serviceAccount: name,
  node: name,
  ips: list(ip, 16),
  labels: v.optional(labels, {}),
  enrolled: v.boolean(),
  kind: v.picklist(['app', 'waypoint', 'ztunnel']),
  uid: v.optional(text),
  waypoint: v.optional(ref),
  healthy: v.optional(v.boolean()),
  provenance,
});

const SERVICE = v.object({
  name,
  namespace: name,
  hostname: name,
  vips: list(ip, 16),
  ports: list(v.object({ port, targetPort: port, name: v.optional(name) }), 1_000),
  endpoints: v.optional(
    list(
      v.object({
        workload: ref,
        targetPorts: v.optional(v.record(v.string(), port)),
        healthy: v.optional(v.boolean()),
      }),
    ),
  ),
  selector: v.optional(labels),
  waypoint: v.optional(ref),
  provenance,
});

const WAYPOINT = v.object({
  name,
  namespace: name,
  for: v.picklist(['service', 'workload', 'all', 'none']),
  service: ref,
  pods: list(ref, 1_000),
  port: v.optional(port, 15008),
  provenance,
});

const SOURCE_FIELDS = {
  principals: v.optional(strings),
  notPrincipals: v.optional(strings),
  namespaces: v.optional(strings),
  notNamespaces: v.optional(strings),
  ipBlocks: v.optional(strings),
  notIpBlocks: v.optional(strings),
  serviceAccounts: v.optional(strings),
  notServiceAccounts: v.optional(strings),
};
const OPERATION_FIELDS = {
  ports: v.optional(list(port, 1_000)),
  notPorts: v.optional(list(port, 1_000)),
  methods: v.optional(strings),
  paths: v.optional(strings),
  hosts: v.optional(strings),
  ips: v.optional(strings),
  notIps: v.optional(strings),
};

const POLICY = v.object({
  name,
  namespace: name,
  action: v.picklist(['ALLOW', 'DENY']),
  selector: v.optional(labels),
  targetRefs: v.optional(list(v.object({ group: v.optional(text), kind: name, name }), 100)),
  scope: v.optional(v.picklist(['Global', 'Namespace', 'WorkloadSelector'])),
  appliesTo: v.optional(list(ref)),
  rules: list(
    v.object({
      from: v.optional(list(v.object(SOURCE_FIELDS), 1_000)),
      to: v.optional(list(v.object(OPERATION_FIELDS), 1_000)),
      clauses: v.optional(
        list(list(v.object({ ...SOURCE_FIELDS, ...OPERATION_FIELDS }), 1_000), 100),
      ),
    }),
    1_000,
  ),
  dryRun: v.optional(v.boolean()),
  provenance,
});

const RULE_TEXT = v.optional(v.pipe(v.string(), v.maxLength(2_000_000)));
const POD_RULES = v.object({
  workload: ref,
  iptables: RULE_TEXT,
  ip6tables: RULE_TEXT,
  nftables: RULE_TEXT,
  ipRule: RULE_TEXT,
  ipRoute: RULE_TEXT,
});

const REQUEST = v.object({
  from: ref,
  to: v.pipe(
    v.string(),
    v.regex(/^(\[[0-9a-fA-F:.]+\]|[^\s:/]+):\d{1,5}$/, 'must be host:port or ip:port'),
  ),
  method: v.optional(v.pipe(v.string(), v.regex(/^[A-Z]{1,16}$/, 'must be an HTTP method')), 'GET'),
  path: v.optional(v.pipe(v.string(), v.startsWith('/'), v.maxLength(2_000)), '/'),
  provenance,
});

/** The whole file. `version` is the format's, not the cluster's. */
export const CLUSTER_SPEC_SCHEMA = v.object({
  version: v.literal(1),
  name: v.pipe(v.string(), v.minLength(1), v.maxLength(120)),
  description: v.optional(text),
  source: PROVENANCE_SCHEMA,
  mode: v.picklist(['iptables', 'ebpf', 'inpod']),
  istio: v.pipe(v.string(), v.regex(/^1\.\d{1,2}$/, 'must be a minor release such as 1.24')),
  istioVersion: v.optional(v.pipe(v.string(), v.maxLength(64))),
  firewall: v.optional(v.picklist(['iptables', 'nftables']), 'iptables'),
  trustDomain: v.optional(name, 'cluster.local'),
  clusterDomain: v.optional(name, 'cluster.local'),
  dnsCapture: v.optional(v.boolean(), false),
  localNode: v.optional(name),
  nodes: list(NODE, 5_000),
  workloads: list(WORKLOAD),
  services: list(SERVICE),
  waypoints: v.optional(list(WAYPOINT, 1_000), []),
  policies: v.optional(list(POLICY), []),
  rules: v.optional(list(POD_RULES, 1_000)),
  request: REQUEST,
  provenance,
});

/** The schema's output is a ClusterSpec: a compile-time check that the two agree. */
export const TYPED_SCHEMA: v.GenericSchema<unknown, ClusterSpec> = CLUSTER_SPEC_SCHEMA;

export const TOP_LEVEL_KEYS: readonly string[] = Object.keys(CLUSTER_SPEC_SCHEMA.entries);

/** Every object of the format by the name docs/scenario-file.md gives it, with its keys. */
export const SCHEMA_KEYS: Readonly<Record<string, readonly string[]>> = {
  'top level': TOP_LEVEL_KEYS,
  'nodes[]': Object.keys(NODE.entries),
  'workloads[]': Object.keys(WORKLOAD.entries),
  'services[]': Object.keys(SERVICE.entries),
  'waypoints[]': Object.keys(WAYPOINT.entries),
  'policies[]': Object.keys(POLICY.entries),
  source: Object.keys(SOURCE_FIELDS),
  operation: Object.keys(OPERATION_FIELDS),
  'rules[]': Object.keys(POD_RULES.entries),
  request: Object.keys(REQUEST.entries),
  provenance: Object.keys(PROVENANCE_SCHEMA.entries),
};

/** `workloads[3].ips[0]` from a valibot issue's path. */
export function issuePath(issue: v.BaseIssue<unknown>): string {
  let out = '';
  for (const item of issue.path ?? []) {
    const key = (item as { key?: unknown }).key;
    out += typeof key === 'number' ? `[${key}]` : `${out ? '.' : ''}${String(key)}`;
  }
  return out;
}
