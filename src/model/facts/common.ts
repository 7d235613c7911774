/** Shared shapes of the facts: an endpoint, and a reference to a line of a listing. */
import type { Ipv4 } from '../addresses';

/** Which listing the Rules panel shows, and which line in it acted. */
export interface ListingRef {
  readonly netns: string;
  readonly section:
    | 'iptables'
    | 'nftables'
    | 'ip-rule'
    | 'ip-route'
    | 'ipset'
    | 'tc'
    | 'bpf-maps'
    | 'listeners'
    | 'enrolment'
    | 'ztunnel-config';
  readonly lineId: string;
}

/** An address and port, as a socket or a log line has them. */
export interface Endpoint {
  readonly ip: Ipv4;
  readonly port: number;
}
