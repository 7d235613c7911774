/** The listening sockets of ztunnel, per ztunnel release: which ports, which roles. */
import { ipv4 } from '../addresses';
import { verified } from '../provenance';
import type { Scenario } from '../scenario';
import { SRC } from '../upstream';
import type { NetnsBuilder } from './netnsBuilder';
import type { ProcessId } from './types';

const ZT_LISTEN_PROV = verified(
  SRC.ztConfig118,
  'inbound_addr [::]:15008, inbound_plaintext_addr [::]:15006, outbound_addr [::]:15001; IP_TRANSPARENT via maybe_set_transparent (proxy.rs)',
);

export function ztunnelListeners(ns: NetnsBuilder, pid: ProcessId, s: Scenario): void {
  const any = ipv4('0.0.0.0');
  const lo = ipv4('127.0.0.1');
  ns.listen({
    proto: 'tcp',
    ip: any,
    port: 15001,
    transparent: true,
    process: pid,
    role: 'ztunnel-outbound',
    name: 'outbound',
    prov: ZT_LISTEN_PROV,
  })
    .listen({
      proto: 'tcp',
      ip: any,
      port: 15006,
      transparent: true,
      process: pid,
      role: 'ztunnel-inbound-plaintext',
      name: 'inbound plaintext',
      prov: ZT_LISTEN_PROV,
    })
    .listen({
      proto: 'tcp',
      ip: any,
      port: 15008,
      transparent: true,
      process: pid,
      role: 'ztunnel-inbound-hbone',
      name: 'inbound (HBONE)',
      prov: ZT_LISTEN_PROV,
    })
    .listen({
      proto: 'tcp',
      ip: any,
      port: 15021,
      transparent: false,
      process: pid,
      role: 'ztunnel-readiness',
      name: 'readiness',
      prov: ZT_LISTEN_PROV,
    })
    .listen({
      proto: 'tcp',
      ip: any,
      port: 15020,
      transparent: false,
      process: pid,
      role: 'ztunnel-stats',
      name: 'stats',
      prov: ZT_LISTEN_PROV,
    })
    .listen({
      proto: 'tcp',
      ip: lo,
      port: 15000,
      transparent: false,
      process: pid,
      role: 'ztunnel-admin',
      name: 'admin',
      prov: ZT_LISTEN_PROV,
    })
    .listen({
      proto: 'tcp',
      ip: lo,
      port: 15080,
      transparent: false,
      process: pid,
      role: 'ztunnel-socks5',
      name: 'socks5',
      prov: ZT_LISTEN_PROV,
    });
  if (s.dns === 'on') {
    ns.listen({
      proto: 'udp',
      ip: any,
      port: 15053,
      transparent: false,
      process: pid,
      role: 'ztunnel-dns',
      name: 'DNS proxy',
      prov: verified(
        SRC.ztConfig119,
        'dns_proxy_addr [::]:15053 when DNS_CAPTURE is true; 1.18.0 has no DNS proxy',
      ),
      ...(s.redirect === 'iptables'
        ? {
            uncertain:
              "Uncertain (domain file #1): ztunnel 1.18.0 has no DNS proxy, so on 1.18 this query would be DNAT'ed to a closed port. The walk shows 1.19–1.20, where ztunnel answers on :15053.",
          }
        : {}),
    });
  }
}
