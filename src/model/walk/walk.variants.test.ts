import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO, type Scenario } from '../scenario';
import { streamLayers } from '../packet';
import { walkScenario } from '.';
import { allHops, factOf, findHop, q } from './testkit';

const A = 'ambient-worker';
const B = 'ambient-worker2';
const SLEEP_IP = '10.244.2.4';
const run = (s: Partial<Scenario>) => walkScenario({ ...DEFAULT_SCENARIO, ...s });

describe.each([
  ['iptables', '1.18'],
  ['ebpf', '1.20'],
] as const)('with the httpbin waypoint (%s, Istio %s)', (redirect, istio) => {
  const w = run({ redirect, istio, waypoint: 'httpbin' });

  it("sends HBONE to the waypoint 10.244.2.6:15008, :authority the original VIP, expecting the waypoint's identity", () => {
    const h = findHop(w, q.ztunnel('hbone-connect'));
    expect(h.packetAfter?.ip.dst).toBe('10.244.2.6');
    expect(h.packetAfter?.l4.dport).toBe(15008);
    const [tls, connect] = streamLayers(h.packetAfter!);
    expect(connect).toMatchObject({ authority: '10.96.184.142:8000' });
    expect(tls?.kind === 'tls' && tls.server.serviceAccount).toBe('httpbin-istio-waypoint');
  });

  it('the waypoint opens a new HBONE connection from its own IP to httpbin:15008 as itself, with no Forwarded header (listener_waypoint.go buildConnectOriginateListener)', () => {
    const h = findHop(w, { fact: { kind: 'waypoint', step: 'originate' } });
    expect(h.packetAfter?.ip).toMatchObject({ src: '10.244.2.6', dst: '10.244.1.5' });
    const [tls, connect] = streamLayers(h.packetAfter!);
    expect(tls?.kind === 'tls' && tls.client.serviceAccount).toBe('httpbin-istio-waypoint');
    expect(connect).toMatchObject({ authority: '10.244.1.5:80', headers: {} });
    expect(factOf(h, 'waypoint')).toMatchObject({
      originalClient: SLEEP_IP,
      forwardsClient: false,
    });
  });

  it("httpbin's ztunnel sees the waypoint, skips L4 policy and, with no Forwarded header, connects from the waypoint's IP: httpbin sees 10.244.2.6 (inbound.rs get_original_src_from_fwded(..).unwrap_or(conn.src_ip))", () => {
    findHop(w, { netns: `${B}/ztunnel`, fact: { kind: 'policy', decision: 'skipped' } });
    expect(w.hops[w.hops.length - 1]?.fact).toMatchObject({
      kind: 'app',
      op: 'receive',
      from: { ip: '10.244.2.6' },
      seesOriginalClient: false,
    });
    expect(w.outcome.summary).toContain('from 10.244.2.6');
    expect(w.lessons).toContainEqual({ kind: 'waypoint-hides-client', waypoint: '10.244.2.6' });
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
  it("iptables (1.19): the node DNATs sleep's UDP/53 to <ztunnel IP>:15053, not through GENEVE, and ztunnel's DNS proxy answers", () => {
    const w = run({ dns: 'on', istio: '1.19' });
    const dnat = findHop(w, { netns: A, fact: { kind: 'netfilter', target: 'DNAT' } });
    expect(dnat.packetAfter?.ip.dst).toBe('10.244.2.2');
    expect(dnat.packetAfter?.l4.dport).toBe(15053);
    expect(dnat.stage).toBe('dns');
    const dnsHops = w.hops.filter((h) => h.stage === 'dns');
    expect(dnsHops.some((h) => h.fact.kind === 'geneve')).toBe(false);
    const answer = findHop(w, {
      fact: { kind: 'dns', server: 'ztunnel', answer: '10.96.184.142' },
    });
    expect(answer.provenance).toMatchObject({ ref: 'istio/ztunnel@1.19.0:src/dns/server.rs' });
    const got = findHop(w, {
      netns: `${A}/sleep`,
      fact: { kind: 'app', op: 'dns-answer', answer: '10.96.184.142', from: { ip: '10.96.0.10' } },
    });
    expect(got.index).toBeLessThan(findHop(w, { fact: { kind: 'app', op: 'connect' } }).index);
  });

  it('eBPF: app_outbound redirects UDP/53 when CAPTURE_DNS_FLAG is set, and the rest is labelled unconfirmed', () => {
    const w = run({ dns: 'on', redirect: 'ebpf', istio: '1.20' });
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
    expect(factOf(deny, 'policy').reason).toBe('no allow policies matched');
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
  it.each(['1.18', '1.19', '1.20'] as const)(
    'without a waypoint (%s): the DENY reaches ztunnel as an empty match, which never matches, so GET /get is delivered (istio/istio#61126; ztunnel src/rbac.rs)',
    (istio) => {
      const w = run({ policy: 'deny-l7', waypoint: 'none', istio });
      const check = factOf(findHop(w, q.policy('ztunnel', 'allow')), 'policy');
      expect(check.reason).toBe('no allow policies, allow');
      expect(check.evaluated).toEqual([
        { policy: 'default/httpbin-deny-get', action: 'Deny', matched: false },
      ]);
      expect(check.dropped?.join(' ')).toContain('leaving an empty match');
      expect(w.outcome).toMatchObject({ kind: 'delivered', curlExit: 0 });
      expect(w.outcome.surprise).toBe('the L7-only DENY never matches at ztunnel (no waypoint)');
      expect(w.lessons).toContainEqual({
        kind: 'l7-deny-no-effect',
        policies: ['default/httpbin-deny-get'],
      });
    },
  );
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
  it("same node: ztunnel hairpins to httpbin's waypoint, with a certificate for sleep's identity it may get", () => {
    const d = run({ source: 'outside', waypoint: 'httpbin', placement: 'same-node' });
    findHop(d, { fact: { kind: 'ztunnel', step: 'certificate', granted: true } });
    findHop(d, q.ztunnel('hairpin'));
    findHop(d, { fact: { kind: 'waypoint', step: 'originate' } });
    expect(d.outcome.kind).toBe('not-captured');
  });

  it("across nodes: ztunnel B needs a certificate for sleep's identity, which the CA's node authorizer refuses (ambient.yaml CA_TRUSTED_NODE_ACCOUNTS; node_auth.go), so the client gets a reset (likely; not run)", () => {
    const d = run({ source: 'outside', waypoint: 'httpbin' });
    const cert = findHop(d, { fact: { kind: 'ztunnel', step: 'certificate', granted: false } });
    expect(factOf(cert, 'ztunnel')).toMatchObject({
      node: 'ambient-worker2',
      error: 'no instances of "default/sleep" found on node "ambient-worker2"',
    });
    expect(cert.provenance).toMatchObject({
      kind: 'inferred',
      ref: 'istio/istio@1.18.0:security/pkg/server/ca/node_auth.go',
    });
    expect(cert.uncertain).toMatch(/Not run on a cluster/);
    expect(allHops(d, q.ztunnel('hairpin'))).toEqual([]);
    expect(d.outcome).toMatchObject({ kind: 'failed', curlExit: 56, delivered: false });
    expect(d.outcome.surprise).toMatch(/refuses ztunnel a certificate/);
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
