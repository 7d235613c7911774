import { describe, expect, it } from 'vitest';
import { ipv4 } from '../addresses';
import { buildCluster } from '../cluster/build';
import { DEFAULT_SCENARIO } from '../scenario';
import { NODE_IP_RULE, NODE_ROUTE_TABLES } from '../testdata/domainListings';
import { fibLookup } from './lookup';
import { ipRuleListing, routeListing } from './render';

describe('policy routing on an iptables-mode node', () => {
  const cluster = buildCluster(DEFAULT_SCENARIO);
  const nodeB = cluster.netns['ambient-worker2']!;
  const zt = cluster.pods.find((p) => p.role === 'ztunnel' && p.node === 'ambient-worker2')!;
  const vars: Record<string, string> = {
    '<HOST_IP>': '10.244.1.1',
    '<ZT_IP>': zt.ip.value,
    '<ZT_VETH>': zt.hostVeth.value,
  };
  const sub = (t: string): string =>
    Object.entries(vars).reduce((acc, [k, v]) => acc.split(k).join(v), t);
  const fold = (t: string): string => t.replace(/\s+/g, ' ').trim();

  it('prints `ip rule` as the domain file shows it', () => {
    expect(ipRuleListing(nodeB.ipRules).map((l) => fold(l.text))).toEqual(
      NODE_IP_RULE.split('\n').map(fold),
    );
  });

  it.each(['100', '101', '102'])(
    'prints `ip route show table %s` as the domain file shows it',
    (t) => {
      expect(routeListing(nodeB.routes, Number(t)).map((l) => l.text)).toEqual(
        sub(NODE_ROUTE_TABLES[t]!).split('\n'),
      );
    },
  );

  it('sends a 0x100-marked packet to table 101, via 192.168.127.2 dev istioout', () => {
    const d = fibLookup(nodeB.ipRules, nodeB.routes, {
      dst: ipv4('10.96.184.142'),
      mark: 0x100,
      iif: 'vethx',
    })!;
    expect(d.rule.priority).toBe(101);
    expect(d.route.via).toBe('192.168.127.2');
    expect(d.route.dev).toBe('istioout');
  });

  it('jumps a 0x210-marked packet (skip bit 0x200) from rule 100 to the main table', () => {
    const d = fibLookup(nodeB.ipRules, nodeB.routes, {
      dst: ipv4('10.244.2.4'),
      mark: 0x210,
      iif: 'vethx',
    })!;
    expect(d.steps.find((s) => s.matched)?.rule.priority).toBe(0);
    expect(d.steps.filter((s) => s.matched).map((s) => s.rule.priority)).toEqual([0, 100, 32766]);
    expect(d.route.table).toBe('main');
    expect(d.route.via).toBe('172.18.0.3');
  });

  it('finds a local ambient pod in table 100 (rule 103) and sends it into istioin', () => {
    const d = fibLookup(nodeB.ipRules, nodeB.routes, {
      dst: ipv4('10.244.1.5'),
      mark: 0,
      iif: 'eth0',
    })!;
    expect(d.rule.priority).toBe(103);
    expect(d.route.dev).toBe('istioin');
    expect(d.route.src).toBe('10.244.1.1');
  });

  it('carries on past table 100 when it has no route ("the search will continue")', () => {
    const d = fibLookup(nodeB.ipRules, nodeB.routes, {
      dst: ipv4('10.244.2.6'),
      mark: 0,
      iif: 'eth0',
    })!;
    const step103 = d.steps.find((s) => s.rule.priority === 103)!;
    expect(step103).toMatchObject({ matched: true, found: false });
    expect(d.rule.priority).toBe(32766);
  });

  it('delivers a TPROXY-marked packet locally in the ztunnel netns (rule 20000, `local default dev lo`)', () => {
    const ztNs = cluster.netns[zt.netns]!;
    const d = fibLookup(ztNs.ipRules, ztNs.routes, {
      dst: ipv4('10.96.184.142'),
      mark: 0x400,
      iif: 'pistioout',
    })!;
    expect(d.rule.priority).toBe(20000);
    expect(d.route.type).toBe('local');
    const plain = fibLookup(ztNs.ipRules, ztNs.routes, {
      dst: ipv4('10.96.184.142'),
      mark: 0,
      iif: 'pistioout',
    })!;
    expect(plain.route.type).toBe('unicast');
  });
});
