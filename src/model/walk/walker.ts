/**
 * The walk's bookkeeping: it opens sockets and sends packets through the kernel model, records
 * which leg each hop belongs to, and turns the emitted drafts into ordered hops with a stage, an
 * overview group and a flow label.
 */
import type { Ipv4 } from '../addresses';
import type { Netns, NetnsId, ProcessId } from '../cluster/types';
import type { Hop, HopDraft, Stage } from '../hop';
import { send, type Arrival } from '../kernel/stack';
import { Sim, type SocketEntry } from '../kernel/sim';
import { inNetns } from '../kernel/commands';
import type { IpPacket, StreamLayer, TcpFlags, TransportProto } from '../packet';
import { legStages, overviewGroups, stagesForLeg, type LegKind, type ReceiverKind } from './stages';
import type { Cluster } from '../cluster/types';

export interface Accepted {
  readonly arrival: Extract<Arrival, { kind: 'socket' }>;
  /** The server-side socket the listener's accept() returned. */
  readonly server: SocketEntry;
  readonly client: SocketEntry;
}

export class Walker {
  readonly sim: Sim;
  private readonly stages: Array<Stage | undefined> = [];
  private readonly flows: string[] = [];
  readonly notes: string[] = [];

  constructor(readonly cluster: Cluster) {
    this.sim = new Sim(cluster);
  }

  ns(id: NetnsId | string): Netns {
    return this.sim.netns(id);
  }

  command(ns: Netns, command: string): string {
    return inNetns(ns, this.sim.podNamespace(ns), command);
  }

  note(text: string): void {
    if (!this.notes.includes(text)) this.notes.push(text);
  }

  /** A hop a process emits itself (an application, ztunnel, the waypoint). */
  hop(stage: Stage, flow: string, draft: HopDraft): void {
    this.sim.emit(draft);
    this.stages.push(stage);
    this.flows.push(flow);
  }

  /** Runs the kernel for one packet and assigns the hops it emitted to this leg's stages. */
  leg(kind: LegKind, flow: string, senderNetns: NetnsId, run: () => Arrival): Arrival {
    const start = this.sim.hops.length;
    const arrival = run();
    const drafts = this.sim.hops.slice(start);
    const receiverNetns = arrival.kind === 'socket' ? arrival.netns : undefined;
    const stages = stagesForLeg(
      drafts,
      legStages(kind, this.receiverKind(arrival)),
      senderNetns,
      receiverNetns,
    );
    for (const s of stages) {
      this.stages.push(s);
      this.flows.push(flow);
    }
    return arrival;
  }

  private receiverKind(a: Arrival): ReceiverKind {
    if (a.kind !== 'socket') return 'other';
    const proc = this.cluster.processes[a.socket.process];
    if (a.socket.state === 'ESTABLISHED') return 'client';
    if (!proc) return 'other';
    if (proc.kind === 'ztunnel')
      return a.socket.listener?.name === 'outbound' ? 'ztunnel-outbound' : 'ztunnel-inbound';
    if (proc.kind === 'waypoint') return 'waypoint';
    if (proc.kind === 'httpbin') return 'app';
    return 'other';
  }

  /** A TCP client socket in `netns` (bound to `local`, optionally IP_TRANSPARENT). */
  socket(args: {
    netns: NetnsId;
    proto?: TransportProto;
    localIp: Ipv4;
    localPort: number;
    remoteIp: Ipv4;
    remotePort: number;
    process: ProcessId;
    transparent?: boolean;
    mark?: number;
  }): SocketEntry {
    return this.sim.openSocket({
      netns: args.netns,
      proto: args.proto ?? 'tcp',
      localIp: args.localIp,
      localPort: args.localPort,
      remoteIp: args.remoteIp,
      remotePort: args.remotePort,
      state: 'ESTABLISHED',
      transparent: args.transparent ?? false,
      process: args.process,
      mark: args.mark ?? 0,
    });
  }

  /** The first packet from a client socket: a SYN (TCP) or the datagram (UDP). */
  packetFrom(sock: SocketEntry, layers: readonly StreamLayer[], flags?: TcpFlags): IpPacket {
    return {
      ip: { src: sock.localIp, dst: sock.remoteIp as Ipv4, proto: sock.proto },
      l4: {
        sport: sock.localPort,
        dport: sock.remotePort as number,
        ...(sock.proto === 'tcp' ? { flags: flags ?? 'SYN' } : {}),
      },
      skb: { mark: sock.mark, connmark: 0 },
      payload: { kind: 'stream', layers },
    };
  }

  /** A segment the server side of a connection sends back to its client. */
  replyFrom(server: SocketEntry, layers: readonly StreamLayer[], flags: TcpFlags): IpPacket {
    return {
      ip: { src: server.localIp, dst: server.remoteIp as Ipv4, proto: server.proto },
      l4: {
        sport: server.localPort,
        dport: server.remotePort as number,
        ...(server.proto === 'tcp' ? { flags } : {}),
      },
      skb: { mark: server.mark, connmark: 0 },
      payload: { kind: 'stream', layers },
    };
  }

  /** Sends `packet` from `sock`'s namespace through the kernel as one leg. */
  sendLeg(kind: LegKind, flow: string, sock: SocketEntry, packet: IpPacket): Arrival {
    return this.leg(kind, flow, sock.netns, () =>
      send(this.sim, sock.netns, packet, { socketExists: true }),
    );
  }

  /** When a SYN reached a listener, accept() gives a connected socket: local = where it was addressed. */
  accept(arrival: Extract<Arrival, { kind: 'socket' }>, client: SocketEntry): Accepted {
    const p = arrival.packet;
    const server = this.sim.openSocket({
      netns: arrival.netns,
      proto: p.ip.proto,
      localIp: p.ip.dst,
      localPort: p.l4.dport,
      remoteIp: p.ip.src,
      remotePort: p.l4.sport,
      state: 'ESTABLISHED',
      transparent: arrival.socket.transparent,
      process: arrival.socket.process,
      ...(arrival.socket.listener ? { listener: arrival.socket.listener } : {}),
      mark: 0,
    });
    return { arrival, server, client };
  }

  /** The ordered hops, with stage, overview group and flow. */
  hops(): Hop[] {
    const drafts = this.sim.hops;
    if (drafts.length !== this.stages.length) {
      throw new Error(`internal: ${drafts.length} hops but ${this.stages.length} stages`);
    }
    const staged = drafts.map((d, i) => ({ ...d, stage: this.stages[i] as Stage }));
    const groups = overviewGroups(staged);
    return staged.map((d, i) => ({
      ...d,
      index: i,
      id: `hop-${i + 1}`,
      group: groups[i] as Hop['group'],
      flow: this.flows[i] as string,
    }));
  }
}
