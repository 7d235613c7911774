/**
 * What a process behaviour answers: how a connection ended, or the reply to a datagram. The
 * behaviours themselves and the listener table that holds them are typed by the walker
 * (`walk/walker.ts`), which hands connections to them; this module imports nothing of it.
 */
import type { Ipv4 } from '../addresses';
import type { Arrival } from '../kernel/stack';
import type { IpPacket } from '../packet';

/** How a connection ended, as seen from the process that accepted it. */
export type Outcome =
  | {
      readonly kind: 'delivered' | 'not-captured';
      readonly request: string;
      readonly sourceSeen: Ipv4;
    }
  /** An answer travelling back to whoever opened the connection (a denial or an error). */
  | { readonly kind: 'reply'; readonly packet: IpPacket };

/** A process's answer to a datagram (a DNS query), and whether its way back is known. */
export interface DatagramAnswer {
  readonly reply: IpPacket;
  /** 'kernel': the reply is sent through the model; 'unconfirmed': the source does not show how. */
  readonly returnPath: 'kernel' | 'unconfirmed';
}

export type SocketArrival = Extract<Arrival, { kind: 'socket' }>;
