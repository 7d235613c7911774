/** The listening sockets of ztunnel, per ztunnel release: which ports, which roles. */
import { ipv4 } from '../addresses';
import { verified } from '../provenance';
import type { InpodRelease, Release } from '../releases';
import type { Scenario } from '../scenario';
import type { NetnsBuilder } from './netnsBuilder';
import type { Listener, ProcessId } from './types';

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
    });
  adminListeners(ns, pid, ZT_LISTEN_PROV);
  ns.listen({
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

/** ztunnel's socket mark in a pod's netns: `DEFAULT_INPOD_MARK: u32 = 1337` (src/config.rs). */
export const INPOD_MARK = 0x539;

/**
 * The listeners ztunnel opens *inside an enrolled pod's netns* (src/inpod/statemanager.rs
 * `add_workload_inner` → `new_proxies_from_factory(…, socket_factory(netns))`): outbound 15001,
 * inbound plaintext 15006, HBONE 15008 and the DNS proxy 15053 (UDP and TCP), every one with
 * SO_MARK 0x539 (`InPodSocketFactory::configure` → `set_mark`). The process is the node's ztunnel.
 */
export function inpodListeners(
  ns: NetnsBuilder,
  pid: ProcessId,
  rel: InpodRelease,
  dnsProxy: boolean,
): void {
  const prov = verified(
    rel.ztInpod.statemanager,
    'add_workload_inner: the proxies are built with socket_factory(netns), so their listeners are bound inside the pod; [::]:15001, [::]:15006, [::]:15008 (src/config.rs)',
  );
  const mark = INPOD_MARK;
  const any = ipv4('0.0.0.0');
  // maybe_set_transparent: best effort, and granted (ztunnel runs with NET_ADMIN).
  const transparent = true;
  const tcp = (port: number, role: Listener['role'], name: string): void => {
    ns.listen({ proto: 'tcp', ip: any, port, transparent, process: pid, role, name, prov, mark });
  };
  tcp(15001, 'ztunnel-outbound', 'outbound');
  tcp(15006, 'ztunnel-inbound-plaintext', 'inbound plaintext');
  tcp(15008, 'ztunnel-inbound-hbone', 'inbound (HBONE)');
  if (!dnsProxy) return;
  const ip = rel.inpod.dnsBind === 'localhost' ? ipv4('127.0.0.1') : any;
  const dnsProv = verified(
    rel.zt.config,
    rel.inpod.dnsBind === 'localhost'
      ? 'dns_proxy_addr: Address::Localhost(…, DEFAULT_DNS_PORT 15053): 127.0.0.1 and [::1], UDP and TCP'
      : 'dns_proxy_addr: [::]:15053 (DEFAULT_DNS_PORT), UDP and TCP, when proxy metadata DNS_CAPTURE is "true"',
  );
  for (const proto of ['udp', 'tcp'] as const)
    ns.listen({
      proto,
      ip,
      port: 15053,
      transparent: false,
      process: pid,
      role: 'ztunnel-dns',
      name: 'DNS proxy',
      prov: dnsProv,
      mark,
    });
}

/** What the ztunnel pod itself listens on in in-pod mode: admin, stats and readiness. */
export function ztunnelPodListeners(ns: NetnsBuilder, pid: ProcessId, rel: InpodRelease): void {
  const prov = verified(
    rel.zt.config,
    'admin_addr localhost:15000, stats_addr [::]:15020, readiness_addr [::]:15021; the proxies live in the pods',
  );
  adminListeners(ns, pid, prov);
}

/** ztunnel's readiness, stats and admin ports, the same in its own netns in every mode. */
function adminListeners(ns: NetnsBuilder, pid: ProcessId, prov: Listener['prov']): void {
  const any = ipv4('0.0.0.0');
  ns.listen({
    proto: 'tcp',
    ip: any,
    port: 15021,
    transparent: false,
    process: pid,
    role: 'ztunnel-readiness',
    name: 'readiness',
    prov,
  })
    .listen({
      proto: 'tcp',
      ip: any,
      port: 15020,
      transparent: false,
      process: pid,
      role: 'ztunnel-stats',
      name: 'stats',
      prov,
    })
    .listen({
      proto: 'tcp',
      ip: ipv4('127.0.0.1'),
      port: 15000,
      transparent: false,
      process: pid,
      role: 'ztunnel-admin',
      name: 'admin',
      prov,
    });
}
