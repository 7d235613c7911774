/**
 * What each node holds, read from the model's topology: its host namespace and uplink, the pods
 * that sit above the host (applications, waypoints) and those below it (the node proxy), the
 * cables and tunnels between each pod and the host, and per namespace the rules and listening
 * sockets the walk can meet. Nothing here knows a name, an address or a port: it follows the
 * veth peers, GENEVE VNIs and remotes, and the pods' kinds.
 */
import type { Hop, Iface, Listener, NodeInfo, PodInfo, Topology, TopologyNetns } from '../../model';
import {
  listenerBadgeId,
  referencedBadgeIds,
  RULE_KINDS,
  ruleKindOf,
  type RuleKind,
} from './elementIds';
import { everything, type DiagramSelection, type SummaryPod } from './onPath';
import type { BoxKind } from './shapes';

/** A cable or tunnel between a pod's namespace and its node's host namespace. */
export interface HostLink {
  readonly kind: 'veth' | 'geneve';
  readonly podIface: Iface;
  readonly hostIface: Iface;
}

export interface PodPlan {
  readonly pod: PodInfo;
  readonly netnsId: string;
  readonly ns: TopologyNetns | undefined;
  /** The pod as itself, wherever it runs: namespace/name. */
  readonly key: string;
  readonly boxKind: BoxKind;
  readonly links: readonly HostLink[];
  readonly rules: readonly RuleKind[];
  /** The netfilter chip's words when nftables acted here (1.28+ in-pod): the engine shown. */
  readonly netfilterWords?: readonly string[];
  readonly listeners: readonly Listener[];
}

export interface NodePlan {
  readonly node: NodeInfo;
  readonly key: string;
  readonly hostId: string;
  readonly host: TopologyNetns | undefined;
  /** Applications and waypoints, drawn above the host namespace. */
  readonly above: readonly PodPlan[];
  /** The node proxy (ztunnel), drawn below it where its tunnels come in. */
  readonly below: readonly PodPlan[];
  /** Its pods off the walk's path, summarised in one box beside those above (none: all drawn). */
  readonly more: readonly SummaryPod[];
  readonly uplink: Iface | undefined;
  readonly hostRules: readonly RuleKind[];
  readonly hostNetfilterWords?: readonly string[];
  readonly hostListeners: readonly Listener[];
}

const BOX_KIND: Readonly<Record<PodInfo['kind'], BoxKind>> = {
  app: 'pod',
  waypoint: 'waypoint',
  ztunnel: 'ztunnel',
};

/** The pod's links to the host: its veth, and the tunnels whose far end is the pod's address. */
function hostLinks(pod: PodInfo, ns: TopologyNetns | undefined, host: TopologyNetns | undefined) {
  const out: HostLink[] = [];
  if (!ns || !host) return out;
  for (const podIface of ns.ifaces) {
    if (podIface.kind === 'veth' && podIface.peer?.netns === host.id) {
      const hostIface = host.ifaces.find((i) => i.name === podIface.peer?.iface);
      if (hostIface) out.push({ kind: 'veth', podIface, hostIface });
    }
    if (podIface.kind === 'geneve' && podIface.geneve) {
      const vni = podIface.geneve.vni;
      const hostIface = host.ifaces.find(
        (i) => i.kind === 'geneve' && i.geneve?.vni === vni && i.geneve.remote === pod.ip.value,
      );
      if (hostIface) out.push({ kind: 'geneve', podIface, hostIface });
    }
  }
  return out;
}

/**
 * The kinds of rule the walk evaluates in each namespace (a node's host namespace always shows
 * all three: it is where the node's own rules live).
 */
function rulesMet(hops: readonly Hop[]): Map<string, Set<RuleKind>> {
  const out = new Map<string, Set<RuleKind>>();
  for (const h of hops) {
    const kind = ruleKindOf(h.actor.kind);
    if (!kind) continue;
    const set = out.get(h.where.netns) ?? new Set<RuleKind>();
    set.add(kind);
    out.set(h.where.netns, set);
  }
  return out;
}

/**
 * The engines whose rules acted in each namespace, from the hops' facts: `netfilter` is
 * iptables, `nftables` istio-cni's native rules (1.28+). A chip names what acted there.
 */
