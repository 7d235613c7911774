/**
 * In-pod redirection, hop by hop, against the domain file (inpod-and-import.md §1.5–1.9) for
 * 1.30 and the TPROXY differences of 1.21. Each test names the upstream file its fact is read in;
 * the rules themselves are compared with istio-cni's goldens in cluster/inpodRules.golden.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { buildCluster } from '../cluster/build';
import { netnsListings, ztunnelConfigListing } from '../listings';
import { DEFAULT_SCENARIO, type Scenario } from '../scenario';
import { walkScenario } from '.';
import { allHops, factOf, findHop, q, ztunnelStep } from './testkit';

const SLEEP = 'ambient-worker/sleep';
const HTTPBIN = 'ambient-worker2/httpbin';
const INPOD: Partial<Scenario> = { redirect: 'inpod', istio: '1.30', dns: 'off' };
const sleepIp = (w: { cluster: { pods: readonly { role: string; ip: { value: string } }[] } }) =>
  w.cluster.pods.find((p) => p.role === 'sleep')?.ip.value;
const run = (s: Partial<Scenario> = {}) => walkScenario({ ...DEFAULT_SCENARIO, ...INPOD, ...s });

const rule = (table: string, chain: string, target: string) => ({
  fact: { kind: 'netfilter', table, chain, target },
});

describe('Walk A, 1.30 cross-node (istio@1.30.3:cni/pkg/iptables/iptables.go AppendInpodRules)', () => {
  const w = run();

  it('redirects the app’s SYN to ztunnel’s :15001 in sleep’s own netns (O6, nat OUTPUT)', () => {
    const h = findHop(w, { netns: SLEEP, ...rule('nat', 'ISTIO_OUTPUT', 'REDIRECT') });
    expect(h.actor.text).toBe(
      '-A ISTIO_OUTPUT ! -d 127.0.0.1/32 -p tcp -m mark ! --mark 0x539/0xfff -j REDIRECT --to-ports 15001',
    );
    expect(h.packetAfter?.ip.dst).toBe('127.0.0.1');
    expect(h.packetAfter?.l4.dport).toBe(15001);
  });

  it('accepts on ztunnel’s outbound listener inside sleep’s netns, owned by the node’s ztunnel (ztunnel@1.30.3:src/inpod/statemanager.rs)', () => {
    const h = findHop(w, { netns: SLEEP, fact: { kind: 'accept', listener: { port: 15001 } } });
    expect(factOf(h, 'accept').process).toMatch(/ztunnel/);
  });

  it('reads SO_ORIGINAL_DST: the Service VIP and port, not 127.0.0.1:15001 (ztunnel@1.30.3:src/proxy/outbound.rs)', () => {
    const f = ztunnelStep(findHop(w, q.ztunnel('outbound')), 'outbound');
    expect(f.dst).toEqual({ ip: w.cluster.request.vip, port: 8000 });
    expect(f.plan).toMatchObject({
      kind: 'direct-hbone',
      authority: expect.stringMatching(/:8080$/),
    });
  });

  it('dials HBONE from sleep’s netns with mark 0x539 and sleep’s own address, straight to httpbin:15008', () => {
    const h = findHop(w, q.ztunnel('hbone-connect'));
    expect(h.where.netns).toBe(SLEEP);
    expect(h.packetAfter?.skb.mark).toBe(0x539);
    expect(h.packetAfter?.ip.src).toBe(sleepIp(w));
    expect(h.packetAfter?.l4.dport).toBe(15008);
    // O6 excludes the mark: the SYN leaves sleep's netns without a NAT.
    const after = allHops(w, { netns: SLEEP, ...rule('nat', 'ISTIO_OUTPUT', 'REDIRECT') });
    expect(after).toHaveLength(1);
  });

  it('lets 15008 through unredirected in httpbin’s netns (P2 `! --dport 15008`) to ztunnel’s listener there', () => {
    expect(allHops(w, { netns: HTTPBIN, ...rule('nat', 'ISTIO_PRERT', 'REDIRECT') })).toEqual([]);
    const h = findHop(w, { netns: HTTPBIN, fact: { kind: 'accept', listener: { port: 15008 } } });
    expect(factOf(h, 'accept').tproxied).toBe(false);
  });

  it('connects to the app from the client’s address with mark 0x539; M1 sets connmark 0x111 on lo', () => {
    const connect = ztunnelStep(findHop(w, q.ztunnel('connect-workload')), 'connect-workload');
    expect(connect.from.ip).toBe(sleepIp(w));
    const o5 = findHop(w, { netns: HTTPBIN, ...rule('nat', 'ISTIO_OUTPUT', 'ACCEPT') });
    expect(o5.actor.text).toBe('-A ISTIO_OUTPUT ! -d 127.0.0.1/32 -o lo -j ACCEPT');
    const m1 = findHop(w, { netns: HTTPBIN, ...rule('mangle', 'ISTIO_PRERT', 'CONNMARK-set') });
    expect(m1.packetAfter?.skb.connmark).toBe(0x111);
  });

  it('returns the app’s answer to ztunnel: M2 restores 0x111, ip rule 32764 → table 100 local (iptables_linux.go)', () => {
    const m2 = findHop(w, {
      netns: HTTPBIN,
      ...rule('mangle', 'ISTIO_OUTPUT', 'CONNMARK-restore'),
    });
    expect(m2.packetAfter?.skb.mark).toBe(0x111);
    const r = factOf(
      findHop(w, { netns: HTTPBIN, fact: { kind: 'route', priority: 32764 } }, m2.index),
      'route',
    );
    expect(r).toMatchObject({ table: '100', local: true });
  });

  it('delivers GET /get to httpbin on 8080 from sleep’s address (samples/httpbin/httpbin.yaml)', () => {
    expect(w.outcome.kind).toBe('delivered');
    const app = factOf(findHop(w, { fact: { kind: 'app', op: 'receive' } }), 'app');
    expect(app).toMatchObject({ seesOriginalClient: true });
  });
});

describe('the in-pod cluster (istio@1.30.3:cni/pkg/nodeagent/net_linux.go AddPodToMesh)', () => {
  const c = buildCluster({ ...DEFAULT_SCENARIO, redirect: 'inpod', istio: '1.30', dns: 'on' });
  const pod = (role: string) => c.pods.find((p) => p.role === role)!;

  it('puts ztunnel’s 15001/15006/15008/15053 in every enrolled pod, each with SO_MARK 0x539', () => {
    for (const role of ['sleep', 'httpbin']) {
      const ls = c.netns[pod(role).netns]!.listeners.filter(
        (l) => c.processes[l.process]?.kind === 'ztunnel',
      );
      expect(ls.map((l) => `${l.proto}/${l.port}`).sort()).toEqual(
        ['tcp/15001', 'tcp/15006', 'tcp/15008', 'tcp/15053', 'udp/15053'].sort(),
      );
      for (const l of ls) expect(l.mark).toBe(0x539);
    }
  });

  it('adds ip rule 32764 fwmark 0x111/0xfff lookup 100 and local default dev lo in table 100', () => {
    const listings = netnsListings(c, pod('httpbin').netns);
    const text = (s: string) =>
      listings.filter((l) => l.section === s).flatMap((l) => l.lines.map((x) => x.text));
    expect(text('ip-rule')).toContain('32764:	from all fwmark 0x111/0xfff lookup 100');
    expect(text('ip-route')).toContain('local default dev lo scope host');
  });

  it('leaves the node without capture rules, tunnels or eBPF: only the probe SNAT', () => {
    const node = Object.values(c.netns).find((n) => n.kind === 'node')!;
    expect(node.ifaces.filter((i) => i.kind === 'geneve')).toEqual([]);
    expect(node.tc).toEqual([]);
    const istio = node.tables.nat.chains
      .flatMap((ch) => ch.rules)
      .filter((r) => r.owner === 'istio-cni');
    expect(istio.map((r) => r.target.kind)).toEqual(['jump', 'SNAT']);
  });

  it('records each pod’s enrolment in AddPodToMesh’s order, ZDS carrying the netns fd', () => {
    const e = c.enrolment!.find((x) => x.netns === pod('httpbin').netns)!;
    expect(e.steps.map((s) => s.step)).toEqual([
      'netns',
      'rules',
      'zds',
      'proxy',
      'ipset',
      'annotate',
    ]);
    expect(e.steps.find((s) => s.step === 'zds')?.text).toMatch(/SCM_RIGHTS/);
  });
});

describe('Walk B, same node: no fast path in-pod (ztunnel@1.21.0:src/proxy/outbound.rs)', () => {
  it.each(['1.30', '1.21'] as const)(
    '%s tunnels HBONE to httpbin’s :15008 on the same node',
    (istio) => {
      const w = run({ istio, placement: 'same-node' });
      const f = ztunnelStep(findHop(w, q.ztunnel('outbound')), 'outbound');
      expect(f.plan.kind).toBe('direct-hbone');
      expect(f.trace.join('\n')).toMatch(/no fast path/);
      expect(w.outcome.kind).toBe('delivered');
    },
  );
});

describe('Walk C, waypoint on the Service (istio@1.30.3:pilot/pkg/serviceregistry/ambient/waypoints.go)', () => {
  const w = run({ waypoint: 'httpbin' });

  it('finds the waypoint on the Service, keeps the VIP as :authority, and names it by hostname', () => {
    const f = ztunnelStep(findHop(w, q.ztunnel('outbound')), 'outbound');
    expect(f.plan).toMatchObject({
      kind: 'to-server-waypoint',
      authority: `${w.cluster.request.vip}:8000`,
    });
    const vip = w.cluster.ztunnelStore.vips.find((v) => v.vip === w.cluster.request.vip);
    expect(vip?.waypoint).toMatchObject({
      kind: 'hostname',
      hostname: 'waypoint.default.svc.cluster.local',
    });
  });

  it('opens a second, separate HBONE leg from the waypoint; the destination sees the waypoint’s identity', () => {
    const terminations = allHops(w, q.ztunnel('hbone-terminate'));
    const last = ztunnelStep(terminations[terminations.length - 1]!, 'hbone-terminate');
    expect(last.client?.serviceAccount).toBe('waypoint');
    expect(w.outcome.kind).toBe('delivered');
  });

  it('denies GET /get at the waypoint with 403 for a policy with targetRefs to the Service', () => {
    const d = run({ waypoint: 'httpbin', policy: 'deny-l7' });
    expect(d.outcome.kind).toBe('denied-l7');
    expect(d.cluster.policies[0]?.targetRef).toEqual({
      group: '',
      kind: 'Service',
      name: 'httpbin',
    });
    // istiod does not send ztunnel a policy with a targetRef.
    expect(d.cluster.ztunnelStore.policies).toEqual([]);
  });
});

describe('Walk D, outside source (ztunnel@1.30.3:src/proxy/inbound_passthrough.rs)', () => {
  const w = run({ source: 'outside', waypoint: 'httpbin' });

  it('REDIRECTs plaintext to :15006 in httpbin’s netns (P2) and takes no waypoint', () => {
    const h = findHop(w, { netns: HTTPBIN, ...rule('nat', 'ISTIO_PRERT', 'REDIRECT') });
    expect(h.packetAfter?.l4.dport).toBe(15006);
    const f = ztunnelStep(findHop(w, q.ztunnel('plaintext-inbound')), 'plaintext-inbound');
    expect(f.to.port).toBe(8080);
    expect(allHops(w, q.ztunnel('hairpin'))).toEqual([]);
  });
});

describe('Walk E, L4 deny: 401 and the release’s log (ztunnel src/proxy.rs AuthorizationRejectionError)', () => {
  it.each([
    ['1.30', /connection closed due to policy rejection: allow policies exist, but none allowed/],
    ['1.24', /connection closed due to policy rejection: allow policies exist, but none allowed/],
    ['1.21', /^RBAC rejected/],
  ] as const)('%s answers the CONNECT 401 and logs its words', (istio, log) => {
    const w = run({ istio, policy: 'deny-l4' });
    const refused = ztunnelStep(findHop(w, q.ztunnel('connect-refused')), 'connect-refused');
    expect(refused.status).toBe(401);
    expect(refused.log).toMatch(log);
    expect(w.outcome.kind).toBe('denied-l4');
  });
});

describe('1.21’s differences (istio@1.21.0:cni/pkg/iptables/testdata/default.golden; ztunnel@1.21.0)', () => {
  it('TPROXYs HBONE to :15008 in mangle with mark 0x111, the destination kept', () => {
    const w = run({ istio: '1.21' });
    const h = findHop(w, { netns: HTTPBIN, ...q.tproxy() });
    expect(h.packetAfter?.skb.mark).toBe(0x111);
    expect(h.packetAfter?.ip.dst).toBe(h.packetBefore?.ip.dst);
  });

  it('TPROXYs plaintext from outside to :15006', () => {
    const w = run({ istio: '1.21', source: 'outside' });
    const h = findHop(w, { netns: HTTPBIN, ...q.tproxy() });
    expect(h.actor.text).toMatch(/--on-port 15006/);
  });

  it('keeps the waypoint on the workload, named by its Service VIP (1.21 workload-attached waypoints)', () => {
    const w = run({ istio: '1.21', waypoint: 'httpbin' });
    const f = ztunnelStep(findHop(w, q.ztunnel('outbound')), 'outbound');
    expect(f.plan.kind).toBe('to-server-waypoint');
    const httpbin = w.cluster.ztunnelStore.workloads.find((x) => x.workloadName === 'httpbin');
    expect(httpbin?.waypoint?.kind).toBe('service');
  });

  it('hairpins plaintext for a destination with a waypoint (inbound_passthrough.rs: "we forward it to the waypoint ourselves")', () => {
    const w = run({
      istio: '1.21',
      waypoint: 'httpbin',
      source: 'outside',
      placement: 'same-node',
    });
    const h = ztunnelStep(findHop(w, q.ztunnel('hairpin')), 'hairpin');
    expect(h.from.ip).toBe(w.cluster.pods.find((p) => p.role === 'httpbin')?.ip.value);
  });
});

describe('ztunnel’s /config_dump as each release prints it (ztunnel src/admin.rs, src/state.rs)', () => {
  const dump = (istio: Scenario['istio']) =>
    ztunnelConfigListing(
      buildCluster({ ...DEFAULT_SCENARIO, redirect: 'inpod', istio, waypoint: 'httpbin' }),
    ).lines.map((l) => l.text);

  it('1.30: lists of sorted camelCase objects, the waypoint on the Service by hostname', () => {
    const text = dump('1.30').join('\n');
    expect(text).toMatch(/^ {2}"workloads": \[$/m);
    expect(text).toMatch(/^ {2}"services": \[$/m);
    expect(text).toContain('"destination": "default/waypoint.default.svc.cluster.local"');
    expect(text).toContain('"capacity": 1');
    expect(text).not.toContain('hboneSingleTlsPort');
  });

  it('1.21: the flattened snake_case stores, the waypoint on the workload by VIP', () => {
    const text = dump('1.21').join('\n');
    expect(text).toMatch(/^ {2}"by_addr": \{$/m);
    expect(text).toContain('"hboneSingleTlsPort": null');
  });
});
