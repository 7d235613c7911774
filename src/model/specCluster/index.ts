/**
 * A scenario file's cluster built as the model's `Cluster` — its nodes, pods, Services, store,
 * policies and request — and walked hop by hop through the kernel and the proxies like the
 * article's, at the release the file names (or the one that stands for it, said at the walk).
 */
import { ipv4 } from '../addresses';
import { buildClusterFrom, type ClusterDescription } from '../cluster/build';
import { pastedByPod } from '../cluster/pastedRules';
import { KIND_KUBE_DNS, type KubeProxyService } from '../cluster/kubeProxy';
import { podNetnsId } from '../cluster/placement';
import type { Cluster, RequestSpec } from '../cluster/types';
import { resolveRequest } from '../import/request';
import { RELEASES, type Release } from '../releases';
import type { Scenario } from '../scenario';
import { diag, hasErrors, type Diagnostic } from '../spec/diagnostics';
import type { ClusterSpec } from '../spec/types';
import { refOf } from '../spec/types';
import { walk, type Walk } from '../walk';
import { specNetwork } from './network';
import { isIpv4, specNodes } from './nodes';
import { processOfSpecPod, specPodListeners, specPods, type SpecPod } from './pods';
import { buildable, inferredZtunnels, reachable } from './relevant';
import { specPolicies } from './policies';
import { walkedRelease } from './release';
import { dnsService, kubeProxyFor, specServices } from './services';
import { specStore } from './store';

export interface SpecCluster {
  readonly cluster: Cluster;
  /** The knobs the file's cluster amounts to: mode, release, firewall, DNS capture. */
  readonly scenario: Scenario;
  /** The client looks the destination's name up (a Service host, DNS captured). */
  readonly resolves: boolean;
  readonly diagnostics: readonly Diagnostic[];
}

/** What stands in the way of walking a file hop by hop, or the built cluster. */
export type SpecBuild =
  | ({ readonly ok: true } & SpecCluster)
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/**
 * Builds a scenario file's cluster as istio-cni, kube-proxy and istiod would set it up at the
 * file's release, with the file's names, addresses, identities, waypoints and policies.
 *
 * @example
 * const b = buildSpecCluster(bookinfo);
 * if (b.ok) walk(b.cluster, b.scenario, { resolve: b.resolves });
 */
export function buildSpecCluster(spec: ClusterSpec): SpecBuild {
  const released = walkedRelease(spec);
  if ('code' in released) return { ok: false, diagnostics: [released] };
  const rel = RELEASES[released.release];
  const req = resolveRequest(spec);
  const diagnostics: Diagnostic[] = [...req.diagnostics];
  const source = req.source;
  const dst = req.destination;
  if (!source || !dst || hasErrors(diagnostics)) return { ok: false, diagnostics };

  const nodes = specNodes(spec);
  const placed = specPods(spec, nodes);
  const leftOut = placed.leftOut;
  const inferredZt = inferredZtunnels(spec, nodes, placed.pods, rel);
  const { built: pods, notBuilt } = buildable(
    [...placed.pods, ...inferredZt],
    reachable(spec, source, dst),
  );
  const client = pods.find((p) => p.workload === source);
  if (!client) {
    const why =
      leftOut.find((l) => l.workload === refOf(source))?.reason ?? 'it is not in the file';
    diagnostics.push(
      diag(
        'E_SRC_NOT_WALKABLE',
        'error',
        `The request's source ${refOf(source)} cannot be walked: ${why}.`,
        'Pick a pod with its own address under From.',
      ),
    );
    return { ok: false, diagnostics };
  }
  for (const z of inferredZt)
    diagnostics.push(
      diag(
        'E_ZTUNNEL_INFERRED',
        'info',
        `The file lists no ztunnel on ${z.node.name}, which runs enrolled pods; the walk gives it one (ztunnel is a DaemonSet), with a made-up name and address.`,
        'Paste a dump that lists the ztunnel pods, or add them to the file.',
      ),
    );
  for (const n of nodes)
    if (!pods.some((p) => p.node === n && p.facts.role === 'ztunnel'))
      diagnostics.push(
        diag(
          'E_NODE_NO_ZTUNNEL',
          spec.mode === 'inpod' ? 'info' : 'warning',
          `Node ${n.name} has no ztunnel pod in the file: nothing there is captured.`,
        ),
      );

  const policies = specPolicies(spec, rel);
  diagnostics.push(...policies.diagnostics);
  const dns = dnsService(spec);
  const address =
    dst.kind === 'service'
      ? dst.service.vips.find(isIpv4)
      : dst.kind === 'workload'
        ? dst.workload.ips[0]
        : dst.address;
  if (!isIpv4(address)) {
    diagnostics.push(
      diag(
        'E_DST_NO_IPV4',
        'error',
        `The request's destination ${spec.request.to} has no IPv4 address the walk can send to.`,
        'Pick a Service with a VIP, or a pod address.',
      ),
    );
    return { ok: false, diagnostics };
  }
  const host = spec.request.to.replace(/:\d+$/, '');
  const resolves = dst.kind === 'service' && spec.dnsCapture && host !== address;
  const kubeProxy: KubeProxyService[] = [];
  if (dst.kind === 'service') {
    const k = kubeProxyFor(spec, dst.service, dst.port);
    if (k) kubeProxy.push(k);
  }
  const kubeDns = spec.services.find((s) => s.name === 'kube-dns' && s.namespace === 'kube-system');
  const dnsRules = kubeDns ? kubeProxyFor(spec, kubeDns, 53, 'udp') : KIND_KUBE_DNS;
  if (dnsRules) kubeProxy.push(dnsRules);

  const request: RequestSpec = {
    client: podNetnsId(client.node, client.facts.role),
    shortName: dst.kind === 'service' ? host : address,
    hostname: dst.kind === 'service' ? dst.service.hostname : address,
    vip: ipv4(address),
    port: dst.port,
    method: spec.request.method,
    path: spec.request.path,
    headers: { accept: '*/*' },
    dnsServer: { name: dns.name, ip: dns.ip, port: dns.port },
  };
  const extra = [{ ip: address, port: dst.port }];
  // What the walk's notes say in words, as codes the page and the tests decide from.
  if ('note' in released && released.note)
    diagnostics.push(diag('E_RELEASE_STAND_IN', 'info', released.note, undefined, 'istio'));
  if (leftOut.length)
    diagnostics.push(
      diag(
        'E_WORKLOAD_NOT_BUILT',
        'info',
        `${leftOut.length} workloads are not built as pods: ${leftOut
          .slice(0, 3)
          .map((l) => `${l.workload} (${l.reason})`)
          .join('; ')}${leftOut.length > 3 ? '; …' : ''}. ztunnel still knows them.`,
      ),
    );
  const notes = [
    ...('note' in released && released.note ? [released.note] : []),
    ...(notBuilt.length
      ? [
          `The model builds the ${pods.length} pods this request can reach and every node's ztunnel; ${notBuilt.reduce((n, x) => n + x.pods.length, 0)} other pods are counted, not built.`,
        ]
      : []),
    ...(leftOut.length
      ? [
          `${leftOut.length} of the file's ${spec.workloads.length} workloads are not built as pods (${leftOut
            .slice(0, 3)
            .map((l) => `${l.workload}: ${l.reason}`)
            .join('; ')}${leftOut.length > 3 ? '; …' : ''}); ztunnel still knows them.`,
        ]
      : []),
  ];
  const desc: ClusterDescription = {
    nodes,
    pods,
    policies: policies.written,
    processOf: (p) => processOfSpecPod(p, spec.request.from),
    listenersOf: (p) => specPodListeners(spec, p as SpecPod, rel, extra),
    services: specServices(spec),
    kubeProxy,
    store: specStore(spec, rel, policies.written, policies.ztunnel),
    request,
    trustDomain: spec.trustDomain,
    network: specNetwork(nodes),
    notes,
    notBuilt,
  };
  const dstNode =
    dst.kind === 'service' ? undefined : dst.kind === 'workload' ? dst.workload.node : undefined;
  const scenario: Scenario = {
    redirect: spec.mode,
    istio: released.release,
    firewall: spec.firewall,
    dns: spec.dnsCapture ? 'on' : 'off',
    waypoint: 'none',
    placement: dstNode === source.node ? 'same-node' : 'cross-node',
    policy: 'allow',
    source: client.ambient ? 'mesh' : 'outside',
  };
  const cluster = buildClusterFrom(
    { ...desc, ...pastedRules(spec, rel, diagnostics) },
    scenario,
    rel,
  );
  return { ok: true, cluster, scenario, resolves, diagnostics };
}

