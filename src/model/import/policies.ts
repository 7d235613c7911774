/**
 * ztunnel's authorization policies (`src/rbac.rs`: rules OR'd, clauses AND'd, matches OR'd)
 * as the scenario file's AuthorizationPolicy-like rules: a clause of source fields becomes
 * `from`, a clause of destination fields `to`, anything else stays a clause as it was.
 * String matches become AuthorizationPolicy strings (`Prefix: a` → `a*`).
 */
import { diag, type Diagnostic } from '../spec/diagnostics';
import type { SpecMatch, SpecPolicy, SpecPolicyRule, SpecProvenance } from '../spec/types';
import { isObj } from './shape';

type Obj = Record<string, unknown>;
const str = (x: unknown, d = ''): string => (typeof x === 'string' ? x : d);

const STRING_MATCH = (m: unknown): string | undefined => {
  if (typeof m === 'string') return m;
  if (!isObj(m)) return undefined;
  if (typeof m.Exact === 'string') return m.Exact;
  if (typeof m.Prefix === 'string') return `${m.Prefix}*`;
  if (typeof m.Suffix === 'string') return `*${m.Suffix}`;
  if ('Presence' in m) return '*';
  return undefined;
};

function rbacMatch(m: Obj): SpecMatch {
  const strings = (k: string): string[] | undefined => {
    const v = m[k];
    if (!Array.isArray(v) || v.length === 0) return undefined;
    return v.map(STRING_MATCH).filter((x): x is string => x !== undefined);
  };
  const accounts = (k: string): string[] | undefined => {
    const v = m[k];
    if (!Array.isArray(v) || v.length === 0) return undefined;
    return v.filter(isObj).map((a) => `${str(a.namespace)}/${str(a.serviceAccount)}`);
  };
  const nums = (k: string): number[] | undefined => {
    const v = m[k];
    return Array.isArray(v) && v.length
      ? v.map(Number).filter((n) => Number.isInteger(n) && n >= 0 && n < 65536)
      : undefined;
  };
  const fields: [keyof SpecMatch, unknown][] = [
    ['principals', strings('principals')],
    ['notPrincipals', strings('notPrincipals')],
    ['namespaces', strings('namespaces')],
    ['notNamespaces', strings('notNamespaces')],
    ['ipBlocks', strings('sourceIps')],
    ['notIpBlocks', strings('notSourceIps')],
    ['serviceAccounts', accounts('serviceAccounts')],
    ['notServiceAccounts', accounts('notServiceAccounts')],
    ['ips', strings('destinationIps')],
    ['notIps', strings('notDestinationIps')],
    ['ports', nums('destinationPorts')],
    ['notPorts', nums('notDestinationPorts')],
  ];
  return Object.fromEntries(fields.filter(([, v]) => v !== undefined)) as SpecMatch;
}

const SOURCE_KEYS = [
  'principals',
  'notPrincipals',
  'namespaces',
  'notNamespaces',
  'ipBlocks',
  'notIpBlocks',
  'serviceAccounts',
  'notServiceAccounts',
];
const onlySource = (m: SpecMatch): boolean => Object.keys(m).every((k) => SOURCE_KEYS.includes(k));
const onlyOperation = (m: SpecMatch): boolean =>
  Object.keys(m).every((k) => !SOURCE_KEYS.includes(k));

/** ztunnel's rules (OR) of clauses (AND) of matches (OR) as AuthorizationPolicy-like rules. */
function policyRules(rules: unknown): SpecPolicyRule[] {
  if (!Array.isArray(rules)) return [];
  return rules.filter(Array.isArray).map((rule: unknown[]) => {
    const clauses = rule
      .filter(Array.isArray)
      .map((c: unknown[]) => c.filter(isObj).map(rbacMatch));
    let from: SpecMatch[] | undefined;
    let to: SpecMatch[] | undefined;
    const rest: SpecMatch[][] = [];
    for (const c of clauses) {
      if (!from && c.length && c.every(onlySource)) from = c;
      else if (!to && c.length && c.every(onlyOperation)) to = c;
      else rest.push(c);
    }
    return {
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
      ...(rest.length ? { clauses: rest } : {}),
    };
  });
}

const RULES_PROV: SpecProvenance = {
  kind: 'inferred',
  ref: 'the pasted dump',
  note: 'ztunnel’s L4 form of the policy (istiod drops HTTP attributes on the way)',
};

/** The dump's policies, with the workloads that list each (`authorizationPolicies`). */
export function policiesOf(
  raw: readonly Obj[],
  workloads: readonly Obj[],
  diagnostics: Diagnostic[],
  where: string,
): SpecPolicy[] {
  const appliesTo = new Map<string, string[]>();
  for (const w of workloads)
    for (const p of Array.isArray(w.authorizationPolicies) ? w.authorizationPolicies : [])
      appliesTo.set(str(p), [
        ...(appliesTo.get(str(p)) ?? []),
        `${str(w.namespace)}/${str(w.name)}`,
      ]);
  const policies: SpecPolicy[] = [];
  for (const p of raw) {
    const action = str(p.action).toUpperCase();
    if (action !== 'ALLOW' && action !== 'DENY') {
      diagnostics.push(
        diag(
          'E_POLICY_ACTION',
          'warning',
          `Policy ${str(p.namespace)}/${str(p.name)} has action “${str(p.action)}”, which ztunnel does not enforce at L4; it is left out.`,
          undefined,
          where,
        ),
      );
      continue;
    }
    const scope = str(p.scope);
    const ref = `${str(p.namespace)}/${str(p.name)}`;
    policies.push({
      name: str(p.name),
      namespace: str(p.namespace),
      action,
      ...(scope === 'Global' || scope === 'Namespace' || scope === 'WorkloadSelector'
        ? { scope }
        : {}),
      ...(appliesTo.has(ref) ? { appliesTo: appliesTo.get(ref) } : {}),
      rules: policyRules(p.rules ?? p.groups),
      ...(p.dryRun === true ? { dryRun: true } : {}),
      provenance: { rules: RULES_PROV },
    });
  }
  return policies;
}
