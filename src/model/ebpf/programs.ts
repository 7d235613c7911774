/**
 * The four TC programs of the article (istio/istio@bb6cbf57537 `ambient_redirect.bpf.c`;
 * `ztunnel_ingress` is also 1.20's fallback when the kernel lacks bpf_sk_assign) as functions
 * over the packet and the maps. Each returns the branch it took, so the UI can show the lines
 * that decided.
 */
import type { Mac } from '../addresses';
import { withSkb, type IpPacket } from '../packet';
import {
  BYPASS_CB,
  CAPTURE_DNS_FLAG,
  INBOUND_CB,
  OUTBOUND_CB,
  ZTUNNEL_INBOUND_MARK,
  ZTUNNEL_OUTBOUND_MARK,
  type EbpfProgramName,
  type ProgramContext,
  type ProgramResult,
} from './types';

function setDstMac(p: IpPacket, dst: Mac): IpPacket {
  return { ...p, eth: { dst } };
}

function ok(
  skb: IpPacket,
  path: string[],
  helpers: string[] = [],
  writes: string[] = [],
): ProgramResult {
  return { verdict: 'TC_ACT_OK', skb, path, helpers, writes };
}

/** A redirect writes the destination MAC and cb[4]. */
const REDIRECT_WRITES = ['eth', 'skb.cb4'];

/** host veth of an ambient app pod, TC ingress (= packets leaving the pod). */
export function appOutbound(ctx: ProgramContext): ProgramResult {
  const { skb, maps } = ctx;
  const path: string[] = [];
  const zi = maps.ztunnelInfo?.value;
  if (!zi) {
    // 1.20: `if (!zi || zi->ifindex == 0) return TC_ACT_SHOT;` is the first check.
    path.push('ztunnel_info is empty: no ztunnel on this node yet → TC_ACT_SHOT');
    return { verdict: 'TC_ACT_SHOT', skb, path, helpers: [], writes: [] };
  }
  if (skb.ip.dst === maps.hostIpInfo.ip) {
    path.push(`daddr ${skb.ip.dst} == host_ip_info → TC_ACT_OK (traffic to the node itself)`);
    return ok(skb, path);
  }
  if (skb.ip.proto === 'udp' && skb.l4.dport === 53 && !(zi.flag & CAPTURE_DNS_FLAG)) {
    path.push('UDP dport 53 and ztunnel_info.flag has no CAPTURE_DNS_FLAG → TC_ACT_OK');
    return ok(skb, path);
  }
  path.push(`${skb.ip.proto.toUpperCase()} to ${skb.ip.dst}: not the host, so capture it`);
  path.push(`eth->h_dest = ztunnel MAC ${zi.mac}; skb->cb[4] = OUTBOUND_CB (${OUTBOUND_CB})`);
  path.push(`return bpf_redirect(${zi.ifindex}, 0): out of ztunnel's host veth`);
  const out = withSkb(setDstMac(skb, zi.mac), { cb4: OUTBOUND_CB });
  return {
    verdict: 'TC_ACT_REDIRECT',
    redirectIfindex: zi.ifindex,
    skb: out,
    path,
    helpers: [`bpf_redirect(${zi.ifindex}, 0)`],
    writes: REDIRECT_WRITES,
  };
}

/** host veth of an ambient app pod, TC egress (= packets entering the pod). */
export function appInbound(ctx: ProgramContext): ProgramResult {
  const { skb, maps } = ctx;
  const path: string[] = [];
  if (skb.skb.cb4 === BYPASS_CB) {
    path.push('skb->cb[4] == BYPASS_CB: ztunnel sent it → TC_ACT_OK, into the pod');
    return ok(skb, path);
  }
  if (skb.ip.src === maps.hostIpInfo.ip) {
    path.push(`saddr ${skb.ip.src} == host_ip_info (kubelet probe) → TC_ACT_OK`);
    return ok(skb, path);
  }
  const zi = maps.ztunnelInfo?.value;
  if (!zi) {
    // 1.20: after the pass checks, `dbg("inbound_to_ztunnel unable to retrieve ztunnel_info")`.
    path.push('ztunnel_info is empty → TC_ACT_SHOT');
    return { verdict: 'TC_ACT_SHOT', skb, path, helpers: [], writes: [] };
  }
  if (skb.ip.proto === 'udp' && skb.l4.sport === 53) {
    path.push('UDP sport 53 (a DNS answer) → TC_ACT_OK');
    return ok(skb, path);
  }
  path.push(`${skb.ip.proto.toUpperCase()} from ${skb.ip.src}, not from ztunnel: capture it`);
  path.push(`eth->h_dest = ztunnel MAC ${zi.mac}; skb->cb[4] = INBOUND_CB (${INBOUND_CB})`);
  path.push(`return bpf_redirect(${zi.ifindex}, 0): out of ztunnel's host veth`);
  return {
    verdict: 'TC_ACT_REDIRECT',
    redirectIfindex: zi.ifindex,
    skb: withSkb(setDstMac(skb, zi.mac), { cb4: INBOUND_CB }),
    path,
    helpers: [`bpf_redirect(${zi.ifindex}, 0)`],
    writes: REDIRECT_WRITES,
  };
}

