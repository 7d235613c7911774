import { describe, expect, it } from 'vitest';
import { ipv4 } from '../addresses';
import type { IpPacket } from '../packet';
import type { NftContext } from './evaluate';
import { nftReleaseFor, nodeNetnsFirewall, podNetnsFirewall } from './firewall';

const syn = (src: string, dst: string, dport: number): IpPacket => ({
  ip: { src: ipv4(src), dst: ipv4(dst), proto: 'tcp' },
  l4: { sport: 48012, dport, flags: 'SYN' },
  skb: { mark: 0, connmark: 0 },
  payload: { kind: 'stream', layers: [] },
});
const out: NftContext = { oif: 'eth0', ctNew: true, redirectAddress: ipv4('127.0.0.1') };

describe('the pod netns firewall the in-pod mode asks for (nftables)', () => {
  const fw = podNetnsFirewall('1.30', { dns: true, ipv6: false, netns: 'sleep' });

  it('evaluates at the kernel hook named either way, with one fact per base chain that acted', () => {
    const a = fw.evaluate(syn('10.244.1.5', '10.96.100.10', 8000), 'OUTPUT', out);
    const b = fw.evaluate(syn('10.244.1.5', '10.96.100.10', 8000), 'output', out);
    expect(a).toEqual(b);
    expect(a.result.packet.l4.dport).toBe(15001);
    expect(a.facts).toHaveLength(1);
    expect(a.facts[0]).toMatchObject({
      netns: 'sleep',
      hook: 'output',
      iface: 'eth0',
      table: 'istio-ambient-nat',
      chain: 'istio-output',
      tag: 'O6',
    });
  });

  it("prints nft list ruleset with the acting rule's line findable by the fact's rule id", () => {
    const { facts } = fw.evaluate(syn('10.244.1.5', '10.96.100.10', 8000), 'OUTPUT', out);
    const line = fw.render().find((l) => l.id === facts[0]!.rule);
    expect(line?.text).toBe(
      '\t\tmeta l4proto tcp ip daddr != 127.0.0.1 meta mark & 0x00000fff != 0x00000539 counter packets 0 bytes 0 redirect to :15001',
    );
    expect(fw.command).toBe('nft list ruleset');
  });

  it('names the upstream file and function of every rule at the release', () => {
    const ids = fw.ruleset.tables.flatMap((t) => t.chains.flatMap((c) => c.rules.map((r) => r.id)));
    expect(ids.length).toBeGreaterThan(10);
    for (const id of ids) {
      expect(fw.provenance(id)).toEqual({
        prov: { kind: 'verified', ref: 'istio/istio@1.30.3:cni/pkg/nftables/nftables.go' },
        func: 'AppendInpodRules',
      });
    }
    expect(podNetnsFirewall('1.28', { dns: true, netns: 'p' }).provenance(ids[0]!)?.prov).toEqual({
      kind: 'verified',
      ref: 'istio/istio@1.28.0:cni/pkg/nftables/nftables.go',
    });
    expect(fw.provenance('inet/nope/x/0')).toBeUndefined();
  });

  it('a packet nothing acts on yields no facts and leaves the packet as it was', () => {
    const p = { ...syn('10.244.1.5', '10.244.2.8', 15008), skb: { mark: 0x539, connmark: 0 } };
    const { result, facts } = fw.evaluate(p, 'OUTPUT', out);
    expect(facts).toEqual([]);
    expect(result.packet).toEqual(p);
  });
});

describe("the node's nftables firewall: only the kubelet-probe SNAT", () => {
  const fw = nodeNetnsFirewall('1.30', {
    kubeletUid: 0,
    ipv6: false,
    members: [{ ip: '10.244.1.5', podUid: 'uid-sleep' }],
    netns: 'node-a',
  });
  const probe = syn('10.244.1.1', '10.244.1.5', 8080);
  const post = (skuid?: number): NftContext => ({
    oif: 'veth-sleep',
    ctNew: true,
    redirectAddress: ipv4('127.0.0.1'),
    ...(skuid === undefined ? {} : { skuid }),
  });

  it("SNATs the kubelet's probe (its socket's uid) to an enrolled pod to 169.254.7.127", () => {
    const { result, facts } = fw.evaluate(probe, 'POSTROUTING', post(0));
    expect(result.packet.ip.src).toBe('169.254.7.127');
    expect(facts[0]).toMatchObject({
      statement: 'snat',
      setElement: { set: 'istio-inpod-probes-v4', key: '10.244.1.5' },
      ref: 'istio/istio@1.30.3:cni/pkg/nftables/nftables.go',
      func: 'CreateHostRulesForHealthChecks',
    });
    const id = fw.setLine('istio-inpod-probes-v4', '10.244.1.5');
    expect(fw.render().find((l) => l.id === id)?.text).toContain('10.244.1.5 comment "uid-sleep"');
  });

  it('leaves a forwarded packet (no local socket) and a pod outside the set alone', () => {
    expect(fw.evaluate(probe, 'POSTROUTING', post()).result.packet.ip.src).toBe('10.244.1.1');
    const other = syn('10.244.1.1', '10.244.1.9', 8080);
    expect(fw.evaluate(other, 'POSTROUTING', post(0)).facts).toEqual([]);
  });
});

describe('which releases have nftables rules', () => {
  it.each([
    ['1.30', '1.30'],
    ['1.28', '1.28'],
    ['1.24', null],
    ['1.21', null],
    ['1.29', null],
  ] as const)('%s → %s', (istio, expected) => {
    expect(nftReleaseFor(istio)).toBe(expected);
  });
});
