/**
 * The Linux packet path, as far as the walk needs it. Each stage returns the next step, and one
 * loop runs them, so devices and hooks never call back up the stack:
 *
 *   receive:  tc ingress → PREROUTING raw → conntrack → PREROUTING (mangle, nat) → routing →
 *             local: INPUT → (GENEVE decap | socket)  |  forward: FORWARD → POSTROUTING → transmit
 *   send:     routing → OUTPUT raw → conntrack → OUTPUT (mangle, nat, filter) → [reroute] → POSTROUTING
 *             → transmit
 *   transmit: tc egress → the device: loopback, a veth peer, GENEVE encap, or the wire
 *
 * (net/ipv4/ip_input.c, ip_forward.c, ip_output.c.) Every stage that acts records a hop.
 */
import { WalkStopped } from '../stopped';
import type { Ipv4 } from '../addresses';
import type { Netns, NetnsId } from '../cluster/types';
import type { IpPacket } from '../packet';
import { inferred } from '../provenance';
import { SRC } from '../upstream';
import type { RouteDecision } from '../routing/lookup';
import { applyAssumption } from './assumptions';
import { conntrackIn, recordNat, reverseNat, saveConnmark, type ConntrackIn } from './conntrack';
import { geneveDecap, geneveEncap } from './devices/geneve';
import { crossVeth } from './devices/veth';
import { onTheWire } from './devices/wire';
import { runHook } from './hooks';
import { routeQuery } from './routeQuery';
import type { Sim } from './sim';
import { done, dropped, type Arrival, type SendOptions, type Step } from './step';
import { runTc } from './tc';

export type { Arrival, SendOptions } from './step';

/** More stack traversals than this for one packet is a redirect loop in bad data. */
const MAX_STEPS = 64;

/** Runs the packet path from `first` until the packet reaches a socket, is dropped, or leaves. */
function run(sim: Sim, first: Step): Arrival {
  let step = first;
  let count = 0;
  while (step.kind !== 'done') {
    if (++count > MAX_STEPS)
      throw new WalkStopped('packet loop: more than 64 stack traversals', 'dropped');
    switch (step.kind) {
      case 'receive':
        step = receiveStep(sim, step.netns, step.iface, step.packet);
        break;
      case 'send':
        step = sendStep(sim, step.netns, step.packet, step.opts);
        break;
      case 'transmit':
        step = transmitStep(sim, step.netns, step.iface, step.packet, step.nexthop);
        break;
    }
  }
  return step.arrival;
}

/** A packet generated in `nsId` (by a socket) leaves through the stack; where does it end up? */
export function send(sim: Sim, nsId: NetnsId, packet: IpPacket, opts: SendOptions): Arrival {
  return run(sim, { kind: 'send', netns: nsId, packet, opts });
}

/** A packet arrives on `ifname` of namespace `nsId`; where does it end up? */
export function receive(sim: Sim, nsId: NetnsId, ifname: string, packet: IpPacket): Arrival {
  return run(sim, { kind: 'receive', netns: nsId, iface: ifname, packet });
}

