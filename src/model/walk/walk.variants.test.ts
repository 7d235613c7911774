import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO, type Scenario } from '../scenario';
import { streamLayers } from '../packet';
import { walkScenario } from '.';
import { allHops, findHop } from './testkit';

const A = 'ambient-worker';
const B = 'ambient-worker2';
const SLEEP_IP = '10.244.2.4';
const run = (s: Partial<Scenario>) => walkScenario({ ...DEFAULT_SCENARIO, ...s });

describe.each(['iptables', 'ebpf'] as const)('with the httpbin waypoint (%s)', (redirect) => {
  const w = run({ redirect, waypoint: 'httpbin' });

  it("sends HBONE to the waypoint 10.244.2.6:15008, :authority the original VIP, expecting the waypoint's identity", () => {
    const h = findHop(w, { actor: 'ztunnel', title: 'dials HBONE' });
    expect(h.packetAfter?.ip.dst).toBe('10.244.2.6');
    expect(h.packetAfter?.l4.dport).toBe(15008);
    const [tls, connect] = streamLayers(h.packetAfter!);
    expect(connect).toMatchObject({ authority: '10.96.184.142:8000' });
    expect(tls?.kind === 'tls' && tls.server.serviceAccount).toBe('httpbin-istio-waypoint');
  });

  it('the waypoint opens a new HBONE connection from its own IP to httpbin:15008 as itself', () => {
    const h = findHop(w, { actor: 'waypoint', title: 'connect_originate' });
    expect(h.packetAfter?.ip).toMatchObject({ src: '10.244.2.6', dst: '10.244.1.5' });
    const [tls, connect] = streamLayers(h.packetAfter!);
    expect(tls?.kind === 'tls' && tls.client.serviceAccount).toBe('httpbin-istio-waypoint');
    expect(connect).toMatchObject({
      authority: '10.244.1.5:80',
      headers: { forwarded: `for=${SLEEP_IP}` },
    });
  });

  it("httpbin's ztunnel sees the waypoint, skips L4 policy and restores sleep's IP from Forwarded", () => {
    findHop(w, { netns: `${B}/ztunnel`, actor: 'policy', title: 'L4 policy skipped' });
    expect(w.hops[w.hops.length - 1]?.title).toBe(`httpbin receives GET /get from ${SLEEP_IP}`);
  });
});

describe('a waypoint for sleep only', () => {
  const w = run({ waypoint: 'sleep' });
  it('is skipped: the client-side waypoint is never on the path', () => {
    expect(allHops(w, { actor: 'waypoint' })).toEqual([]);
    expect(findHop(w, { actor: 'ztunnel', title: 'decides' }).actor.details.join(' ')).toContain(
      'not consulted',
    );
    expect(w.notes.join(' ')).toMatch(/server-side only/);
  });
});

describe('same node (iptables)', () => {
  const w = run({ placement: 'same-node' });
  it('takes the node-local fast path: no HBONE, no TLS on any packet', () => {
    findHop(w, { actor: 'ztunnel', title: 'DirectLocal' });
    expect(
      w.hops.some(
        (h) => h.packetAfter && streamLayers(h.packetAfter).some((l) => l.kind === 'tls'),
      ),
    ).toBe(false);
    expect(allHops(w, { actor: 'wire' })).toEqual([]);
  });
  it('still checks L4 policy, in memory', () => {
    findHop(w, { actor: 'policy', title: 'L4 policy at ztunnel' });
    expect(w.outcome.kind).toBe('delivered');
  });
});

