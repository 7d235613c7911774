/**
 * What differs between the releases a mode is walked at, and the corrections the audit against
 * the tags found (domain file §9). Each test names the upstream file and tag its fact is read in.
 */
import { describe, expect, it } from 'vitest';
import { buildCluster } from '../cluster/build';
import { netnsListings } from '../listings';
import { DEFAULT_SCENARIO, type Scenario } from '../scenario';
import { walkScenario } from '.';
import { allHops, factOf, findHop, q, ztunnelStep } from './testkit';

const A = 'ambient-worker';
const run = (s: Partial<Scenario>) => walkScenario({ ...DEFAULT_SCENARIO, ...s });

describe('every walk names its release', () => {
  it.each(['1.18', '1.19', '1.20'] as const)(
    'Istio %s: the mode line and the cited tags',
    (istio) => {
      const w = run({ istio });
      expect(w.mode.istioVersions).toBe(`Istio ${istio}`);
      const netfilter = findHop(w, q.marks(0x100, { netns: A }));
      expect(netfilter.provenance).toMatchObject({
        ref: `istio/istio@${istio}.0:cni/pkg/ambient/net_linux.go`,
      });
      const decision = findHop(w, q.ztunnel('outbound'));
      expect(decision.provenance).toMatchObject({
        ref: `istio/ztunnel@${istio}.0:src/proxy/outbound.rs`,
      });
    },
  );
});

describe('filter ztunnel-FORWARD ACCEPT 0x100 (istio/istio@1.19.0:cni/pkg/ambient/net_linux.go)', () => {
  const accept = {
    fact: { kind: 'netfilter', table: 'filter', chain: 'ztunnel-FORWARD', target: 'ACCEPT' },
  };
  it('is not there in 1.18', () => {
    expect(allHops(run({ istio: '1.18' }), accept)).toEqual([]);
  });
  it.each(['1.19', '1.20'] as const)(
    'accepts the captured SYN in filter FORWARD in %s, before kube-proxy could reject the VIP',
    (istio) => {
      const h = findHop(run({ istio }), { netns: A, ...accept });
      expect(h.actor.text).toBe('-A ztunnel-FORWARD -m mark --mark 0x100/0x100 -j ACCEPT');
      expect(h.packetBefore?.skb.mark).toBe(0x100);
    },
  );
});

describe('the GENEVE destination port', () => {
  it('is the kernel default 6081 in 1.18 and the first free port from 6081 in 1.19+ (determineDstPortForGeneveLink): 6081 on these nodes', () => {
    for (const istio of ['1.18', '1.19', '1.20'] as const) {
      const enc = findHop(run({ istio }), { netns: A, fact: { kind: 'geneve', op: 'encap' } });
      expect(enc.packetAfter?.l4.dport, istio).toBe(6081);
      expect(JSON.stringify(enc.provenance), istio).toContain(
        istio === '1.18' ? 'kernel default 6081' : 'determineDstPortForGeneveLink',
      );
    }
  });
});

describe('the ztunnel-OUTPUT HostIP rule and the GENEVE outer packet (domain §9.5)', () => {
  it.each(['1.18', '1.19'] as const)(
    '%s: remarks the GENEVE outer packet 0x220, and the hop says it is a side effect',
    (istio) => {
      const h = findHop(run({ istio }), {
        netns: A,
        fact: { kind: 'netfilter', chain: 'ztunnel-OUTPUT', target: 'MARK', sideEffect: true },
      });
      expect(h.packetBefore?.payload.kind).toBe('geneve');
      expect(h.packetAfter?.skb.mark).toBe(0x220);
      expect(h.title).toContain('side effect');
      expect(h.narration).toContain('side effect');
    },
  );
  it('1.20 (commit c9b60262076): matches only TCP from a local socket to an ambient pod, so the outer packet keeps its mark', () => {
    const w = run({ istio: '1.20' });
    expect(allHops(w, { fact: { kind: 'netfilter', chain: 'ztunnel-OUTPUT' } })).toEqual([]);
    const rules = netnsListings(buildCluster({ ...DEFAULT_SCENARIO, istio: '1.20' }), A)
      .filter((s) => s.section === 'iptables')
      .flatMap((s) => s.lines.map((l) => l.text));
    expect(rules).toContain(
      '-A ztunnel-OUTPUT -s 10.244.2.1/32 -p tcp -m owner --socket-exists -m set --match-set ztunnel-pods-ips dst -j MARK --set-xmark 0x220/0xffffffff',
    );
  });
});

