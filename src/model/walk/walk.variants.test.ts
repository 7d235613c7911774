import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO, type Scenario } from '../scenario';
import { streamLayers } from '../packet';
import { walkScenario } from '.';
import { allHops, factOf, findHop, q } from './testkit';

const A = 'ambient-worker';
const B = 'ambient-worker2';
const SLEEP_IP = '10.244.2.4';
const run = (s: Partial<Scenario>) => walkScenario({ ...DEFAULT_SCENARIO, ...s });

describe.each(['iptables', 'ebpf'] as const)('with the httpbin waypoint (%s)', (redirect) => {
  const w = run({ redirect, waypoint: 'httpbin' });

  it("sends HBONE to the waypoint 10.244.2.6:15008, :authority the original VIP, expecting the waypoint's identity", () => {
    const h = findHop(w, q.ztunnel('hbone-connect'));
    expect(h.packetAfter?.ip.dst).toBe('10.244.2.6');
    expect(h.packetAfter?.l4.dport).toBe(15008);
    const [tls, connect] = streamLayers(h.packetAfter!);
    expect(connect).toMatchObject({ authority: '10.96.184.142:8000' });
    expect(tls?.kind === 'tls' && tls.server.serviceAccount).toBe('httpbin-istio-waypoint');
  });

  it('the waypoint opens a new HBONE connection from its own IP to httpbin:15008 as itself', () => {
    const h = findHop(w, { fact: { kind: 'waypoint', step: 'originate' } });
    expect(h.packetAfter?.ip).toMatchObject({ src: '10.244.2.6', dst: '10.244.1.5' });
    const [tls, connect] = streamLayers(h.packetAfter!);
    expect(tls?.kind === 'tls' && tls.client.serviceAccount).toBe('httpbin-istio-waypoint');
    expect(connect).toMatchObject({
      authority: '10.244.1.5:80',
      headers: { forwarded: `for=${SLEEP_IP}` },
    });
  });

  it("httpbin's ztunnel sees the waypoint, skips L4 policy and restores sleep's IP from Forwarded", () => {
    findHop(w, { netns: `${B}/ztunnel`, fact: { kind: 'policy', decision: 'skipped' } });
    expect(w.hops[w.hops.length - 1]?.fact).toMatchObject({
      kind: 'app',
      op: 'receive',
      from: { ip: SLEEP_IP },
    });
  });
});

describe('a waypoint for sleep only', () => {
  const w = run({ waypoint: 'sleep' });
  it('is skipped: the client-side waypoint is never on the path', () => {
    expect(allHops(w, { fact: { kind: 'waypoint' } })).toEqual([]);
    const decision = factOf(findHop(w, q.ztunnel('outbound')), 'ztunnel');
    expect(decision).toMatchObject({ plan: { kind: 'direct-hbone' } });
    expect(w.lessons).toContainEqual({
      kind: 'client-waypoint-skipped',
      waypoints: ['10.244.1.6'],
    });
  });
});

describe('same node (iptables)', () => {
  const w = run({ placement: 'same-node' });
  it('takes the node-local fast path: no HBONE, no TLS on any packet', () => {
    findHop(w, { fact: { kind: 'ztunnel', step: 'outbound', plan: { kind: 'direct-local' } } });
    expect(
      w.hops.some(
        (h) => h.packetAfter && streamLayers(h.packetAfter).some((l) => l.kind === 'tls'),
      ),
    ).toBe(false);
    expect(allHops(w, { fact: { kind: 'wire' } })).toEqual([]);
  });
  it('still checks L4 policy, in memory', () => {
    expect(factOf(findHop(w, q.policy('ztunnel')), 'policy')).toMatchObject({ fastPath: true });
    expect(w.outcome.kind).toBe('delivered');
  });
});