function receiveStep(sim: Sim, nsId: NetnsId, iif: string, packet: IpPacket): Step {
  const ns = sim.netns(nsId);
  const tc = runTc(sim, ns, iif, 'ingress', packet);
  if (tc.kind === 'shot') return dropped(ns.id, 'TC_ACT_SHOT', tc.packet);
  if (tc.kind === 'redirect')
    return {
      kind: 'transmit',
      netns: ns.id,
      iface: tc.ifname,
      packet: tc.packet,
      nexthop: undefined,
    };

  // raw runs before conntrack looks the packet up (its CT target picks the zone).
  const raw = runHook(sim, ns, 'PREROUTING', tc.packet, {
    iif,
    ctNew: true,
    socketExists: false,
    tables: ['raw'],
  });
  if (raw.dropped) return dropped(ns.id, 'dropped in PREROUTING', raw.packet);
  const ct = conntrackIn(sim, ns, raw.packet);
  let p = ct.packet;
  const pre = runHook(sim, ns, 'PREROUTING', p, {
    iif,
    ctNew: ct.ctNew,
    socketExists: false,
    natDone: ct.natDone,
    tables: ['mangle', 'nat'],
  });
  if (pre.dropped) return dropped(ns.id, 'dropped in PREROUTING', pre.packet);
  recordNat(sim, ns, p, pre.nat);
  p = pre.packet;
  saveConnmark(sim, ns, p);

  const assumed = applyAssumption(sim, ns, p);
  if (assumed) return deliverLocal(sim, ns, assumed);

  const d = routeQuery(sim, ns, p, iif, 'route');
  if (!d) return dropped(ns.id, 'no route', p);
  if (d.route.type === 'local') return localIn(sim, ns, iif, p, ct);
  return forward(sim, ns, iif, p, d, ct);
}

function localIn(sim: Sim, ns: Netns, iif: string, packet: IpPacket, ct: ConntrackIn): Step {
  const input = runHook(sim, ns, 'INPUT', packet, {
    iif,
    ctNew: ct.ctNew,
    socketExists: false,
    natDone: ct.natDone,
  });
  if (input.dropped) return dropped(ns.id, 'dropped in INPUT', input.packet);
  const p = input.packet;
  saveConnmark(sim, ns, p);
  if (p.payload.kind === 'geneve' && p.ip.proto === 'udp') return geneveDecap(sim, ns, p);
  return deliverLocal(sim, ns, p);
}

/**
 * The kernel's socket lookup on local delivery (tcp_v4_rcv / udp_rcv). With no socket, TCP is
 * answered with a reset and UDP with an ICMP port unreachable; either way the packet stops here.
 */
function deliverLocal(sim: Sim, ns: Netns, p: IpPacket): Step {
  const socket = sim.socketFor(ns, p);
  if (socket) return done({ kind: 'socket', netns: ns.id, socket, packet: p });
  sim.emit({
    fact: {
      kind: 'no-socket',
      netns: ns.id,
      proto: p.ip.proto,
      dst: { ip: p.ip.dst, port: p.l4.dport },
      answer: p.ip.proto === 'tcp' ? 'tcp-rst' : 'icmp-port-unreachable',
    },
    where: sim.where(ns, { anchor: 'stack' }),
    packetBefore: p,
    packetAfter: null,
    changes: ['*'],
    sources: [p.ip.proto === 'tcp' ? SRC.linuxTcpIpv4 : SRC.linuxUdp],
    provenance: inferred(
      p.ip.proto === 'tcp' ? SRC.linuxTcpIpv4 : SRC.linuxUdp,
      'no socket for the destination: the kernel refuses the packet',
    ),
    command: sim.command(ns, `ss -lnp${p.ip.proto === 'tcp' ? 't' : 'u'} 'sport = :${p.l4.dport}'`),
  });
  return dropped(ns.id, `nothing listens on ${p.ip.dst}:${p.l4.dport}`, p);
}

function forward(
  sim: Sim,
  ns: Netns,
  iif: string,
  packet: IpPacket,
  d: RouteDecision,
  ct: ConntrackIn,
): Step {
  const oif = d.route.dev;
  const { ctNew, natDone } = ct;
  const fwd = runHook(sim, ns, 'FORWARD', packet, { iif, oif, ctNew, socketExists: false });
  if (fwd.dropped) return dropped(ns.id, 'dropped in FORWARD', fwd.packet);
  saveConnmark(sim, ns, fwd.packet);
  const post = runHook(sim, ns, 'POSTROUTING', fwd.packet, {
    oif,
    ctNew,
    socketExists: false,
    natDone,
  });
  if (post.dropped) return dropped(ns.id, 'dropped in POSTROUTING', post.packet);
  saveConnmark(sim, ns, post.packet);
  const p = reverseNat(sim, ns, post.packet);
  return {
    kind: 'transmit',
    netns: ns.id,
    iface: oif,
    packet: p,
    nexthop: d.route.via ?? p.ip.dst,
  };
}

