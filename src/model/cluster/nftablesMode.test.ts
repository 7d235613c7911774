/**
 * The in-pod cluster with istio-cni's native nftables (1.30): the rules live in each enrolled
 * pod's netns as an nftables ruleset, the node holds only the probe SNAT with its set of enrolled
 * pods, and the kernel's hooks evaluate those rules (the nftables engine, not iptables).
 */
import { describe, expect, it } from 'vitest';
import { ipv4 } from '../addresses';
import { runHook } from '../kernel/hooks';
import { netnsListings } from '../listings';
import { DEFAULT_SCENARIO, type Scenario } from '../scenario';
import { walkScenario } from '../walk';
import { buildCluster } from './build';

const scenario: Scenario = {
  ...DEFAULT_SCENARIO,
  redirect: 'inpod',
  istio: '1.30',
  dns: 'on',
  firewall: 'nftables',
};

describe('in-pod mode with the nftables pod firewall', () => {
  const cluster = buildCluster(scenario);
  const client = cluster.netns[cluster.request.client]!;

  it("writes nftables, not iptables, into the client pod's netns", () => {
    expect(client.nftables?.tables.map((t) => `${t.family} ${t.name}`)).toEqual([
      'inet istio-ambient-nat',
      'inet istio-ambient-mangle',
      'inet istio-ambient-raw',
    ]);
    const iptRules = Object.values(client.tables).flatMap((t) => t.chains.flatMap((c) => c.rules));
    expect(iptRules).toEqual([]);
    const sections = netnsListings(cluster, client.id).map((s) => s.title);
    expect(sections).toContain('nft list ruleset');
    expect(sections).not.toContain('iptables-save');
  });

  it("puts every enrolled pod of a node in that node's nftables probe set, and no ipset", () => {
    for (const e of cluster.enrolment ?? []) {
      const node = Object.values(cluster.netns).find(
        (n) => n.kind === 'node' && n.node === e.node,
      )!;
      const set = node.nftables?.tables[0]?.sets.find((s) => s.name === 'istio-inpod-probes-v4');
      const pod = cluster.pods.find((p) => p.netns === e.netns)!;
      expect(set?.elements.map((x) => x.key)).toContain(pod.ip.value);
      expect(node.ipsets.map((s) => s.name)).not.toContain('istio-inpod-probes-v4');
    }
    expect(cluster.enrolment?.length).toBeGreaterThan(0);
  });
});

describe('the kernel evaluates the pod netns nftables at its hooks', () => {
  const cluster = buildCluster(scenario);
  const client = cluster.netns[cluster.request.client]!;
  const emitted: unknown[] = [];
  const sim = {
    emit: (h: unknown) => emitted.push(h),
    where: () => ({}),
    command: (_ns: unknown, c: string) => c,
    listenerFor: () => undefined,
  } as unknown as Parameters<typeof runHook>[0];

  it("redirects the client's SYN to 15001 in istio-output, and records the nftables fact", () => {
    const syn = {
      ip: {
        src: cluster.pods.find((p) => p.netns === client.id)!.ip.value,
        dst: ipv4('10.96.100.10'),
        proto: 'tcp' as const,
      },
      l4: { sport: 48012, dport: 8000, flags: 'SYN' as const },
      skb: { mark: 0, connmark: 0 },
      payload: { kind: 'stream' as const, layers: [] },
    };
    const r = runHook(sim, client, 'OUTPUT', syn, {
      oif: 'eth0',
      ctNew: true,
      socketExists: true,
      natDone: new Set(),
      tables: ['mangle', 'nat'],
    });
    expect(r.packet.l4.dport).toBe(15001);
    expect(r.nat).toMatchObject({ kind: 'REDIRECT', port: 15001 });
    expect(emitted).toContainEqual(
      expect.objectContaining({
        fact: expect.objectContaining({
          kind: 'nftables',
          table: 'istio-ambient-nat',
          chain: 'istio-output',
          tag: 'O6',
        }),
        provenance: { kind: 'verified', ref: 'istio/istio@1.30.3:cni/pkg/nftables/nftables.go' },
      }),
    );
  });
});

describe('the in-pod walk with nftables (1.30, DNS capture on)', () => {
  const w = walkScenario(scenario);
  const nft = w.hops.flatMap((h) => (h.fact.kind === 'nftables' ? [h.fact] : []));

  it('is delivered, and every pod-netns rule that acted is an nftables rule', () => {
    expect(w.outcome.delivered).toBe(true);
    const pods = new Set<string>(buildCluster(scenario).pods.map((p) => p.netns));
    const ipt = w.hops.filter((h) => h.fact.kind === 'netfilter' && pods.has(h.fact.netns));
    expect(ipt).toEqual([]);
    expect(nft.every((f) => pods.has(f.netns))).toBe(true);
    expect(nft.map((f) => f.tag)).toEqual(expect.arrayContaining(['O2', 'O6']));
  });

  it("redirects curl's SYN to 15001 in istio-output of inet istio-ambient-nat, pointing the Rules panel at it", () => {
    const hop = w.hops.find((h) => h.fact.kind === 'nftables' && h.fact.tag === 'O6')!;
    expect(hop.packetAfter?.l4.dport).toBe(15001);
    expect(hop.actor.refs[0]).toMatchObject({
      section: 'nftables',
      lineId: (hop.fact as { rule: string }).rule,
    });
  });
});