describe('DNS capture', () => {
  it("iptables: the node DNATs sleep's UDP/53 to <ztunnel IP>:15053, not through GENEVE", () => {
    const w = run({ dns: 'on' });
    const dnat = findHop(w, { netns: A, fact: { kind: 'netfilter', target: 'DNAT' } });
    expect(dnat.packetAfter?.ip.dst).toBe('10.244.2.2');
    expect(dnat.packetAfter?.l4.dport).toBe(15053);
    expect(dnat.stage).toBe('dns');
    const dnsHops = w.hops.filter((h) => h.stage === 'dns');
    expect(dnsHops.some((h) => h.fact.kind === 'geneve')).toBe(false);
    const answer = findHop(w, {
      fact: { kind: 'dns', server: 'ztunnel', answer: '10.96.184.142' },
    });
    expect(answer.uncertain).toMatch(/1\.18\.0 has no DNS proxy/);
    const got = findHop(w, {
      netns: `${A}/sleep`,
      fact: { kind: 'app', op: 'dns-answer', answer: '10.96.184.142', from: { ip: '10.96.0.10' } },
    });
    expect(got.index).toBeLessThan(findHop(w, { fact: { kind: 'app', op: 'connect' } }).index);
  });

  it('eBPF: app_outbound redirects UDP/53 when CAPTURE_DNS_FLAG is set, and the rest is labelled unconfirmed', () => {
    const w = run({ dns: 'on', redirect: 'ebpf' });
    const h = findHop(w, q.tc('app_outbound'));
    expect(h.packetBefore?.l4.dport).toBe(53);
    expect(factOf(h, 'tc').verdict).toBe('TC_ACT_REDIRECT');
    const unconfirmed = findHop(w, { fact: { kind: 'assumption' } });
    expect(unconfirmed.uncertain).toMatch(/domain file #2/);
  });

  it('is not captured for a pod outside the mesh: kube-proxy sends it to CoreDNS', () => {
    const w = run({ dns: 'on', source: 'outside' });
    const dnat = findHop(w, {
      netns: A,
      fact: { kind: 'netfilter', chain: 'KUBE-SEP-OP4AXEAS4OXHBEQX', target: 'DNAT' },
    });
    expect(dnat.packetAfter?.ip).toMatchObject({ dst: '10.244.0.3' });
    expect(dnat.packetAfter?.l4.dport).toBe(53);
    findHop(w, { fact: { kind: 'dns', server: 'cluster-dns' } });
  });
});

describe('L4 deny (ALLOW only notsleep)', () => {
  const w = run({ policy: 'deny-l4' });
  it('ztunnel answers the CONNECT 401 and curl sees a reset (exit 56)', () => {
    const deny = findHop(w, q.policy('ztunnel', 'deny'));
    expect(factOf(deny, 'policy').reason).toBe('allow policies exist, but none allowed');
    findHop(w, { fact: { kind: 'ztunnel', step: 'connect-refused', status: 401 } }, deny.index);
    expect(w.outcome).toMatchObject({ kind: 'denied-l4', curlExit: 56 });
    expect(w.outcome.client).toContain('(56)');
  });
  it('the 401 comes back by connmark 0x210 → mark 0x40 → table 102 into ztunnel, then mark 0x4d3 → rule 20003', () => {
    const reply = findHop(w, { fact: { kind: 'ztunnel', step: 'connect-refused', status: 401 } });
    const ct = findHop(w, { netns: A, fact: { kind: 'conntrack' } }, reply.index);
    expect(ct.packetAfter?.skb.connmark).toBe(0x210);
    const m40 = findHop(w, q.marks(0x40, { netns: A }), ct.index);
    expect(m40.actor.text).toContain(
      '! -i vethb7c4e1d0 -m connmark --mark 0x210/0x210 -j MARK --set-xmark 0x40/0x40',
    );
    const r102 = findHop(w, q.route(102, { netns: A }), m40.index);
    expect(factOf(r102, 'route')).toMatchObject({ table: '102' });
    expect(r102.actor.text).toBe('default via 10.244.2.2 dev vethb7c4e1d0 onlink');
    const m4d3 = findHop(w, q.marks(0x4d3, { netns: `${A}/ztunnel` }), r102.index);
    const r20003 = findHop(w, { netns: `${A}/ztunnel`, fact: { kind: 'route' } }, m4d3.index);
    expect(factOf(r20003, 'route')).toMatchObject({ priority: 20003 });
  });
  it('never reaches httpbin', () => {
    expect(allHops(w, { netns: `${B}/httpbin` })).toEqual([]);
  });
});

describe('L7 deny (DENY GET /get from sleep)', () => {
  it('with the httpbin waypoint: 403 RBAC: access denied from the waypoint', () => {
    const w = run({ policy: 'deny-l7', waypoint: 'httpbin' });
    findHop(w, q.policy('envoy', 'deny'));
    findHop(w, { fact: { kind: 'waypoint', step: 'deny', status: 403 } });
    expect(w.outcome.kind).toBe('denied-l7');
    expect(w.outcome.client).toContain('RBAC: access denied');
    expect(w.outcome.client).toContain('403');
  });
  it('without a waypoint: ztunnel drops the HTTP parts and denies everything from sleep (401, reset)', () => {
    const w = run({ policy: 'deny-l7', waypoint: 'none' });
    const deny = factOf(findHop(w, q.policy('ztunnel', 'deny')), 'policy');
    expect(deny.reason).toBe('explicitly denied by: default/httpbin-deny-get');
    expect(deny.dropped?.join(' ')).toContain('method GET, path /get dropped');
    expect(w.outcome.kind).toBe('denied-l4');
    expect(w.lessons.map((l) => l.kind)).toContain('l7-deny-enforced-at-l4');
  });
});

describe('sleep outside the mesh', () => {
  const w = run({ source: 'outside' });
  it('is not marked on its node; kube-proxy DNATs the VIP to httpbin', () => {
    expect(allHops(w, q.marks(0x100, { netns: A }))).toEqual([]);
    findHop(w, { netns: A, fact: { kind: 'netfilter', rule: null } });
    const dnat = findHop(w, {
      netns: A,
      fact: { kind: 'netfilter', chain: /^KUBE-SEP-/, target: 'DNAT' },
    });
    expect(dnat.packetAfter?.ip.dst).toBe('10.244.1.5');
    expect(dnat.packetAfter?.l4.dport).toBe(80);
  });
  it("is captured on httpbin's node into ztunnel's plaintext port 15006", () => {
    const tp = findHop(w, q.tproxy({ netns: `${B}/ztunnel` }));
    expect(tp.actor.text).toBe(
      '-A PREROUTING -i pistioin -p tcp -j TPROXY --on-port 15006 --on-ip 127.0.0.1 --tproxy-mark 0x400/0xfff',
    );
    findHop(w, q.ztunnel('plaintext-inbound'));
    expect(w.outcome.kind).toBe('not-captured');
    expect(w.outcome.delivered).toBe(true);
  });
  it('is denied at L4 by an ALLOW list (no identity), and the reset travels back un-DNATed', () => {
    const d = run({ source: 'outside', policy: 'deny-l4' });
    expect(d.outcome.kind).toBe('denied-l4');
    const rev = findHop(d, { netns: A, fact: { kind: 'conntrack', op: 'nat-reverse' } });
    expect(rev.packetAfter?.ip.src).toBe('10.96.184.142');
  });
  it('slips past a DENY that names a principal: a plaintext client has none', () => {
    const d = run({ source: 'outside', policy: 'deny-l7' });
    expect(d.outcome.kind).toBe('not-captured');
    expect(d.lessons.map((l) => l.kind)).toContain('deny-cannot-match-plaintext');
  });
  it("is hairpinned by ztunnel to httpbin's waypoint", () => {
    const d = run({ source: 'outside', waypoint: 'httpbin' });
    findHop(d, q.ztunnel('hairpin'));
    findHop(d, { fact: { kind: 'waypoint', step: 'originate' } });
    expect(d.outcome.kind).toBe('not-captured');
  });
});

describe('L4 policy with a waypoint (1.18 semantics)', () => {
  it("is not enforced for the waypoint's connection: ztunnel skips policy from the destination's waypoint", () => {
    const w = run({ policy: 'deny-l4', waypoint: 'httpbin' });
    expect(w.outcome.kind).toBe('delivered');
    expect(w.lessons).toContainEqual({
      kind: 'waypoint-skips-l4-policy',
      policies: ['default/httpbin-viewer'],
    });
  });
});