describe("ztunnel's DNS proxy (istio/ztunnel@1.19.0:src/dns/server.rs; none in 1.18.0)", () => {
  it('1.18: the DNAT to :15053 finds nothing listening, the name does not resolve (curl exit 6), labelled as not run', () => {
    const w = run({ istio: '1.18', dns: 'on' });
    findHop(w, { fact: { kind: 'netfilter', target: 'DNAT' } });
    const refused = findHop(w, {
      fact: { kind: 'no-socket', proto: 'udp', dst: { port: 15053 } },
    });
    expect(factOf(refused, 'no-socket').answer).toBe('icmp-port-unreachable');
    const failed = findHop(w, { fact: { kind: 'app', op: 'dns-failed' } });
    expect(failed.uncertain).toMatch(/Not run on a cluster/);
    expect(allHops(w, { fact: { kind: 'app', op: 'connect' } })).toEqual([]);
    expect(w.outcome).toMatchObject({ kind: 'failed', curlExit: 6, delivered: false });
    expect(w.lessons).toContainEqual({ kind: 'no-dns-proxy', release: '1.18.0' });
  });
  it.each(['1.19', '1.20'] as const)(
    '%s: ztunnel answers the Service VIP from its own data',
    (istio) => {
      const w = run({ istio, dns: 'on' });
      const answer = findHop(w, { fact: { kind: 'dns', server: 'ztunnel' } });
      expect(factOf(answer, 'dns')).toMatchObject({
        answer: '10.96.184.142',
        listener: { port: 15053 },
      });
      expect(answer.provenance).toMatchObject({
        ref: `istio/ztunnel@${istio}.0:src/dns/server.rs`,
      });
      expect(w.outcome.kind).toBe('delivered');
    },
  );
});

describe('how a workload names its waypoint', () => {
  it('1.18: by the waypoint pod IPs (waypoint_addresses)', () => {
    const d = ztunnelStep(
      findHop(run({ istio: '1.18', waypoint: 'httpbin' }), q.ztunnel('outbound')),
      'outbound',
    );
    expect(d.trace.join(' ')).toContain('waypointAddresses ["10.244.2.6"]');
  });
  it.each(['1.19', '1.20'] as const)(
    "%s: by its Service's VIP, which fetch_waypoint resolves to the pod; the HBONE still goes to the pod",
    (istio) => {
      const w = run({ istio, waypoint: 'httpbin' });
      const d = ztunnelStep(findHop(w, q.ztunnel('outbound')), 'outbound');
      expect(d.trace.join(' ')).toContain('Service 10.96.88.21:15008 (httpbin-istio-waypoint)');
      expect(d.plan).toMatchObject({
        kind: 'to-server-waypoint',
        gateway: { ip: '10.244.2.6', port: 15008 },
      });
    },
  );
});

