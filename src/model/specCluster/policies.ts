/**
 * A scenario file's AuthorizationPolicies, in the two forms the walk reads: as written (for
 * the waypoint's RBAC, which istiod configures from them), and as ztunnel holds them. A policy
 * read from a ztunnel dump is already ztunnel's (it has a `scope`): it is taken as it is.
 * Fields the model's RBAC does not evaluate are listed, never dropped silently.
 */
import { toZtunnelAuthorization } from '../policy/translate';
import type { AuthorizationPolicy, RbacMatch, ZtunnelAuthorization } from '../policy/types';
import type { Release } from '../releases';
import { diag, type Diagnostic } from '../spec/diagnostics';
import type { ClusterSpec, SpecMatch, SpecPolicy } from '../spec/types';
import { refOf } from '../spec/types';
import { fieldProvenance } from './provenance';

const UNEVALUATED: readonly (keyof SpecMatch)[] = [
  'notPrincipals',
  'notNamespaces',
  'ipBlocks',
  'notIpBlocks',
  'serviceAccounts',
  'notServiceAccounts',
  'ips',
  'notIps',
  'notPorts',
  'hosts',
];

/** The fields of a policy the model's RBAC does not evaluate (it matches strings exactly). */
function unevaluated(p: SpecPolicy): string[] {
  const matches: SpecMatch[] = p.rules.flatMap((r) => [
    ...(r.from ?? []),
    ...(r.to ?? []),
    ...(r.clauses ?? []).flat(),
  ]);
  const patterns = matches.some((m) =>
    [...(m.principals ?? []), ...(m.namespaces ?? [])].some((x) => x.includes('*')),
  );
  return [
    ...UNEVALUATED.filter((k) => matches.some((m) => (m[k] as unknown[] | undefined)?.length)),
    ...(patterns ? ['prefix/suffix matches (*)'] : []),
  ];
}

/** The policy as its author wrote it, for the waypoint (a dump's policies are not this form). */
export function writtenPolicy(spec: ClusterSpec, p: SpecPolicy): AuthorizationPolicy {
  const t = p.targetRefs?.[0];
  return {
    name: p.name,
    namespace: p.namespace,
    ...(p.selector ? { selector: p.selector } : {}),
    ...(t ? { targetRef: { group: t.group ?? '', kind: t.kind, name: t.name } } : {}),
    action: p.action,
    rules: p.rules.map((r) => ({
      ...(r.from
        ? {
            from: r.from.map((s) => ({
              ...(s.principals ? { principals: s.principals } : {}),
              ...(s.namespaces ? { namespaces: s.namespaces } : {}),
            })),
          }
        : {}),
      ...(r.to
        ? {
            to: r.to.map((o) => ({
              ...(o.methods ? { methods: o.methods } : {}),
              ...(o.paths ? { paths: o.paths } : {}),
              ...(o.ports ? { ports: o.ports } : {}),
            })),
          }
        : {}),
    })),
    intent: `${p.action} policy ${refOf(p)} from the file`,
    prov: fieldProvenance(spec, p.provenance, 'rules', `AuthorizationPolicy ${refOf(p)}`),
  };
}

/** ztunnel's dump writes principals as SPIFFE URIs; the model's RBAC reads `td/ns/x/sa/y`. */
const principal = (p: string): string => p.replace(/^spiffe:\/\//, '');

function match(m: SpecMatch): RbacMatch {
  return {
    principals: (m.principals ?? []).map(principal),
    namespaces: [...(m.namespaces ?? [])],
    destinationPorts: [...(m.ports ?? [])],
  };
}

/** A dump's policy, already ztunnel's: rules OR'd, clauses AND'd, matches OR'd. */
function dumpPolicy(p: SpecPolicy): ZtunnelAuthorization {
  return {
    name: p.name,
    namespace: p.namespace,
    scope: p.scope ?? 'Namespace',
    action: p.action === 'ALLOW' ? 'Allow' : 'Deny',
    groups: p.rules.map((r) => [
      ...(r.from?.length ? [r.from.map(match)] : []),
      ...(r.to?.length ? [r.to.map(match)] : []),
      ...(r.clauses ?? []).map((c) => c.map(match)),
    ]),
    dropped: unevaluated(p).map((f) => `${f} not evaluated by the walk`),
  };
}

export interface SpecPolicies {
  /** As written, for the waypoint and the Rules panel (a dump's policies are not among them). */
  readonly written: AuthorizationPolicy[];
  /** As ztunnel holds them. */
  readonly ztunnel: ZtunnelAuthorization[];
  readonly diagnostics: Diagnostic[];
}

/** The file's policies in both forms, as the release's istiod hands them out. */
export function specPolicies(spec: ClusterSpec, rel: Release): SpecPolicies {
  const written: AuthorizationPolicy[] = [];
  const ztunnel: ZtunnelAuthorization[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const p of spec.policies) {
    const left = unevaluated(p);
    if (left.length)
      diagnostics.push(
        diag(
          'E_POLICY_FIELDS_NOT_WALKED',
          'warning',
          `Policy ${refOf(p)} uses ${left.join(', ')}, which the hop-by-hop walk does not evaluate (the ztunnel-level route above does).`,
          'Compare the walk’s policy decision with the route’s before trusting it.',
        ),
      );
    if (p.scope) {
      ztunnel.push(dumpPolicy(p));
      continue;
    }
    const ap = writtenPolicy(spec, p);
    written.push(ap);
    if (ap.targetRef && rel.targetRefToZtunnel === 'not-sent') continue;
    ztunnel.push(toZtunnelAuthorization(ap));
  }
  return { written, ztunnel, diagnostics };
}