function sendStep(sim: Sim, nsId: NetnsId, packet: IpPacket, opts: SendOptions): Step {
  const ns = sim.netns(nsId);
  let d = opts.route ?? routeQuery(sim, ns, packet, undefined, 'route');
  if (!d) return dropped(ns.id, 'no route', packet);
  const raw = runHook(sim, ns, 'OUTPUT', packet, {
    oif: outputDevice(d),
    ctNew: true,
    socketExists: opts.socketExists,
    tables: ['raw'],
  });
  if (raw.dropped) return dropped(ns.id, 'dropped in OUTPUT', raw.packet);
  const ct = conntrackIn(sim, ns, raw.packet);
  let p = ct.packet;
  const out = runHook(sim, ns, 'OUTPUT', p, {
    oif: outputDevice(d),
    ctNew: ct.ctNew,
    socketExists: opts.socketExists,
    natDone: ct.natDone,
    tables: ['mangle', 'nat', 'filter'],
  });
  if (out.dropped) return dropped(ns.id, 'dropped in OUTPUT', out.packet);
  recordNat(sim, ns, p, out.nat);
  // A mark or destination changed in OUTPUT means the route is looked up again (ip_route_me_harder).
  const rerouted = out.packet.skb.mark !== p.skb.mark || out.packet.ip.dst !== p.ip.dst;
  p = out.packet;
  if (rerouted) {
    d = routeQuery(sim, ns, p, undefined, 'reroute');
    if (!d) return dropped(ns.id, 'no route', p);
  }
  saveConnmark(sim, ns, p);
  const post = runHook(sim, ns, 'POSTROUTING', p, {
    oif: outputDevice(d),
    ctNew: ct.ctNew,
    socketExists: opts.socketExists,
    natDone: ct.natDone,
  });
  if (post.dropped) return dropped(ns.id, 'dropped in POSTROUTING', post.packet);
  saveConnmark(sim, ns, post.packet);
  const final = reverseNat(sim, ns, post.packet);
  if (d.route.type === 'local')
    return { kind: 'transmit', netns: ns.id, iface: 'lo', packet: final, nexthop: undefined };
  return {
    kind: 'transmit',
    netns: ns.id,
    iface: d.route.dev,
    packet: final,
    nexthop: d.route.via ?? final.ip.dst,
  };
}

/** The device a routed packet leaves by: a local route sends it over lo (ip_route_output). */
function outputDevice(d: RouteDecision): string {
  return d.route.type === 'local' ? 'lo' : d.route.dev;
}

function transmitStep(
  sim: Sim,
  nsId: NetnsId,
  ifname: string,
  packet: IpPacket,
  nexthop: Ipv4 | undefined,
): Step {
  const ns = sim.netns(nsId);
  const tc = runTc(sim, ns, ifname, 'egress', packet);
  if (tc.kind === 'shot') return dropped(ns.id, 'TC_ACT_SHOT', tc.packet);
  if (tc.kind === 'redirect')
    return {
      kind: 'transmit',
      netns: ns.id,
      iface: tc.ifname,
      packet: tc.packet,
      nexthop: undefined,
    };
  const p = tc.packet;
  const dev = sim.iface(ns, ifname);
  switch (dev.kind) {
    case 'loopback':
      return { kind: 'receive', netns: ns.id, iface: 'lo', packet: p };
    case 'veth':
      return crossVeth(sim, ns, dev.name, p);
    case 'geneve':
      return geneveEncap(sim, ns, dev.name, p);
    case 'uplink':
      return onTheWire(sim, ns, dev.name, p, nexthop ?? p.ip.dst);
  }
}