describe("the waypoint's L7 policy, written the release's way", () => {
  it('1.18 and 1.19 select the waypoint by istio.io/gateway-name', () => {
    for (const istio of ['1.18', '1.19'] as const) {
      const c = buildCluster({
        ...DEFAULT_SCENARIO,
        istio,
        waypoint: 'httpbin',
        policy: 'deny-l7',
      });
      expect(c.policies[0]).toMatchObject({ selector: { 'istio.io/gateway-name': 'httpbin' } });
      const w = run({ istio, waypoint: 'httpbin', policy: 'deny-l7' });
      expect(factOf(findHop(w, q.policy('envoy', 'deny')), 'policy').attached).toEqual([
        { policy: 'default/httpbin-deny-get', via: 'selector' },
      ]);
    }
  });
  it('1.20 names the httpbin Gateway in targetRef, and the waypoint takes it (pilot/pkg/model/policyattachment.go policyMatchDirect)', () => {
    const c = buildCluster({
      ...DEFAULT_SCENARIO,
      istio: '1.20',
      waypoint: 'httpbin',
      policy: 'deny-l7',
    });
    expect(c.policies[0]).toMatchObject({
      targetRef: { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'httpbin' },
    });
    expect(c.policies[0]?.selector).toBeUndefined();
    const w = run({ istio: '1.20', waypoint: 'httpbin', policy: 'deny-l7' });
    expect(factOf(findHop(w, q.policy('envoy', 'deny')), 'policy').attached).toEqual([
      { policy: 'default/httpbin-deny-get', via: 'targetRef' },
    ]);
    expect(w.outcome.kind).toBe('denied-l7');
  });
  it('1.20 still honours a selector on a waypoint: the authz builder never sets IsWaypoint (pilot/pkg/networking/plugin/authz/authorization.go NewBuilder)', () => {
    expect(buildCluster({ ...DEFAULT_SCENARIO, istio: '1.20' }).release.waypoint.attaches).toEqual([
      'selector',
      'targetRef',
    ]);
  });
});

describe('the outcome line explains surprises', () => {
  it('names the skipped L4 policy for traffic from the waypoint', () => {
    const w = run({ policy: 'deny-l4', waypoint: 'httpbin' });
    expect(w.outcome.kind).toBe('delivered');
    expect(w.outcome.surprise).toContain(
      "ztunnel skips L4 policy for traffic from httpbin's waypoint",
    );
  });
  it('has none when nothing surprising happened', () => {
    expect(run({}).outcome.surprise).toBeUndefined();
  });
});

describe('overview groups follow what happened (domain §9.7)', () => {
  it('traffic from outside the mesh is routed by its node, not "captured" or "steered to the local ztunnel"', () => {
    const groups = new Set(run({ source: 'outside' }).hops.map((h) => h.group));
    expect(groups.has('routed')).toBe(true);
    expect(groups.has('capture')).toBe(false);
    expect(groups.has('to-ztunnel')).toBe(false);
  });
  it('the same-node fast path is "handed to its own inbound side", never "over HBONE"', () => {
    const groups = new Set(run({ placement: 'same-node' }).hops.map((h) => h.group));
    expect(groups.has('fast-path')).toBe(true);
    expect(groups.has('hbone-out')).toBe(false);
  });
});

describe('smaller corrections (domain §9.9)', () => {
  it('writes BYPASS_CB in hex, as the source does (0xC001F00D)', () => {
    const w = run({ redirect: 'ebpf', istio: '1.20' });
    const h = findHop(w, {
      fact: { kind: 'tc', program: 'ztunnel_host_ingress', cb4: 0xc001f00d },
    });
    expect(h.actor.text).toContain('BYPASS_CB (0xC001F00D)');
    expect(h.narration).toContain('BYPASS_CB (0xC001F00D)');
  });
  it('sets net.ipv4.conf.default.rp_filter=0 on the node (CreateRulesOnNode)', () => {
    const node = buildCluster(DEFAULT_SCENARIO).netns[A]!;
    expect(node.sysctls).toContainEqual(
      expect.objectContaining({ key: 'net.ipv4.conf.default.rp_filter', value: '0' }),
    );
  });
  it("says a nat POSTROUTING ACCEPT skips kube-proxy's KUBE-POSTROUTING (masquerade), not KUBE-SERVICES", () => {
    const h = findHop(run({}), {
      netns: A,
      fact: { kind: 'netfilter', table: 'nat', chain: 'ztunnel-POSTROUTING', target: 'ACCEPT' },
    });
    expect(h.narration).toContain('KUBE-POSTROUTING');
    expect(h.narration).not.toContain('KUBE-SERVICES');
  });
});
