/**
 * What a process does when a connection (or a datagram) reaches one of its listeners. Every
 * behaviour is registered in the walker's listener table by the listener's role, so a process
 * hands a connection on by asking the walker, and no process module imports another.
 */
import type { Ipv4 } from '../addresses';
import type { ListenerRole } from '../cluster/types';
import type { Arrival } from '../kernel/stack';
import type { IpPacket } from '../packet';
import type { Accepted, Walker } from '../walk/walker';

/** How a connection ended, as seen from the process that accepted it. */
export type Outcome =
  | {
      readonly kind: 'delivered' | 'not-captured';
      readonly request: string;
      readonly sourceSeen: Ipv4;
    }
  /** An answer travelling back to whoever opened the connection (a denial or an error). */
  | { readonly kind: 'reply'; readonly packet: IpPacket };

/** A process's behaviour for a TCP connection it accepted. */
export type StreamBehaviour = (w: Walker, acc: Accepted, flow: string) => Outcome;

/** A process's answer to a datagram (a DNS query), and whether its way back is known. */
export interface DatagramAnswer {
  readonly reply: IpPacket;
  /** 'kernel': the reply is sent through the model; 'unconfirmed': the source does not show how. */
  readonly returnPath: 'kernel' | 'unconfirmed';
}

export type DatagramBehaviour = (w: Walker, arrival: SocketArrival, flow: string) => DatagramAnswer;

export type SocketArrival = Extract<Arrival, { kind: 'socket' }>;

export interface ListenerTable {
  readonly stream: Partial<Readonly<Record<ListenerRole, StreamBehaviour>>>;
  readonly datagram: Partial<Readonly<Record<ListenerRole, DatagramBehaviour>>>;
}
