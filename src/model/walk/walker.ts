/**
 * The walk's bookkeeping: it opens sockets and sends packets through the kernel model, hands
 * connections to the behaviour registered for the listener that took them, records which leg
 * each hop belongs to, and turns the recorded hops into ordered, narrated hops with a stage, an
 * overview group and a flow label.
 */
import type { Ipv4 } from '../addresses';
import type { Cluster, ListenerRole, Netns, NetnsId, PodInfo, ProcessId } from '../cluster/types';
import type { Lesson } from '../facts';
import type { Hop, HopRecord, Stage } from '../hop';
import { send, type Arrival } from '../kernel/stack';
import { Sim, type SocketEntry } from '../kernel/sim';
import { narrate, narrateLesson } from '../narrate';
import type { IpPacket, StreamLayer, TcpFlags, TransportProto } from '../packet';
import type { DatagramAnswer, Outcome, SocketArrival } from '../processes/types';
import { legStages, overviewGroups, stagesForLeg, type LegKind, type ReceiverKind } from './stages';

export interface Accepted {
  readonly arrival: Extract<Arrival, { kind: 'socket' }>;
  /** The server-side socket the listener's accept() returned. */
  readonly server: SocketEntry;
  readonly client: SocketEntry;
}

/** A process's behaviour for a TCP connection it accepted. */
export type StreamBehaviour = (w: Walker, acc: Accepted, flow: string) => Outcome;

/** A process's answer to a datagram (a DNS query). */
export type DatagramBehaviour = (w: Walker, arrival: SocketArrival, flow: string) => DatagramAnswer;

/** Which behaviour runs when a connection or a datagram reaches a listener of a given role. */
export interface ListenerTable {
  readonly stream: Partial<Readonly<Record<ListenerRole, StreamBehaviour>>>;
  readonly datagram: Partial<Readonly<Record<ListenerRole, DatagramBehaviour>>>;
}

export class Walker {
  readonly sim: Sim;
  private readonly stages: Array<Stage | undefined> = [];
  private readonly flows: string[] = [];
  readonly lessons: Lesson[] = [];
  /** The pod the request starts in, and the client process in it. */
  readonly client: PodInfo;
  readonly clientProcess: ProcessId;
  readonly clientLabel: string;

  constructor(
    readonly cluster: Cluster,
    private readonly listeners: ListenerTable,
  ) {
    this.sim = new Sim(cluster);
    const client = cluster.pods.find((p) => p.netns === cluster.request.client);
    if (!client) throw new Error(`the request's client ${cluster.request.client} is not a pod`);
    this.client = client;
    const proc = Object.values(cluster.processes).find((p) => p.netns === client.netns);
    if (!proc) throw new Error(`no client process in ${client.netns}`);
    this.clientProcess = proc.id;
    this.clientLabel = proc.label;
  }

  ns(id: NetnsId | string): Netns {
    return this.sim.netns(id);
  }

  command(ns: Netns, command: string): string {
    return this.sim.command(ns, command);
  }

  /** Something this combination teaches, noticed on the way (recorded once). */
  teach(lesson: Lesson): void {
    const key = JSON.stringify(lesson);
    if (!this.lessons.some((l) => JSON.stringify(l) === key)) this.lessons.push(lesson);
  }

  /** The notes of the walk, in words. */
  notes(): string[] {
    return this.lessons.map((l) => narrateLesson(l, this.cluster));
  }

  /** How a proxy process is named in hops: "ztunnel on ambient-worker", "waypoint <pod>". */
  proxyLabel(process: ProcessId): string {
    const proc = this.cluster.processes[process];
    if (!proc) return process;
    return proc.kind === 'waypoint' ? `waypoint ${proc.label}` : proc.label;
  }

  /** A hop a process records itself (an application, ztunnel, the waypoint). */
  hop(stage: Stage, flow: string, record: HopRecord): void {
    this.sim.emit(record);
    this.stages.push(stage);
    this.flows.push(flow);
  }

  /** Hands an accepted connection to the behaviour registered for its listener's role. */
  deliver(acc: Accepted, flow: string): Outcome {
    const role = acc.arrival.socket.listener?.role;
    const behaviour = role ? this.listeners.stream[role] : undefined;
    if (!behaviour)
      throw new Error(`no behaviour for a connection to a ${role ?? 'listener without a role'}`);
    return behaviour(this, acc, flow);
  }

  /** Hands a datagram to the behaviour registered for its listener's role. */
  answerDatagram(arrival: SocketArrival, flow: string): DatagramAnswer {
    const role = arrival.socket.listener?.role;
    const behaviour = role ? this.listeners.datagram[role] : undefined;
    if (!behaviour)
      throw new Error(`no behaviour for a datagram to a ${role ?? 'listener without a role'}`);
    return behaviour(this, arrival, flow);
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
      return a.socket.listener?.role === 'ztunnel-outbound'
        ? 'ztunnel-outbound'
        : 'ztunnel-inbound';
    if (proc.kind === 'waypoint') return 'waypoint';
    if (a.socket.listener?.role === 'app') return 'app';
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
      // An accepted socket inherits the listener's SO_MARK (ztunnel's 0x539 in a pod's netns).
      mark: arrival.socket.mark,
    });
    return { arrival, server, client };
  }

  /** SO_ORIGINAL_DST of an accepted connection: where the client was going before any REDIRECT. */
  originalDst(acc: Accepted): { ip: Ipv4; port: number } {
    return this.sim.originalDestination(acc.arrival.netns, acc.arrival.packet);
  }

  /**
   * The SO_MARK a process's new sockets carry in `netns`: the mark of its listeners there
   * (ztunnel's in-pod socket factory marks every socket 0x539), else none.
   */
  socketMark(netns: NetnsId, process: ProcessId): number {
    return this.ns(netns).listeners.find((l) => l.process === process && l.mark)?.mark ?? 0;
  }

  /** The ordered hops, narrated, with stage, overview group and flow. */
  hops(): Hop[] {
    const records = this.sim.hops;
    if (records.length !== this.stages.length) {
      throw new Error(`internal: ${records.length} hops but ${this.stages.length} stages`);
    }
    const staged = records.map((d, i) => ({ ...d, stage: this.stages[i] as Stage }));
    const groups = overviewGroups(staged);
    return staged.map((d, i) => {
      const words = narrate(d, this.cluster);
      return {
        title: words.title,
        narration: words.narration,
        why: words.why,
        ...d,
        actor: words.actor,
        index: i,
        id: `hop-${i + 1}`,
        group: groups[i] as Hop['group'],
        flow: this.flows[i] as string,
      };
    });
  }
}
