import { describe, expect, it } from 'vitest';
import { ipv4, mac } from '../addresses';
import type { IpPacket } from '../packet';
import { appInbound, appOutbound, ztunnelHostIngress, ztunnelIngress } from './programs';
import { BYPASS_CB, INBOUND_CB, OUTBOUND_CB, type EbpfMaps } from './types';

const P = { kind: 'illustrative', note: '' } as const;
const maps = (flag = 0): EbpfMaps => ({
  appInfo: [
    { ip: ipv4('10.244.1.5'), value: { ifindex: 9, mac: mac('6a:b1:0e:52:9c:14') }, prov: P },
  ],
  ztunnelInfo: { value: { ifindex: 5, mac: mac('9a:4d:e2:18:6f:c5'), flag }, prov: P },
  hostIpInfo: { ip: ipv4('10.244.1.1'), prov: P },
});
const pkt = (
  src: string,
  dst: string,
  proto: 'tcp' | 'udp',
  dport: number,
  cb4?: number,
): IpPacket => ({
  ip: { src: ipv4(src), dst: ipv4(dst), proto },
  l4: { sport: 40000, dport },
  skb: { mark: 0, connmark: 0, ...(cb4 === undefined ? {} : { cb4 }) },
  payload: { kind: 'stream', layers: [] },
});
const none = () => undefined;

describe("the article's four TC programs", () => {
  it("app_outbound redirects TCP to ztunnel's host veth with OUTBOUND_CB and ztunnel's MAC", () => {
    const r = appOutbound({
      skb: pkt('10.244.1.7', '10.96.184.142', 'tcp', 8000),
      maps: maps(),
      skLookup: none,
    });
    expect(r.verdict).toBe('TC_ACT_REDIRECT');
    expect(r.redirectIfindex).toBe(5);
    expect(r.skb.skb.cb4).toBe(OUTBOUND_CB);
    expect(r.skb.eth?.dst).toBe('9a:4d:e2:18:6f:c5');
    expect(r.helpers).toEqual(['bpf_redirect(5, 0)']);
  });

  it('app_outbound lets traffic to the host IP pass (kubelet, node-local services)', () => {
    expect(
      appOutbound({
        skb: pkt('10.244.1.7', '10.244.1.1', 'tcp', 10250),
        maps: maps(),
        skLookup: none,
      }).verdict,
    ).toBe('TC_ACT_OK');
  });

  it('app_outbound captures DNS only when ztunnel_info has CAPTURE_DNS_FLAG', () => {
    const q = pkt('10.244.1.7', '10.96.0.10', 'udp', 53);
    expect(appOutbound({ skb: q, maps: maps(0), skLookup: none }).verdict).toBe('TC_ACT_OK');
    expect(appOutbound({ skb: q, maps: maps(1), skLookup: none }).verdict).toBe('TC_ACT_REDIRECT');
  });

  it('app_inbound lets BYPASS_CB packets (sent by ztunnel) into the pod and redirects the rest', () => {
    expect(
      appInbound({
        skb: pkt('10.244.2.4', '10.244.1.5', 'tcp', 80, BYPASS_CB),
        maps: maps(),
        skLookup: none,
      }).verdict,
    ).toBe('TC_ACT_OK');
    const r = appInbound({
      skb: pkt('10.244.2.4', '10.244.1.5', 'tcp', 15008),
      maps: maps(),
      skLookup: none,
    });
    expect(r.verdict).toBe('TC_ACT_REDIRECT');
    expect(r.skb.skb.cb4).toBe(INBOUND_CB);
  });

  it('app_inbound lets probes from the host IP and DNS answers pass', () => {
    expect(
      appInbound({ skb: pkt('10.244.1.1', '10.244.1.5', 'tcp', 80), maps: maps(), skLookup: none })
        .verdict,
    ).toBe('TC_ACT_OK');
    const answer: IpPacket = {
      ...pkt('10.96.0.10', '10.244.1.5', 'udp', 40000),
      l4: { sport: 53, dport: 40000 },
    };
    expect(appInbound({ skb: answer, maps: maps(), skLookup: none }).verdict).toBe('TC_ACT_OK');
  });

  it('ztunnel_host_ingress sends traffic for a local ambient pod straight to its veth with BYPASS_CB', () => {
    const r = ztunnelHostIngress({
      skb: pkt('10.244.2.4', '10.244.1.5', 'tcp', 80),
      maps: maps(),
      skLookup: none,
    });
    expect(r.redirectIfindex).toBe(9);
    expect(r.skb.skb.cb4).toBe(BYPASS_CB);
    expect(
      ztunnelHostIngress({
        skb: pkt('10.244.2.4', '10.244.2.9', 'tcp', 15008),
        maps: maps(),
        skLookup: none,
      }).verdict,
    ).toBe('TC_ACT_OK');
  });

  it('ztunnel_ingress marks new outbound connections 8765 and new inbound ones 5678', () => {
    expect(
      ztunnelIngress({
        skb: pkt('10.244.1.7', '10.96.184.142', 'tcp', 8000, OUTBOUND_CB),
        maps: maps(),
        skLookup: none,
      }).skb.skb.mark,
    ).toBe(8765);
    expect(
      ztunnelIngress({
        skb: pkt('10.244.2.4', '10.244.1.5', 'tcp', 15008, INBOUND_CB),
        maps: maps(),
        skLookup: none,
      }).skb.skb.mark,
    ).toBe(5678);
  });

  it("ztunnel_ingress leaves replies to ztunnel's own client sockets unmarked", () => {
    const r = ztunnelIngress({
      skb: pkt('10.244.2.6', '10.244.1.7', 'tcp', 37820, INBOUND_CB),
      maps: maps(),
      skLookup: () => ({ state: 'ESTABLISHED', localPort: 37820 }),
    });
    expect(r.skb.skb.mark).toBe(0);
    const inbound = ztunnelIngress({
      skb: pkt('10.244.2.4', '10.244.1.5', 'tcp', 15008, INBOUND_CB),
      maps: maps(),
      skLookup: () => ({ state: 'ESTABLISHED', localPort: 15008 }),
    });
    expect(inbound.skb.skb.mark).toBe(5678);
  });

  it('ztunnel_ingress ignores UDP ("TODO: support UDP tunneling")', () => {
    expect(
      ztunnelIngress({
        skb: pkt('10.244.1.7', '10.96.0.10', 'udp', 53, OUTBOUND_CB),
        maps: maps(1),
        skLookup: none,
      }).skb.skb.mark,
    ).toBe(0);
  });
});
