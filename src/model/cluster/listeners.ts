/** The listening sockets of ztunnel, per ztunnel release: which ports, which roles. */
import { ipv4 } from '../addresses';
import { verified } from '../provenance';
import type { Release } from '../releases';
import type { Scenario } from '../scenario';
import type { NetnsBuilder } from './netnsBuilder';
import type { ProcessId } from './types';

/**
 * ztunnel's listeners at the release: outbound, inbound plaintext and HBONE, readiness, stats,
 * admin and socks5, and the DNS proxy where the release has one and capture is on.
 */
export function ztunnelListeners(
  ns: NetnsBuilder,
  pid: ProcessId,
  s: Scenario,
  rel: Release,
): void {
  const ZT_LISTEN_PROV = verified(
    rel.zt.config,
    'inbound_addr [::]:15008, inbound_plaintext_addr [::]:15006, outbound_addr [::]:15001; IP_TRANSPARENT via maybe_set_transparent (proxy.rs)',
  );
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
  // 1.18.0 has no DNS proxy: with capture on, istio-cni still DNATs DNS to :15053.
  if (s.dns === 'on' && rel.zt.dns) {
    ns.listen({
      proto: 'udp',
      ip: any,
      port: 15053,
      transparent: false,
      process: pid,
      role: 'ztunnel-dns',
      name: 'DNS proxy',
      prov: verified(
        rel.zt.config,
        'dns_proxy_addr [::]:15053 (DEFAULT_DNS_PORT) when proxy metadata DNS_CAPTURE is "true" (ISTIO_META_DNS_CAPTURE on the ztunnel pod)',
      ),
    });
  }
}
