/**
 * GENEVE (drivers/net/geneve.c): transmitting on a geneve device wraps the packet in UDP to the
 * device's remote; a UDP packet to a local geneve device's port, from its remote, with its VNI,
 * is unwrapped and appears on that device.
 */
import type { Netns } from '../../cluster/types';
import { withSkb, type IpPacket } from '../../packet';
import { fibLookup } from '../../routing/lookup';
import { SRC } from '../../upstream';
import type { Sim } from '../sim';
import { dropped, type Step } from '../step';

export function geneveEncap(sim: Sim, ns: Netns, ifname: string, inner: IpPacket): Step {
  const dev = sim.iface(ns, ifname);
  const g = dev.geneve;
  if (!g) return dropped(ns.id, `${ifname} is not GENEVE`, inner);
  // The outer route is looked up with the inner packet's mark (geneve_get_v4_rt sets
  // flowi4_mark = skb->mark): that is why tables 100 and 101 hold a route to the ztunnel pod.
  const outerRoute = fibLookup(ns.ipRules, ns.routes, { dst: g.remote, mark: inner.skb.mark });
  const srcIp =
    outerRoute?.route.src ??
    (outerRoute ? sim.iface(ns, outerRoute.route.dev).addrs[0]?.ip : undefined);
  if (!outerRoute || !srcIp) return dropped(ns.id, `no route to GENEVE remote ${g.remote}`, inner);
  const outer: IpPacket = {
    ip: { src: srcIp, dst: g.remote, proto: 'udp' },
    l4: { sport: flowSourcePort(inner), dport: g.dport },
    skb: { mark: inner.skb.mark, connmark: 0 },
    payload: { kind: 'geneve', vni: g.vni, inner: withSkb(inner, { mark: 0, connmark: 0 }) },
  };
  sim.emit({
    fact: {
      kind: 'geneve',
      op: 'encap',
      netns: ns.id,
      iface: ifname,
      vni: g.vni,
      remote: g.remote,
      dport: g.dport,
      outerSrc: srcIp,
      routeRule: outerRoute.rule.id,
      route: outerRoute.route.id,
      innerMark: inner.skb.mark,
    },
    where: sim.where(ns, { iface: ifname }),
    packetBefore: inner,
    packetAfter: outer,
    changes: ['ip', 'l4', 'payload', 'skb.connmark', 'skb.assignedSocket'],
    sources: [dev.prov.kind === 'verified' ? dev.prov.ref : SRC.netLinux118, SRC.linuxGeneve],
    provenance: dev.prov,
    command: sim.command(ns, `ip -d link show ${ifname}`),
  });
  return {
    kind: 'send',
    netns: ns.id,
    packet: outer,
    opts: { socketExists: true, route: outerRoute },
  };
}

/** A tunnel packet delivered locally: the device it belongs to unwraps it, or it is dropped. */
export function geneveDecap(sim: Sim, ns: Netns, p: IpPacket): Step {
  const payload = p.payload;
  if (payload.kind !== 'geneve') return dropped(ns.id, 'not a GENEVE packet', p);
  const dev = ns.ifaces.find(
    (i) =>
      i.kind === 'geneve' &&
      i.geneve?.vni === payload.vni &&
      i.geneve.dport === p.l4.dport &&
      i.geneve.remote === p.ip.src,
  );
  if (!dev?.geneve) return dropped(ns.id, `no GENEVE device for VNI ${payload.vni}`, p);
  const inner = withSkb(payload.inner, { mark: p.skb.mark, connmark: 0 });
  sim.emit({
    fact: {
      kind: 'geneve',
      op: 'decap',
      netns: ns.id,
      iface: dev.name,
      vni: payload.vni,
      remote: dev.geneve.remote,
      dport: dev.geneve.dport,
      outer: {
        proto: p.ip.proto,
        src: p.ip.src,
        sport: p.l4.sport,
        dst: p.ip.dst,
        dport: p.l4.dport,
      },
    },
    where: sim.where(ns, { iface: dev.name }),
    packetBefore: p,
    packetAfter: inner,
    changes: ['ip', 'l4', 'payload', 'skb.connmark', 'skb.assignedSocket'],
    sources: [dev.prov.kind === 'verified' ? dev.prov.ref : SRC.netLinux118, SRC.linuxGeneve],
    provenance: dev.prov,
    command: sim.command(ns, `ip -d link show ${dev.name}`),
  });
  return { kind: 'receive', netns: ns.id, iface: dev.name, packet: inner };
}

/**
 * The UDP source port of a tunnel packet: a hash of the inner flow in the ephemeral range, as
 * udp_flow_src_port does, so different inner flows spread over different outer ports.
 */
function flowSourcePort(inner: IpPacket): number {
  const key = `${inner.ip.src}:${inner.l4.sport}>${inner.ip.dst}:${inner.l4.dport}`;
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619) >>> 0;
  return 32768 + (h % 28232);
}
