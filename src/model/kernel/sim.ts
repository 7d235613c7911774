/**
 * The state one walk runs against: the cluster (read-only), plus what the walk creates as it
 * goes — conntrack entries per namespace, the sockets connections open, and the hops emitted.
 * Each `walk()` makes its own Sim, so the model stays a pure function of its inputs.
 */
import type { Ipv4 } from '../addresses';
import type {
  Cluster,
  Iface,
  Listener,
  Netns,
  NetnsId,
  PodInfo,
  ProcessId,
} from '../cluster/types';
import type { HopRecord, HopWhere } from '../hop';
import { inNetns } from './commands';
import {
  invertTuple,
  sameTuple,
  tupleOf,
  type FiveTuple,
  type IpPacket,
  type TransportProto,
} from '../packet';

export interface CtEntry {
  readonly id: number;
  /** The conntrack zone (`-j CT --zone`); 0 by default. */
  readonly zone: number;
  readonly orig: FiveTuple;
  reply: FiveTuple;
  mark: number;
  /** The original destination when a DNAT/REDIRECT rewrote it (reversed on replies). */
  natDst?: { readonly ip: Ipv4; readonly port: number };
  /**
   * Which NAT manipulations the connection already has (nf_nat_initialized): the nat table is
   * consulted once per connection for the destination (PREROUTING or OUTPUT) and once for the
   * source (INPUT or POSTROUTING), so a packet that re-enters the stack on lo meets no nat rule.
   */
  natDone: Set<'dst' | 'src'>;
  seenReply: boolean;
}

export interface CtLookup {
  readonly entry: CtEntry;
  readonly dir: 'orig' | 'reply';
  readonly created: boolean;
}

export interface SocketEntry {
  readonly id: string;
  readonly netns: NetnsId;
  readonly proto: TransportProto;
  readonly localIp: Ipv4;
  readonly localPort: number;
  readonly remoteIp?: Ipv4;
  readonly remotePort?: number;
  readonly state: 'LISTEN' | 'ESTABLISHED';
  readonly transparent: boolean;
  readonly process: ProcessId;
  readonly listener?: Listener;
  /** SO_MARK on the socket's packets. */
  readonly mark: number;
}

export class Sim {
  readonly hops: HopRecord[] = [];
  private readonly conntrack = new Map<string, CtEntry[]>();
  private readonly sockets: SocketEntry[] = [];
  private ctSeq = 0;
  private socketSeq = 0;

  constructor(readonly cluster: Cluster) {
    for (const ns of Object.values(cluster.netns)) {
      for (const l of ns.listeners) {
        this.sockets.push({
          id: `${ns.id}|${l.proto}|${l.ip}:${l.port}`,
          netns: ns.id,
          proto: l.proto,
          localIp: l.ip,
          localPort: l.port,
          state: 'LISTEN',
          transparent: l.transparent,
          process: l.process,
          listener: l,
          mark: l.mark ?? 0,
        });
      }
    }
  }

  emit(h: HopRecord): void {
    this.hops.push(h);
  }

  /** The live command that runs `command` in `ns` on a real cluster. */
  command(ns: Netns, command: string): string {
    return inNetns(ns, this.podNamespace(ns), command);
  }

  netns(id: NetnsId | string): Netns {
    const ns = this.cluster.netns[id];
    if (!ns) throw new Error(`no network namespace ${id}`);
    return ns;
  }

  iface(ns: Netns, name: string): Iface {
    const i = ns.ifaces.find((x) => x.name === name);
    if (!i) throw new Error(`${ns.id}: no interface ${name}`);
    return i;
  }

  ifaceByIndex(ns: Netns, ifindex: number): Iface {
    const i = ns.ifaces.find((x) => x.ifindex === ifindex);
    if (!i) throw new Error(`${ns.id}: no interface with ifindex ${ifindex}`);
    return i;
  }

  /** The node's root namespace for any namespace on it. */
  nodeNetns(ns: Netns): Netns {
    return this.netns(ns.node);
  }

  pod(ns: Netns): PodInfo | undefined {
    return this.cluster.pods.find((p) => p.netns === ns.id);
  }

  podNamespace(ns: Netns): string {
    return this.pod(ns)?.namespace ?? 'default';
  }

  /** True when `ip` is one of the namespace's own addresses. */
  isLocalAddress(ns: Netns, ip: Ipv4): boolean {
    return ns.ifaces.some((i) => i.addrs.some((a) => a.ip === ip)) || ip.startsWith('127.');
  }