function enginesMet(hops: readonly Hop[]): Map<string, readonly string[]> {
  const seen = new Map<string, Set<string>>();
  for (const h of hops) {
    const engine =
      h.fact.kind === 'nftables' ? 'nftables' : h.fact.kind === 'netfilter' ? 'iptables' : null;
    if (!engine) continue;
    seen.set(h.where.netns, (seen.get(h.where.netns) ?? new Set()).add(engine));
  }
  const out = new Map<string, readonly string[]>();
  for (const [ns, set] of seen)
    if (set.has('nftables'))
      out.set(ns, set.has('iptables') ? ['iptables · nftables', 'ipt · nft'] : ['nftables']);
  return out;
}

/**
 * The listening sockets worth drawing: those a redirected connection can land on (transparent
 * ones, the proxies' capture ports), and any the walk accepts on or answers from.
 */
function listenersReached(ns: TopologyNetns | undefined, used: ReadonlySet<string>): Listener[] {
  return (ns?.listeners ?? []).filter(
    (l) => l.transparent || used.has(listenerBadgeId(ns?.id ?? '', l.proto, l.port)),
  );
}

export function podKey(pod: PodInfo): string {
  return `pod:${pod.namespace}/${pod.name.value}`;
}

/**
 * The host namespace without the TC programs on the host ends of pods left out: their cables
 * are not drawn, so neither are their programs.
 */
function hostShown(host: TopologyNetns | undefined, hidden: readonly SummaryPod[]) {
  if (!host || hidden.length === 0) return host;
  const gone = new Set(hidden.flatMap((p) => (p.netns ? [p.netns] : [])));
  const ends = new Set(
    host.ifaces.filter((i) => i.peer && gone.has(i.peer.netns)).map((i) => i.name),
  );
  return { ...host, tc: host.tc.filter((t) => !ends.has(t.iface)) };
}

/**
 * Reads the topology (and the walk, for what it reaches) into one plan per node drawn: the
 * selection (onPath.ts) says which nodes and pods those are.
 */
export function nodePlans(
  cluster: Topology,
  hops: readonly Hop[],
  selection: DiagramSelection = everything(cluster),
): NodePlan[] {
  const rules = rulesMet(hops);
  const engines = enginesMet(hops);
  const used = new Set(hops.flatMap(referencedBadgeIds));
  const netns = Object.values(cluster.netns);
  const nodes = cluster.nodes.filter((n) => selection.nodes.has(n.name));
  return nodes.map((node) => {
    const more = selection.morePods.get(node.name) ?? [];
    const host = hostShown(
      netns.find((n) => n.kind === 'node' && n.node === node.name),
      more,
    );
    const hostId = host?.id ?? node.name;
    const pods: PodPlan[] = cluster.pods
      .filter((p) => p.node === node.name && selection.pods.has(p.netns))
      .map((pod) => {
        const ns = cluster.netns[pod.netns];
        return {
          pod,
          netnsId: pod.netns,
          ns,
          key: podKey(pod),
          boxKind: BOX_KIND[pod.kind],
          links: hostLinks(pod, ns, host),
          rules: RULE_KINDS.filter((k) => rules.get(pod.netns)?.has(k)),
          ...(engines.has(pod.netns) ? { netfilterWords: engines.get(pod.netns) } : {}),
          listeners: listenersReached(ns, used),
        };
      });
    return {
      node,
      key: `node:${node.name}`,
      hostId,
      host,
      above: pods.filter((p) => p.pod.kind !== 'ztunnel'),
      below: pods.filter((p) => p.pod.kind === 'ztunnel'),
      more,
      uplink: host?.ifaces.find((i) => i.kind === 'uplink'),
      hostRules: RULE_KINDS,
      ...(engines.has(hostId) ? { hostNetfilterWords: engines.get(hostId) } : {}),
      hostListeners: listenersReached(host, used),
    };
  });
}

/** The network the nodes' uplinks share, from their addresses (a CIDR: the network and its prefix). */
export function sharedNetwork(plans: readonly NodePlan[]): string | null {
  const nets = new Set<string>();
  for (const p of plans) {
    const cidr = p.uplink?.addrs[0]?.cidr;
    if (cidr) nets.add(networkOf(cidr));
  }
  return nets.size === 1 ? ([...nets][0] ?? null) : null;
}

function networkOf(cidr: string): string {
  const [addr = '', lenText = '32'] = cidr.split('/');
  const len = Number(lenText);
  const n = addr.split('.').reduce((acc, o) => acc * 256 + Number(o), 0);
  const size = 2 ** (32 - len);
  const base = Math.floor(n / size) * size;
  const octets = [24, 16, 8, 0].map((s) => Math.floor(base / 2 ** s) % 256);
  return `${octets.join('.')}/${len}`;
}
