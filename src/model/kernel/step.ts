/**
 * What the kernel does next with a packet. Devices and hooks return a step instead of calling
 * back up into the stack, so the packet path is one loop (`stack.ts`) and every device is a
 * small function of the packet.
 */
import type { NetnsId } from '../cluster/types';
import type { Ipv4 } from '../addresses';
import type { IpPacket } from '../packet';
import type { RouteDecision } from '../routing/lookup';
import type { SocketEntry } from './sim';

export type Arrival =
  | {
      readonly kind: 'socket';
      readonly netns: NetnsId;
      readonly socket: SocketEntry;
      readonly packet: IpPacket;
    }
  | {
      readonly kind: 'dropped';
      readonly netns: NetnsId;
      readonly reason: string;
      readonly packet: IpPacket;
    }
  | { readonly kind: 'left-cluster'; readonly to: string; readonly packet: IpPacket };

export interface SendOptions {
  /** The packet comes from a local socket (`-m owner --socket-exists`). */
  readonly socketExists: boolean;
  /** A route already chosen (GENEVE picks the outer route itself). */
  readonly route?: RouteDecision;
}

export type Step =
  /** The packet arrives on `iface` of `netns` (a veth peer, loopback, the wire, a decap). */
  | {
      readonly kind: 'receive';
      readonly netns: NetnsId;
      readonly iface: string;
      readonly packet: IpPacket;
    }
  /** A packet generated in `netns` (by a socket or a tunnel driver) goes through the send path. */
  | {
      readonly kind: 'send';
      readonly netns: NetnsId;
      readonly packet: IpPacket;
      readonly opts: SendOptions;
    }
  /** The packet leaves through `iface`: TC egress, then the device. */
  | {
      readonly kind: 'transmit';
      readonly netns: NetnsId;
      readonly iface: string;
      readonly packet: IpPacket;
      readonly nexthop: Ipv4 | undefined;
    }
  | { readonly kind: 'done'; readonly arrival: Arrival };

export function done(arrival: Arrival): Step {
  return { kind: 'done', arrival };
}

export function dropped(netns: NetnsId, reason: string, packet: IpPacket): Step {
  return done({ kind: 'dropped', netns, reason, packet });
}
