/** A pod's and a node's network namespaces as kind + kindnet set them up (before Istio). */
import { inCidr } from '../addresses';
import { illustrative } from '../provenance';
import { HOST_IP_PROV, INTERNAL_IP_PROV, type NodeFacts } from './kind';
import type { NodeNetwork } from './types';
import { KINDNET_PROV, NetnsBuilder } from './netnsBuilder';
import { nodeNetnsId, podNetnsId, type Placed } from './placement';

export function podNetns(p: Placed): NetnsBuilder {
  const f = p.facts;
  const ns = new NetnsBuilder(podNetnsId(p.node, f.role), p.node.name, 'pod', f.name, f.role);
  const gw = p.node.hostIp;
  ns.iface({
    name: 'lo',
    ifindex: 1,
    kind: 'loopback',
    addrs: [{ cidr: '127.0.0.1/8', prov: KINDNET_PROV }],
    role: 'loopback',
    prov: KINDNET_PROV,
  })
    .iface({
      name: 'eth0',
      ifindex: 3,
      kind: 'veth',
      addrs: [{ cidr: `${f.ip}/24`, prov: f.ipProv }],
      mac: f.mac,
      peer: { netns: nodeNetnsId(p.node), iface: f.hostVeth },
      role: `${f.name}'s eth0`,
      prov: KINDNET_PROV,
      noConnectedRoute: true,
    })
    .route(
      `ip route add 0.0.0.0/0 via ${gw} dev eth0`,
      KINDNET_PROV,
      "the pod's default route, to the node",
    )
    .route(
      `ip route add ${p.node.podCidr} via ${gw} dev eth0 src ${f.ip}`,
      KINDNET_PROV,
      'ptp replaces the connected route: even pods on the same node are reached through the host',
    )
    .route(
      `ip route add ${gw} dev eth0 scope link src ${f.ip}`,
      KINDNET_PROV,
      'the node end of the veth is directly reachable',
    );
  return ns;
}

const STRAY_POD_PROV = illustrative(
  "a host route to a pod outside its node's PodCIDR, so the walk can reach it as the CNI would",
);

export function nodeNetns(
  node: NodeFacts,
  others: readonly NodeFacts[],
  pods: readonly Placed[],
  net: NodeNetwork,
): NetnsBuilder {
  const internalProv = node.internalIpProv ?? INTERNAL_IP_PROV;
  const ns = new NetnsBuilder(nodeNetnsId(node), node.name, 'node', `${node.name} (host)`);
  ns.iface({
    name: 'lo',
    ifindex: 1,
    kind: 'loopback',
    addrs: [{ cidr: '127.0.0.1/8', prov: KINDNET_PROV }],
    role: 'loopback',
    prov: KINDNET_PROV,
  });
  ns.iface({
    name: 'eth0',
    ifindex: node.uplinkIfindex,
    kind: 'uplink',
    addrs: [{ cidr: `${node.internalIp}/${net.uplinkPrefix}`, prov: internalProv }],
    mac: node.uplinkMac,
    role: net.uplinkRole(node.name),
    prov: internalProv,
  });
  for (const p of pods.filter((x) => x.node === node)) {
    ns.iface({
      name: p.facts.hostVeth,
      ifindex: p.facts.hostVethIfindex,
      kind: 'veth',
      addrs: [{ cidr: `${node.hostIp}/32`, prov: node.hostIpProv ?? HOST_IP_PROV }],
      peer: { netns: podNetnsId(node, p.facts.role), iface: 'eth0' },
      role: `${p.facts.name}'s host-side veth`,
      prov: KINDNET_PROV,
    });
    ns.route(
      `ip route add ${p.facts.ip} dev ${p.facts.hostVeth} scope host`,
      KINDNET_PROV,
      `${p.facts.name} is behind this veth`,
    );
  }
  ns.route(
    `ip route add 0.0.0.0/0 via ${net.gateway.ip} dev eth0`,
    net.gateway.prov,
    net.gateway.why,
  );
  for (const other of others)
    ns.route(
      `ip route add ${other.podCidr} via ${other.internalIp} dev eth0`,
      KINDNET_PROV,
      `kindnet: ${other.name}'s pods are reached through ${other.name}`,
    );
  for (const r of net.extraRoutes)
    ns.route(`ip route add ${r.cidr} via ${r.via} dev eth0`, KINDNET_PROV, r.why);
  // A pod whose address is outside its node's range (a dump's pods do not always share one /24)
  // is reached through its node all the same: a host route, labelled as made up.
  for (const other of others)
    for (const p of pods)
      if (p.node === other && !inCidr(p.facts.ip, other.podCidr))
        ns.route(
          `ip route add ${p.facts.ip} via ${other.internalIp} dev eth0`,
          STRAY_POD_PROV,
          `${p.facts.name} runs on ${other.name} with an address outside ${other.podCidr}`,
        );
  return ns;
}
