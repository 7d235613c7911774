/** Words for what devices do to a packet: GENEVE encap and decap, a veth crossing, the wire. */
import { hex } from '../addresses';
import type { GeneveFact, VethFact, WireFact } from '../facts';
import { endpointsText, type IpPacket } from '../packet';
import { ipRuleText, routeText } from '../routing/render';
import { netnsOf, type Narrator } from './context';
import { sentences } from './prose';

/** Where a namespace is, in words: a pod's name, or the node's host namespace. */
function placeOf(ns: { kind: string; node: string; label: string }): string {
  return ns.kind === 'node' ? `${ns.node}'s host namespace` : ns.label;
}

export const narrateGeneve: Narrator<GeneveFact> = (f, { cluster, record }) => {
  const ns = netnsOf(cluster, f.netns);
  const dev = ns.ifaces.find((i) => i.name === f.iface);
  const tunnel = `geneve id ${f.vni} remote ${f.remote} dstport ${f.dport}`;
  if (f.op === 'encap') {
    const rule = ns.ipRules.find((r) => r.id === f.routeRule);
    const route = ns.routes.find((r) => r.id === f.route);
    const remoteOwner = Object.values(cluster.netns).find((n) =>
      n.ifaces.some((i) => i.addrs.some((a) => a.ip === f.remote)),
    );
    return {
      title: `GENEVE encap on ${f.iface}: VNI ${f.vni}, UDP ${f.outerSrc} → ${f.remote}:${f.dport}`,
      narration: `${f.iface} wraps the packet in GENEVE (VNI ${f.vni}) inside UDP from ${f.outerSrc} to ${f.remote}:${f.dport}${remoteOwner ? ` (${remoteOwner.label})` : ''}.`,
      why: sentences(
        dev?.role && `${f.iface} is the ${dev.role}`,
        `GENEVE carries the whole original packet, addresses untouched, to the other end of the tunnel; the outer route is chosen with the inner packet's mark (${hex(f.innerMark)})`,
      ),
      actor: {
        kind: 'geneve',
        name: `${f.iface} encap`,
        text: tunnel,
        details: [
          `outer route: ${rule ? ipRuleText(rule).replace('\t', ' ') : f.routeRule} → ${route ? routeText(route) : f.route}`,
          'UDP source port: a hash of the inner flow (illustrative)',
        ],
        refs: [{ netns: ns.id, section: 'ip-route', lineId: f.route }],
      },
    };
  }
  const inner = record.packetAfter as IpPacket;
  return {
    title: `GENEVE decap on ${f.iface} (VNI ${f.vni})`,
    narration: `The GENEVE driver strips the outer ${f.outer.src} → ${f.outer.dst}:${f.outer.dport} header; the inner packet appears on ${f.iface} as if it had arrived there.`,
    why: sentences(
      `${f.iface} is the end of the tunnel with VNI ${f.vni} and remote ${f.remote}`,
      dev?.role && `It is the ${dev.role}`,
    ),
    actor: {
      kind: 'geneve',
      name: `${f.iface} decap`,
      text: tunnel,
      details: [
        `outer: ${f.outer.src}:${f.outer.sport} → ${f.outer.dst}:${f.outer.dport} udp`,
        `inner: ${endpointsText(inner)}`,
      ],
      refs: [],
    },
  };
};

export const narrateVeth: Narrator<VethFact> = (f, { cluster }) => {
  const ns = netnsOf(cluster, f.netns);
  const peerNs = netnsOf(cluster, f.peer.netns);
  const dev = ns.ifaces.find((i) => i.name === f.iface);
  return {
    title:
      peerNs.kind === 'pod'
        ? `veth ${f.iface} → ${peerNs.label} ${f.peer.iface}`
        : `veth ${f.iface} → ${f.peer.iface} on ${peerNs.label}`,
    narration: `The packet crosses the veth pair: out of ${f.iface} in ${placeOf(ns)}, in at ${f.peer.iface} in ${placeOf(peerNs)}${f.clearedMark ? `; crossing namespaces clears the mark ${hex(f.clearedMark)}` : ''}.`,
    why: sentences(
      // A pod's own eth0 needs no introduction ("eth0 is sleep's eth0").
      dev?.role && !dev.role.endsWith(f.iface) && `${f.iface} is ${dev.role}`,
      'A veth pair is a cable between two network namespaces; the skb is scrubbed on the way (mark and conntrack reset)',
    ),
    actor: {
      kind: 'veth',
      name: `${f.iface} ⇄ ${f.peer.iface}`,
      text: `${ns.label}:${f.iface} → ${peerNs.label}:${f.peer.iface}`,
      details: [],
      refs: [],
    },
  };
};

export const narrateWire: Narrator<WireFact> = (f, { cluster, record }) => {
  const to = f.toNode ?? f.external ?? f.nexthop;
  const p = record.packetBefore as IpPacket;
  return {
    title: `on the wire: ${f.fromNode} ${f.iface} → ${to}`,
    narration: `The packet leaves ${f.fromNode} on ${f.iface} for next hop ${f.nexthop} (${to}), unchanged: ${endpointsText(p)}.`,
    why: f.toNode
      ? cluster.network.podRouting
      : 'This next hop is outside the nodes the walk models.',
    actor: {
      kind: 'wire',
      name: cluster.network.carrier,
      text: `${f.fromNode}:${f.iface} → ${f.nexthop}`,
      details: [],
      refs: [],
    },
  };
};
