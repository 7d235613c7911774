import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO } from '../scenario';
import { streamLayers } from '../packet';
import { walkScenario } from '.';
import { allHops, factOf, findHop, q } from './testkit';

const A = 'ambient-worker';
const B = 'ambient-worker2';
const SLEEP_IP = '10.244.2.4';
const ZT_A = '10.244.2.2';
const ZT_B = '10.244.1.2';

describe("iptables + GENEVE, cross-node, no waypoint (the article's walk)", () => {
  const w = walkScenario(DEFAULT_SCENARIO);

  it('starts with curl in sleep sending a SYN to the httpbin ClusterIP', () => {
    const h = w.hops[0]!;
    expect(h.where.netns).toBe(`${A}/sleep`);
    expect(h.packetAfter?.ip).toMatchObject({ src: SLEEP_IP, dst: '10.96.184.142' });
    expect(h.packetAfter?.l4).toMatchObject({ dport: 8000, flags: 'SYN' });
  });

  it("marks sleep's SYN 0x100 in mangle ztunnel-PREROUTING on ambient-worker, by the ipset rule", () => {
    const h = findHop(w, q.marks(0x100, { netns: A }));
    expect(h.actor.name).toBe('mangle ztunnel-PREROUTING');
    expect(h.actor.text).toBe(
      '-A ztunnel-PREROUTING -p tcp -m set --match-set ztunnel-pods-ips src -j MARK --set-xmark 0x100/0x100',
    );
    expect(h.packetAfter?.skb.mark).toBe(0x100);
    expect(h.provenance).toMatchObject({
      kind: 'verified',
      ref: 'istio/istio@1.18.0:cni/pkg/ambient/net_linux.go',
    });
  });

  it("accepts it in nat ztunnel-PREROUTING so kube-proxy's DNAT never runs: the VIP reaches ztunnel", () => {
    const h = findHop(w, {
      netns: A,
      fact: { kind: 'netfilter', table: 'nat', chain: 'ztunnel-PREROUTING', target: 'ACCEPT' },
    });
    expect(h.packetAfter?.ip.dst).toBe('10.96.184.142');
    expect(allHops(w, { netns: A, fact: { kind: 'netfilter', chain: /KUBE-SEP/ } })).toEqual([]);
  });

  it('routes it by ip rule 101 to table 101: default via 192.168.127.2 dev istioout', () => {
    const h = findHop(w, q.route(101, { netns: A }));
    expect(factOf(h, 'route')).toMatchObject({ table: '101' });
    expect(h.actor.text).toBe('default via 192.168.127.2 dev istioout');
  });

  it('encapsulates it on istioout in GENEVE VNI 1001, outer UDP to the ztunnel pod on 6081', () => {
    const h = findHop(w, { netns: A, fact: { kind: 'geneve', op: 'encap', iface: 'istioout' } });
    const outer = h.packetAfter!;
    expect(outer.ip).toMatchObject({ src: '10.244.2.1', dst: ZT_A, proto: 'udp' });
    expect(outer.l4.dport).toBe(6081);
    expect(outer.payload.kind === 'geneve' && outer.payload.vni).toBe(1001);
    expect(outer.payload.kind === 'geneve' && outer.payload.inner.ip.dst).toBe('10.96.184.142');
  });

  it('decapsulates on pistioout and TPROXYs to 15001 with mark 0x400/0xfff', () => {
    const decap = findHop(w, {
      netns: `${A}/ztunnel`,
      fact: { kind: 'geneve', op: 'decap', iface: 'pistioout' },
    });
    const tproxy = findHop(w, q.tproxy({ netns: `${A}/ztunnel` }), decap.index);
    expect(tproxy.actor.text).toBe(
      '-A PREROUTING -i pistioout -p tcp -j TPROXY --on-port 15001 --on-ip 127.0.0.1 --tproxy-mark 0x400/0xfff',
    );
    expect(tproxy.packetAfter?.skb.mark).toBe(0x400);
    const route = findHop(w, q.route(20000, { netns: `${A}/ztunnel` }), tproxy.index);
    expect(factOf(route, 'route')).toMatchObject({ table: '100', local: true });
    expect(route.actor.text).toBe('local default dev lo scope host');
  });

  it("ztunnel's outbound listener sees the original destination 10.96.184.142:8000", () => {
    const h = findHop(w, { fact: { kind: 'accept', listener: { port: 15001 } } });
    expect(h.packetAfter?.ip.dst).toBe('10.96.184.142');
    expect(h.packetAfter?.l4.dport).toBe(8000);
  });

  it("sends the HBONE SYN to 10.244.1.5:15008 with source = sleep's IP, carrying TLS 1.3/h2 and CONNECT 10.244.1.5:80", () => {
    const h = findHop(w, q.ztunnel('hbone-connect'));
    const syn = h.packetAfter!;
    expect(syn.ip).toMatchObject({ src: SLEEP_IP, dst: '10.244.1.5' });
    expect(syn.l4.dport).toBe(15008);
    const [tls, connect] = streamLayers(syn);
    expect(tls).toMatchObject({ kind: 'tls', version: 'TLS 1.3', alpn: 'h2' });
    expect(tls?.kind === 'tls' && tls.client.serviceAccount).toBe('sleep');
    expect(tls?.kind === 'tls' && tls.server.serviceAccount).toBe('httpbin');
    expect(connect).toMatchObject({ kind: 'h2-connect', authority: '10.244.1.5:80' });
  });

  it('marks the spoofed-source HBONE SYN 0x210 on ambient-worker and saves it as the connmark', () => {
    const hbone = findHop(w, q.ztunnel('hbone-connect'));
    const mark = findHop(w, q.marks(0x210, { netns: A }), hbone.index);
    expect(mark.actor.text).toBe(
      `-A ztunnel-PREROUTING ! -s ${ZT_A}/32 -i vethb7c4e1d0 -j MARK --set-xmark 0x210/0x210`,
    );
    const route = findHop(w, { netns: A, fact: { kind: 'route' } }, mark.index);
    expect(factOf(route, 'route')).toMatchObject({ gotoPriority: 100, priority: 32766 });
    expect(route.actor.name).toContain('ip rule 100 (fwmark 0x200/0x200) → goto 32766');
    expect(route.actor.text).toBe('10.244.1.0/24 via 172.18.0.2 dev eth0');
    const save = findHop(
      w,
      { netns: A, fact: { kind: 'netfilter', target: 'CONNMARK-save' }, connmarkAfter: 0x210 },
      route.index,
    );
    expect(save.actor.name).toBe('mangle ztunnel-FORWARD');
  });

  it('does not tunnel between nodes: GENEVE appears only between a node and its own ztunnel', () => {
    for (const h of allHops(w, { fact: { kind: 'geneve' } })) {
      const p = factOf(h, 'geneve').op === 'encap' ? h.packetAfter! : h.packetBefore!;
      const sameNode = (ip: string): boolean =>
        h.where.node === A ? ip.startsWith('10.244.2.') : ip.startsWith('10.244.1.');
      expect(sameNode(p.ip.src) && sameNode(p.ip.dst), `hop ${h.index + 1}`).toBe(true);
    }
    const wire = findHop(w, { fact: { kind: 'wire' } });
    expect(wire.packetBefore?.payload.kind).toBe('stream');
  });

  it('on ambient-worker2 routes the HBONE SYN by rule 103 / table 100 into istioin (VNI 1000), then TPROXY 15008', () => {
    const r = findHop(w, q.route(103, { netns: B }));
    expect(factOf(r, 'route')).toMatchObject({ table: '100' });
    expect(r.actor.text).toBe('10.244.1.5 via 192.168.126.2 dev istioin src 10.244.1.1');
    const enc = findHop(w, { netns: B, fact: { kind: 'geneve', iface: 'istioin' } }, r.index);
    expect(enc.packetAfter?.payload.kind === 'geneve' && enc.packetAfter.payload.vni).toBe(1000);
    expect(enc.packetAfter?.ip.dst).toBe(ZT_B);
    const tp = findHop(w, q.tproxy({ netns: `${B}/ztunnel` }), enc.index);
    expect(tp.actor.text).toBe(
      '-A PREROUTING -i pistioin -p tcp -m tcp --dport 15008 -j TPROXY --on-port 15008 --on-ip 127.0.0.1 --tproxy-mark 0x400/0xfff',
    );
  });

  it("checks no mark on ambient-worker2: sleep's IP is not in that node's ipset", () => {
    const h = findHop(w, { netns: B, fact: { kind: 'netfilter', rule: null } });
    expect(h.why).toContain('not in this node');
  });

  it("delivers GET /get to httpbin with sleep's own IP as the source", () => {
    const last = w.hops[w.hops.length - 1]!;
    expect(last.where.netns).toBe(`${B}/httpbin`);
    expect(factOf(last, 'app')).toMatchObject({
      op: 'receive',
      from: { ip: SLEEP_IP },
      request: { method: 'GET', path: '/get' },
    });
    expect(w.outcome).toMatchObject({ kind: 'delivered', delivered: true });
  });

  it("follows the article's nine steps in order at the overview level", () => {
    const groups = w.hops.map((h) => h.group).filter((g, i, a) => i === 0 || a[i - 1] !== g);
    expect(groups).toEqual([
      'request',
      'capture',
      'to-ztunnel',
      'ztunnel-listener',
      'hbone-out',
      'inbound-route',
      'inbound-tunnel',
      'inbound-listener',
      'deliver',
    ]);
  });
});