describe('DNS capture', () => {
  it("iptables: the node DNATs sleep's UDP/53 to <ztunnel IP>:15053, not through GENEVE", () => {
    const w = run({ dns: 'on' });
    const dnat = findHop(w, { netns: A, actor: 'netfilter', title: 'DNAT' });
    expect(dnat.packetAfter?.ip.dst).toBe('10.244.2.2');
    expect(dnat.packetAfter?.l4.dport).toBe(15053);
    expect(dnat.stage).toBe('dns');
    const dnsHops = w.hops.filter((h) => h.stage === 'dns');
    expect(dnsHops.some((h) => h.actor.kind === 'geneve')).toBe(false);
    const answer = findHop(w, { actor: 'dns', title: 'DNS proxy answers 10.96.184.142' });
    expect(answer.uncertain).toMatch(/1\.18\.0 has no DNS proxy/);
    const got = findHop(w, {
      netns: `${A}/sleep`,
      title: /resolver gets 10\.96\.184\.142 from 10\.96\.0\.10/,
    });
    expect(got.index).toBeLessThan(findHop(w, { title: 'curl opens' }).index);
  });

  it('eBPF: app_outbound redirects UDP/53 when CAPTURE_DNS_FLAG is set, and the rest is labelled unconfirmed', () => {
    const w = run({ dns: 'on', redirect: 'ebpf' });
    const h = findHop(w, { actor: 'ebpf', title: 'app_outbound' });
    expect(h.packetBefore?.l4.dport).toBe(53);
    expect(h.title).toContain('bpf_redirect');
    const unconfirmed = findHop(w, { actor: 'assumption' });
    expect(unconfirmed.uncertain).toMatch(/domain file #2/);
  });

  it('is not captured for a pod outside the mesh: kube-proxy sends it to CoreDNS', () => {
    const w = run({ dns: 'on', source: 'outside' });
    findHop(w, { netns: A, title: /KUBE-SEP-OP4AXEAS4OXHBEQX: DNAT to 10\.244\.0\.3:53/ });
    findHop(w, { title: /CoreDNS answers/ });
  });
});

describe('L4 deny (ALLOW only notsleep)', () => {
  const w = run({ policy: 'deny-l4' });
  it('ztunnel answers the CONNECT 401 and curl sees a reset (exit 56)', () => {
    const deny = findHop(w, { actor: 'policy', title: 'denied' });
    expect(deny.actor.text).toBe('allow policies exist, but none allowed');
    findHop(w, { title: 'answers the CONNECT with 401' }, deny.index);
    expect(w.outcome).toMatchObject({ kind: 'denied-l4', curlExit: 56 });
    expect(w.outcome.client).toContain('(56)');
  });
  it('the 401 comes back by connmark 0x210 → mark 0x40 → table 102 into ztunnel, then mark 0x4d3 → rule 20003', () => {
    const reply = findHop(w, { title: 'answers the CONNECT with 401' });
    const ct = findHop(w, { netns: A, actor: 'conntrack' }, reply.index);
    expect(ct.packetAfter?.skb.connmark).toBe(0x210);
    const m40 = findHop(w, { netns: A, actor: 'netfilter', title: 'marks it 0x40' }, ct.index);
    expect(m40.actor.text).toContain(
      '! -i vethb7c4e1d0 -m connmark --mark 0x210/0x210 -j MARK --set-xmark 0x40/0x40',
    );
    const r102 = findHop(
      w,
      { netns: A, actor: 'routing', title: 'ip rule 102 → table 102' },
      m40.index,
    );
    expect(r102.actor.text).toBe('default via 10.244.2.2 dev vethb7c4e1d0 onlink');
    const m4d3 = findHop(
      w,
      { netns: `${A}/ztunnel`, actor: 'netfilter', title: 'marks it 0x4d3' },
      r102.index,
    );
    const r20003 = findHop(w, { netns: `${A}/ztunnel`, actor: 'routing' }, m4d3.index);
    expect(r20003.title).toContain('ip rule 20003');
  });
  it('never reaches httpbin', () => {
    expect(allHops(w, { netns: `${B}/httpbin` })).toEqual([]);
  });
});

describe('L7 deny (DENY GET /get from sleep)', () => {
  it('with the httpbin waypoint: 403 RBAC: access denied from the waypoint', () => {
    const w = run({ policy: 'deny-l7', waypoint: 'httpbin' });
    findHop(w, { actor: 'policy', title: 'L7 policy at the waypoint: 403' });
    expect(w.outcome.kind).toBe('denied-l7');
    expect(w.outcome.client).toContain('RBAC: access denied');
    expect(w.outcome.client).toContain('403');
  });
  it('without a waypoint: ztunnel drops the HTTP parts and denies everything from sleep (401, reset)', () => {
    const w = run({ policy: 'deny-l7', waypoint: 'none' });
    const deny = findHop(w, { actor: 'policy', title: 'denied' });
    expect(deny.actor.text).toBe('explicitly denied by: default/httpbin-deny-get');
    expect(deny.why).toContain('method GET, path /get dropped');
    expect(w.outcome.kind).toBe('denied-l4');
    expect(w.notes.join(' ')).toMatch(/without its HTTP parts/);
  });
});

describe('sleep outside the mesh', () => {
  const w = run({ source: 'outside' });
  it('is not marked on its node; kube-proxy DNATs the VIP to httpbin', () => {
    expect(allHops(w, { netns: A, title: 'marks it 0x100' })).toEqual([]);
    findHop(w, { netns: A, actor: 'netfilter', title: 'no rule matches' });
    const dnat = findHop(w, { netns: A, title: /KUBE-SEP-.*DNAT to 10\.244\.1\.5:80/ });
    expect(dnat.packetAfter?.ip.dst).toBe('10.244.1.5');
  });
  it("is captured on httpbin's node into ztunnel's plaintext port 15006", () => {
    const tp = findHop(w, { netns: `${B}/ztunnel`, actor: 'netfilter', title: 'TPROXY' });
    expect(tp.actor.text).toBe(
      '-A PREROUTING -i pistioin -p tcp -j TPROXY --on-port 15006 --on-ip 127.0.0.1 --tproxy-mark 0x400/0xfff',
    );
    findHop(w, { actor: 'ztunnel', title: 'plaintext inbound' });
    expect(w.outcome.kind).toBe('not-captured');
    expect(w.outcome.delivered).toBe(true);
  });
  it('is denied at L4 by an ALLOW list (no identity), and the reset travels back un-DNATed', () => {
    const d = run({ source: 'outside', policy: 'deny-l4' });
    expect(d.outcome.kind).toBe('denied-l4');
    const rev = findHop(d, { netns: A, actor: 'conntrack', title: 'reverses the DNAT' });
    expect(rev.packetAfter?.ip.src).toBe('10.96.184.142');
  });
  it('slips past a DENY that names a principal: a plaintext client has none', () => {
    const d = run({ source: 'outside', policy: 'deny-l7' });
    expect(d.outcome.kind).toBe('not-captured');
    expect(d.notes.join(' ')).toMatch(/no identity/);
  });
  it("is hairpinned by ztunnel to httpbin's waypoint", () => {
    const d = run({ source: 'outside', waypoint: 'httpbin' });
    findHop(d, { actor: 'ztunnel', title: 'hairpins to the waypoint' });
    findHop(d, { actor: 'waypoint', title: 'connect_originate' });
    expect(d.outcome.kind).toBe('not-captured');
  });
});

describe('L4 policy with a waypoint (1.18 semantics)', () => {
  it("is not enforced for the waypoint's connection: ztunnel skips policy from the destination's waypoint", () => {
    const w = run({ policy: 'deny-l4', waypoint: 'httpbin' });
    expect(w.outcome.kind).toBe('delivered');
    expect(w.notes.join(' ')).toMatch(/skips L4 policy for connections from httpbin's waypoint/);
  });
});