/** host veth of the ztunnel pod, TC ingress (= packets leaving ztunnel). */
export function ztunnelHostIngress(ctx: ProgramContext): ProgramResult {
  const { skb, maps } = ctx;
  const entry = maps.appInfo.find((e) => e.ip === skb.ip.dst);
  if (!entry) {
    return ok(skb, [
      `app_info has no entry for ${skb.ip.dst}: not an ambient pod on this node → TC_ACT_OK (normal routing)`,
    ]);
  }
  const pi = entry.value;
  return {
    verdict: 'TC_ACT_REDIRECT',
    redirectIfindex: pi.ifindex,
    skb: withSkb(setDstMac(skb, pi.mac), { cb4: BYPASS_CB }),
    path: [
      `app_info[${skb.ip.dst}] = {ifindex ${pi.ifindex}, mac ${pi.mac}}: an ambient pod on this node`,
      `eth->h_dest = ${pi.mac}; skb->cb[4] = BYPASS_CB (0xC001F00D)`,
      `return bpf_redirect(${pi.ifindex}, 0): straight to the pod's host veth`,
    ],
    helpers: [`bpf_redirect(${pi.ifindex}, 0)`],
    writes: REDIRECT_WRITES,
  };
}

/** ztunnel pod's eth0, inside the ztunnel netns, TC ingress. */
export function ztunnelIngress(ctx: ProgramContext): ProgramResult {
  const { skb } = ctx;
  if (skb.ip.proto !== 'tcp') {
    return ok(skb, ['not TCP → TC_ACT_OK ("TODO: support UDP tunneling")']);
  }
  const cb = skb.skb.cb4;
  if (cb !== OUTBOUND_CB && cb !== INBOUND_CB) {
    return ok(skb, ['skb->cb[4] is neither OUTBOUND_CB nor INBOUND_CB → TC_ACT_OK']);
  }
  const sk = ctx.skLookup(skb);
  const helpers = ['bpf_skc_lookup_tcp(skb, &tuple, ...)'];
  if (cb === OUTBOUND_CB) {
    if (sk && sk.state !== 'LISTEN') {
      return ok(
        skb,
        ['OUTBOUND_CB; an established socket owns this tuple (a reply) → no mark'],
        helpers,
      );
    }
    return ok(
      withSkb(skb, { mark: ZTUNNEL_OUTBOUND_MARK }),
      [
        'OUTBOUND_CB; no established socket for the tuple',
        `skb->mark = ZTUNNEL_OUTBOUND_MARK (${ZTUNNEL_OUTBOUND_MARK} = 0x223d)`,
      ],
      helpers,
      ['skb.mark'],
    );
  }
  if (sk && sk.state === 'ESTABLISHED' && sk.localPort !== 15008 && sk.localPort !== 15006) {
    return ok(
      skb,
      [
        `INBOUND_CB; an established socket with local port ${sk.localPort} (not 15008/15006) owns it: a reply to ztunnel → no mark`,
      ],
      helpers,
    );
  }
  return ok(
    withSkb(skb, { mark: ZTUNNEL_INBOUND_MARK }),
    [
      'INBOUND_CB; no established ztunnel client socket for the tuple',
      `skb->mark = ZTUNNEL_INBOUND_MARK (${ZTUNNEL_INBOUND_MARK} = 0x162e)`,
    ],
    helpers,
    ['skb.mark'],
  );
}

export const PROGRAMS: Readonly<Record<EbpfProgramName, (ctx: ProgramContext) => ProgramResult>> = {
  app_outbound: appOutbound,
  app_inbound: appInbound,
  ztunnel_host_ingress: ztunnelHostIngress,
  ztunnel_ingress: ztunnelIngress,
};

/** One-line description of each program, for the Rules panel. */
export const PROGRAM_SUMMARY: Readonly<Record<EbpfProgramName, string>> = {
  app_outbound:
    'SEC("tc") on an ambient pod\'s host veth, ingress: redirect what the pod sends (TCP, and UDP/53 when DNS capture is on) to ztunnel with cb[4]=OUTBOUND_CB',
  app_inbound:
    'SEC("tc") on an ambient pod\'s host veth, egress: redirect what enters the pod to ztunnel with cb[4]=INBOUND_CB, unless ztunnel sent it (BYPASS_CB)',
  ztunnel_host_ingress:
    'SEC("tc") on ztunnel\'s host veth, ingress: what ztunnel sends to a local ambient pod goes straight to that pod\'s veth with cb[4]=BYPASS_CB',
  ztunnel_ingress:
    'SEC("tc") on ztunnel\'s eth0 inside its netns, ingress: new connections get mark 8765 (outbound) or 5678 (inbound) for the TPROXY rules',
};

/** The cb[4] values by the names the programs give them. */
export function cbName(cb: number): string {
  if (cb === OUTBOUND_CB) return `OUTBOUND_CB (${OUTBOUND_CB})`;
  if (cb === INBOUND_CB) return `INBOUND_CB (${INBOUND_CB})`;
  if (cb === BYPASS_CB) return 'BYPASS_CB (0xC001F00D)';
  return String(cb);
}
