/**
 * The listener table: which behaviour runs when a connection or a datagram reaches a listener
 * of a given role. The walker carries it; a new mode or process adds a row here and edits no
 * other process.
 */
import { ztunnelDnsProxy } from './dnsProxy';
import { destinationApp } from './destinationApp';
import type { ListenerTable } from '../walk/walker';
import { waypoint } from './waypoint';
import { ztunnelHboneInbound } from './ztunnelHboneInbound';
import { ztunnelOutbound } from './ztunnelOutbound';
import { ztunnelPlaintextInbound } from './ztunnelPlaintextInbound';

export const LISTENERS: ListenerTable = {
  stream: {
    'ztunnel-outbound': ztunnelOutbound,
    'ztunnel-inbound-hbone': ztunnelHboneInbound,
    'ztunnel-inbound-plaintext': ztunnelPlaintextInbound,
    'waypoint-hbone': waypoint,
    app: destinationApp,
  },
  datagram: {
    'ztunnel-dns': ztunnelDnsProxy,
  },
};