  where(
    ns: Netns,
    opts: { iface?: string; anchor?: 'stack' | 'proc'; componentLabel?: string } = {},
  ): HopWhere {
    const pod = this.pod(ns);
    const iface = opts.iface ? ns.ifaces.find((i) => i.name === opts.iface) : undefined;
    const component: HopWhere['component'] =
      iface?.kind === 'geneve'
        ? 'tunnel'
        : ns.kind === 'node'
          ? iface?.kind === 'veth'
            ? 'veth'
            : 'node'
          : pod?.kind === 'ztunnel' || pod?.kind === 'waypoint'
            ? pod.kind
            : 'pod';
    return {
      node: ns.node,
      netns: ns.id,
      netnsLabel: ns.label,
      component,
      componentLabel: opts.componentLabel ?? opts.iface ?? (pod ? pod.name.value : ns.label),
      ...(opts.iface ? { iface: opts.iface } : {}),
      anchor: `${ns.id}#${opts.iface ?? opts.anchor ?? 'stack'}`,
    };
  }

  // ---- conntrack -------------------------------------------------------------------------

  /** Finds the packet's connection in `ns` (in its zone), creating it (NEW) when there is none. */
  ctLookup(ns: Netns, p: IpPacket): CtLookup {
    const t = tupleOf(p);
    const zone = p.skb.ctZone ?? 0;
    const list = this.conntrack.get(ns.id) ?? [];
    for (const entry of list) {
      if (entry.zone !== zone) continue;
      // After NAT the original direction carries the translated tuple, and a reply whose NAT
      // was already reversed carries the original one inverted.
      if (sameTuple(entry.orig, t) || sameTuple(invertTuple(entry.reply), t)) {
        return { entry, dir: 'orig', created: false };
      }
      if (sameTuple(entry.reply, t) || sameTuple(invertTuple(entry.orig), t)) {
        entry.seenReply = true;
        return { entry, dir: 'reply', created: false };
      }
    }
    const entry: CtEntry = {
      id: this.ctSeq++,
      zone,
      orig: t,
      reply: invertTuple(t),
      mark: 0,
      natDone: new Set(),
      seenReply: false,
    };
    list.push(entry);
    this.conntrack.set(ns.id, list);
    return { entry, dir: 'orig', created: true };
  }

  /**
   * SO_ORIGINAL_DST: where a connection that `packet` (as it arrived, after NAT) belongs to was
   * going before a REDIRECT or DNAT rewrote it; the packet's own destination when none did.
   */
  originalDestination(nsId: NetnsId, packet: IpPacket): { ip: Ipv4; port: number } {
    const t = tupleOf(packet);
    const entry = (this.conntrack.get(nsId) ?? []).find(
      (e) => e.natDst && sameTuple(invertTuple(e.reply), t),
    );
    return entry?.natDst ?? { ip: packet.ip.dst, port: packet.l4.dport };
  }

  // ---- sockets ---------------------------------------------------------------------------

  openSocket(s: Omit<SocketEntry, 'id'>): SocketEntry {
    const entry: SocketEntry = { ...s, id: `${s.netns}|${s.proto}|sock${this.socketSeq++}` };
    this.sockets.push(entry);
    return entry;
  }

  socketById(id: string): SocketEntry | undefined {
    return this.sockets.find((s) => s.id === id);
  }

  /** An established socket for the packet (local = its destination, remote = its source). */
  establishedFor(ns: Netns, p: IpPacket): SocketEntry | undefined {
    return this.sockets.find(
      (s) =>
        s.netns === ns.id &&
        s.state === 'ESTABLISHED' &&
        s.proto === p.ip.proto &&
        s.localIp === p.ip.dst &&
        s.localPort === p.l4.dport &&
        s.remoteIp === p.ip.src &&
        s.remotePort === p.l4.sport,
    );
  }

  listenerFor(ns: Netns, proto: TransportProto, ip: Ipv4, port: number): SocketEntry | undefined {
    return this.sockets.find(
      (s) =>
        s.netns === ns.id &&
        s.state === 'LISTEN' &&
        s.proto === proto &&
        s.localPort === port &&
        (s.localIp === ip || s.localIp === '0.0.0.0'),
    );
  }

  /** The kernel's socket lookup on local delivery (tcp_v4_rcv / udp_rcv). */
  socketFor(ns: Netns, p: IpPacket): SocketEntry | undefined {
    if (p.skb.assignedSocket) {
      const assigned = this.socketById(p.skb.assignedSocket);
      if (assigned) return assigned;
    }
    const est = this.establishedFor(ns, p);
    if (est) return est;
    const l = this.listenerFor(ns, p.ip.proto, p.ip.dst, p.l4.dport);
    // A listener only takes packets for a non-local address when TPROXY assigned them.
    if (l && (this.isLocalAddress(ns, p.ip.dst) || l.localIp === p.ip.dst)) return l;
    return undefined;
  }
}
