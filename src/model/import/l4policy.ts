/**
 * ztunnel's L4 authorization of one connection, evaluated on a scenario file's policies: which
 * policies apply to the destination workload, then DENY before ALLOW, and "ALLOW policies
 * exist but none matched" as a denial (`ztunnel/src/rbac.rs`, `state.rs` `assert_rbac`). A rule
 * with HTTP attributes cannot be decided at L4: istiod drops the rule from an ALLOW policy
 * (it never matches) and keeps a DENY rule without them (it matches more), and so does this.
 */
import type {
  ClusterSpec,
  SpecMatch,
  SpecOperation,
  SpecPolicy,
  SpecPolicyRule,
  SpecSource,
  SpecWorkload,
} from '../spec/types';

/** The connection as ztunnel sees it at the destination. */
export interface L4Connection {
  /** `spiffe://<td>/ns/<ns>/sa/<sa>`, absent for plaintext. */
  readonly srcIdentity?: string;
  readonly srcIp: string;
  readonly dstIp: string;
  readonly dstPort: number;
}

export interface L4Decision {
  readonly allowed: boolean;
  /** `namespace/name` of the deciding policy, when one decided. */
  readonly policy?: string;
  readonly action?: 'ALLOW' | 'DENY';
  /** Which policies applied to the destination. */
  readonly applied: readonly string[];
  readonly reason: 'no-policy' | 'deny-matched' | 'allow-matched' | 'no-allow-matched';
}

const ref = (o: { namespace: string; name: string }): string => `${o.namespace}/${o.name}`;

/** Istio's string match: exact, `prefix*`, `*suffix`, or `*` for presence. */
function strMatch(pattern: string, value: string | undefined): boolean {
  if (value === undefined) return false;
  if (pattern === '*') return true;
  if (pattern.endsWith('*')) return value.startsWith(pattern.slice(0, -1));
  if (pattern.startsWith('*')) return value.endsWith(pattern.slice(1));
  return pattern === value;
}

const v4 = (a: string): number | undefined => {
  const p = a.split('.').map(Number);
  return p.length === 4 && p.every((x) => Number.isInteger(x) && x >= 0 && x < 256)
    ? p.reduce((n, x) => n * 256 + x, 0)
    : undefined;
};

/** IPv4 CIDR membership, written out here so the lazy importer shares no module with the
 * first paint (a shared module becomes its own chunk the first view must load). */
function inBlock(ip: string, block: string): boolean {
  const [base = '', len = '32'] = block.split('/');
  const a = v4(ip);
  const b = v4(base);
  const n = Number(len);
  if (a === undefined || b === undefined || !Number.isInteger(n) || n < 0 || n > 32)
    return ip === block;
  const size = 2 ** (32 - n);
  return Math.floor(a / size) === Math.floor(b / size);
}

/** `spiffe://td/ns/<ns>/sa/<sa>` → its namespace and service account. */
function identityParts(id?: string): { ns?: string; sa?: string } {
  const m = /\/ns\/([^/]+)\/sa\/([^/]+)$/.exec(id ?? '');
  return m ? { ns: m[1], sa: m[2] } : {};
}

/** Every listed condition of one match holds (an absent list is no condition). */
function matches(m: SpecMatch, c: L4Connection): boolean {
  const { ns, sa } = identityParts(c.srcIdentity);
  const some = (list: readonly string[] | undefined, test: (x: string) => boolean): boolean =>
    list === undefined || list.length === 0 || list.some(test);
  const none = (list: readonly string[] | undefined, test: (x: string) => boolean): boolean =>
    list === undefined || !list.some(test);
  const principal = (p: string): boolean =>
    strMatch(p, c.srcIdentity) || strMatch(p, c.srcIdentity?.replace(/^spiffe:\/\//, ''));
  const account = (x: string): boolean => x === `${ns}/${sa}`;
  return (
    some(m.principals, principal) &&
    none(m.notPrincipals, principal) &&
    some(m.namespaces, (x) => strMatch(x, ns)) &&
    none(m.notNamespaces, (x) => strMatch(x, ns)) &&
    some(m.serviceAccounts, account) &&
    none(m.notServiceAccounts, account) &&
    some(m.ipBlocks, (b) => inBlock(c.srcIp, b)) &&
    none(m.notIpBlocks, (b) => inBlock(c.srcIp, b)) &&
    some(m.ports?.map(String), (p) => Number(p) === c.dstPort) &&
    none(m.notPorts?.map(String), (p) => Number(p) === c.dstPort) &&
    some(m.ips, (b) => inBlock(c.dstIp, b)) &&
    none(m.notIps, (b) => inBlock(c.dstIp, b))
  );
}

const hasL7 = (o: SpecOperation): boolean =>
  Boolean(o.methods?.length || o.paths?.length || o.hosts?.length);

function ruleMatches(r: SpecPolicyRule, c: L4Connection, action: 'ALLOW' | 'DENY'): boolean {
  const to = r.to ?? [];
  if (action === 'ALLOW' && to.some(hasL7)) return false;
  const from = (r.from ?? []) as readonly SpecSource[];
  const fromOk = from.length === 0 || from.some((s) => matches(s, c));
  const toOk = to.length === 0 || to.some((o) => matches(o, c));
  const clausesOk = (r.clauses ?? []).every((alts) => alts.some((m) => matches(m, c)));
  return fromOk && toOk && clausesOk;
}

/** True when the policy selects the workload (as the dump lists it, or by scope or selector). */
export function appliesTo(p: SpecPolicy, w: SpecWorkload, rootNamespace = 'istio-system'): boolean {
  if (p.dryRun) return false;
  if (p.appliesTo) return p.appliesTo.includes(ref(w));
  if (p.scope === 'Global') return true;
  if (p.selector)
    return (
      p.namespace === w.namespace && Object.entries(p.selector).every(([k, v]) => w.labels[k] === v)
    );
  if (p.scope === 'WorkloadSelector') return false;
  return p.namespace === w.namespace || p.namespace === rootNamespace;
}

/** ztunnel's decision for a connection to workload `dst`. */
export function decideL4(spec: ClusterSpec, dst: SpecWorkload, c: L4Connection): L4Decision {
  const applied = spec.policies.filter((p) => appliesTo(p, dst));
  const names = applied.map(ref);
  const hit = (p: SpecPolicy): boolean => p.rules.some((r) => ruleMatches(r, c, p.action));
  const deny = applied.find((p) => p.action === 'DENY' && hit(p));
  if (deny)
    return {
      allowed: false,
      policy: ref(deny),
      action: 'DENY',
      applied: names,
      reason: 'deny-matched',
    };
  const allows = applied.filter((p) => p.action === 'ALLOW');
  if (allows.length === 0) return { allowed: true, applied: names, reason: 'no-policy' };
  const allow = allows.find(hit);
  return allow
    ? {
        allowed: true,
        policy: ref(allow),
        action: 'ALLOW',
        applied: names,
        reason: 'allow-matched',
      }
    : { allowed: false, applied: names, reason: 'no-allow-matched' };
}
