/** A pod's and a node's network namespaces as kind + kindnet set them up (before Istio). */
import { EXTERNAL, HOST_IP_PROV, INTERNAL_IP_PROV, type NodeFacts } from './kind';
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

export function nodeNetns(
  node: NodeFacts,
  others: readonly NodeFacts[],
  pods: readonly Placed[],
): NetnsBuilder {
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
    addrs: [{ cidr: `${node.internalIp}/16`, prov: INTERNAL_IP_PROV }],
    mac: node.uplinkMac,
    role: `${node.name}'s link to the kind network`,
    prov: INTERNAL_IP_PROV,
  });
  for (const p of pods.filter((x) => x.node === node)) {
    ns.iface({
      name: p.facts.hostVeth,
      ifindex: p.facts.hostVethIfindex,
      kind: 'veth',
      addrs: [{ cidr: `${node.hostIp}/32`, prov: HOST_IP_PROV }],
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
    `ip route add 0.0.0.0/0 via ${EXTERNAL.dockerGateway} dev eth0`,
    INTERNAL_IP_PROV,
    "the docker network's gateway",
  );
  for (const other of others)
    ns.route(
      `ip route add ${other.podCidr} via ${other.internalIp} dev eth0`,
      KINDNET_PROV,
      `kindnet: ${other.name}'s pods are reached through ${other.name}`,
    );
  ns.route(
    `ip route add ${EXTERNAL.controlPlanePodCidr} via ${EXTERNAL.controlPlane} dev eth0`,
    KINDNET_PROV,
    "kindnet: the control-plane node's pods (CoreDNS)",
  );
  return ns;
}
