import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO } from '../scenario';
import { walkScenario } from '.';
import { allHops, factOf, findHop, q } from './testkit';

const A = 'ambient-worker';
const B = 'ambient-worker2';

describe('eBPF redirection, cross-node, no waypoint', () => {
  const w = walkScenario({ ...DEFAULT_SCENARIO, redirect: 'ebpf' });

  it("app_outbound at the TC ingress of sleep's host veth redirects to the ztunnel veth", () => {
    const h = findHop(w, q.tc('app_outbound', { netns: A }));
    expect(h.where.iface).toBe('veth6d3e0c2b');
    expect(factOf(h, 'tc')).toMatchObject({
      direction: 'ingress',
      verdict: 'TC_ACT_REDIRECT',
      redirectTo: 'vethb7c4e1d0',
    });
    expect(h.packetAfter?.skb.cb4).toBe(4321);
    expect(h.packetAfter?.eth?.dst).toBe('5e:21:9a:c4:07:3b');
    expect(h.actor.details).toContain('helper: bpf_redirect(5, 0)');
  });

  it('has no GENEVE hop, no node netfilter rule of istio-cni, no ipset match', () => {
    expect(allHops(w, { fact: { kind: 'geneve' } })).toEqual([]);
    const nodeNetfilter = w.hops.filter(
      (h) => (h.where.netns === A || h.where.netns === B) && h.fact.kind === 'netfilter',
    );
    expect(nodeNetfilter).toEqual([]);
  });

  it('ztunnel_ingress marks the new connection 8765 and the TPROXY rule for 0x223d sends it to 15001', () => {
    const mark = findHop(w, q.tc('ztunnel_ingress', { netns: `${A}/ztunnel` }));
    expect(mark.packetAfter?.skb.mark).toBe(8765);
    const tp = findHop(w, q.tproxy({ netns: `${A}/ztunnel` }), mark.index);
    expect(tp.actor.text).toBe(
      '-A PREROUTING -p tcp -m mark --mark 0x223d -j TPROXY --on-port 15001 --on-ip 127.0.0.1 --tproxy-mark 0x400/0xfff',
    );
    // TPROXY keeps the bits outside 0xfff: (0x223d & ~0xfff) ^ 0x400
    expect(tp.packetAfter?.skb.mark).toBe(0x2400);
    const route = findHop(w, { netns: `${A}/ztunnel`, fact: { kind: 'route' } }, tp.index);
    expect(factOf(route, 'route')).toMatchObject({ priority: 20000 });
  });

  it("ztunnel_host_ingress lets the HBONE SYN for another node's pod through to normal routing", () => {
    const h = findHop(w, q.tc('ztunnel_host_ingress', { netns: A }));
    expect(factOf(h, 'tc').verdict).toBe('TC_ACT_OK');
    expect(h.packetBefore?.l4.dport).toBe(15008);
  });

  it("app_inbound at httpbin's veth egress redirects the HBONE SYN to ztunnel with INBOUND_CB, then 5678 → TPROXY 15008", () => {
    const h = findHop(w, q.tc('app_inbound', { netns: B }));
    expect(h.where.iface).toBe('veth8f2a1b9c');
    expect(h.packetAfter?.skb.cb4).toBe(1234);
    const mark = findHop(w, q.tc('ztunnel_ingress', { netns: `${B}/ztunnel` }), h.index);
    expect(mark.packetAfter?.skb.mark).toBe(5678);
    const tp = findHop(w, q.tproxy({ netns: `${B}/ztunnel` }), mark.index);
    expect(tp.actor.text).toContain('--mark 0x162e -m tcp --dport 15008 -j TPROXY --on-port 15008');
  });

  it("ztunnel_host_ingress sends ztunnel's connection to httpbin straight to its veth with BYPASS_CB, which app_inbound lets in", () => {
    const connect = findHop(
      w,
      q.ztunnel('connect-workload', {
        fact: { kind: 'ztunnel', step: 'connect-workload', to: { ip: '10.244.1.5', port: 80 } },
      }),
    );
    const host = findHop(w, q.tc('ztunnel_host_ingress', { netns: B }), connect.index);
    expect(factOf(host, 'tc').redirectTo).toBe('veth8f2a1b9c');
    expect(host.packetAfter?.skb.cb4).toBe(0xc001f00d);
    const inbound = findHop(w, q.tc('app_inbound', { netns: B }), host.index);
    expect(factOf(inbound, 'tc').verdict).toBe('TC_ACT_OK');
    expect(w.outcome.kind).toBe('delivered');
  });

  it('carries the versions it reflects', () => {
    expect(w.mode.istioVersions).toMatch(/1\.20/);
  });
});