/** A scenario file's walk, hop by hop, or what stands in the way. */
export function walkSpec(spec: ClusterSpec): { walk?: Walk; diagnostics: readonly Diagnostic[] } {
  const b = buildSpecCluster(spec);
  if (!b.ok) return { diagnostics: b.diagnostics };
  const w = walk(b.cluster, b.scenario, { resolve: b.resolves });
  const stop = w.outcome.stop;
  return {
    walk: w,
    diagnostics: stop
      ? [
          ...b.diagnostics,
          diag(
            'E_WALK_STOPPED',
            'warning',
            `The walk stops: ${stop.reason}.`,
            'Check that every enrolled pod’s node runs ztunnel and every waypoint has a pod; the walk shows the last hop that happened.',
          ),
        ]
      : b.diagnostics,
  };
}

/**
 * The pods' pasted rules in place of the release's (in-pod only), each line the walk cannot
 * evaluate said as a diagnostic: nothing pasted is ignored silently.
 */
function pastedRules(
  spec: ClusterSpec,
  rel: Release,
  out: Diagnostic[],
): Pick<ClusterDescription, 'pasted'> {
  const rules = spec.rules ?? [];
  if (!rules.length) return {};
  if (rel.era !== 'inpod') {
    out.push(
      diag(
        'E_RULES_NOT_WALKED',
        'warning',
        `Rules were pasted for ${rules.map((r) => r.workload).join(', ')}, but ${spec.mode} at ${rel.id} has no per-pod rules: the walk uses the node's rules as the release writes them.`,
        'Pasted pod rules replace the release’s only for in-pod clusters (1.21+).',
      ),
    );
    return {};
  }
  const { pasted, flagged } = pastedByPod(rules, rel);
  for (const f of flagged)
    out.push(
      diag(
        f.kind === 'unevaluated' ? 'E_RULE_NOT_EVALUATED' : 'E_RULE_SUPERSEDED',
        f.kind === 'unevaluated' ? 'warning' : 'info',
        `${f.workload}'s ${f.input}${f.line ? `, line ${f.line}` : ''}: ${f.reason}${f.text ? ` (${f.text.slice(0, 120)})` : ''}`,
        f.kind === 'unevaluated' ? 'The walk leaves this line out; check it by hand.' : undefined,
        `${f.workload} ${f.input}`,
      ),
    );
  return { pasted };
}
