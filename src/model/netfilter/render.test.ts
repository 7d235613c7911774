import { describe, expect, it } from 'vitest';
import { buildCluster } from '../cluster/build';
import { DEFAULT_SCENARIO } from '../scenario';
import {
  NODE_IPTABLES_118,
  NODE_IPTABLES_119,
  NODE_IPTABLES_120,
  ZTUNNEL_IPTABLES_118,
  ZTUNNEL_IPTABLES_EBPF,
} from '../testdata/domainListings';
import { iptablesSave, ruleText } from './render';
import { parseCommand } from './parse';
import { buildTables } from './tables';

/** Strips the domain file's annotations and folds spacing, as a reader would compare them. */
function normalise(text: string, vars: Record<string, string>): string[] {
  return text
    .split('\n')
    .map((l) => l.replace(/\s+#.*$/, '').replace(/^#.*$/, ''))
    .map((l) => Object.entries(vars).reduce((acc, [k, v]) => acc.split(k).join(v), l))
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
}

/** Rule lines grouped by table and chain, order kept within a chain (iptables-save groups them so). */
function byChain(lines: string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let table = '';
  for (const l of lines) {
    if (l.startsWith('*')) table = l.slice(1);
    const m = /^-A (\S+) /.exec(l);
    if (!m) continue;
    const key = `${table}/${m[1]}`;
    out.set(key, [...(out.get(key) ?? []), l]);
  }
  return out;
}

describe('iptables-save rendering', () => {
  const cluster = buildCluster({ ...DEFAULT_SCENARIO, dns: 'on' });
  const nodeB = cluster.netns['ambient-worker2']!;
  const zt = cluster.pods.find((p) => p.role === 'ztunnel' && p.node === 'ambient-worker2')!;
  const vars = {
    '<HOST_IP>': '10.244.1.1',
    '<ZT_IP>': zt.ip.value,
    '<ZT_VETH>': zt.hostVeth.value,
  };

  it.each([
    ['1.18', NODE_IPTABLES_118],
    ['1.19', NODE_IPTABLES_119],
    ['1.20', NODE_IPTABLES_120],
  ] as const)(
    "renders ambient-worker2's istio-cni rules exactly as istio-cni %s installs them (net_linux.go CreateRulesOnNode)",
    (istio, listing) => {
      const c = buildCluster({ ...DEFAULT_SCENARIO, istio, dns: 'on' });
      const node = c.netns['ambient-worker2']!;
      const rendered = iptablesSave(node.tables, (r) => r.owner === 'istio-cni').map((l) => l.text);
      const expected = byChain(normalise(listing, vars));
      const actual = byChain(rendered);
      expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
      for (const [chain, rules] of expected) expect(actual.get(chain), chain).toEqual(rules);
      const declared = (lines: string[]): string[] =>
        lines.filter((l) => /^:ztunnel-/.test(l)).sort();
      expect(declared(rendered)).toEqual(declared(normalise(listing, vars)));
    },
  );

  it("prints the ztunnel netns' nat table empty: CreateRulesWithinNodeProxyNS runs `iptables -t nat -F OUTPUT` (domain §9.9)", () => {
    const text = iptablesSave(cluster.netns[zt.netns]!.tables).map((l) => l.text);
    const nat = text.indexOf('*nat');
    expect(nat).toBeGreaterThan(-1);
    expect(text.slice(nat, text.indexOf('COMMIT', nat) + 1)).toEqual([
      '*nat',
      ':PREROUTING ACCEPT [0:0]',
      ':INPUT ACCEPT [0:0]',
      ':OUTPUT ACCEPT [0:0]',
      ':POSTROUTING ACCEPT [0:0]',
      'COMMIT',
    ]);
  });

  it('prints user chains after the built-in ones, sorted by name, as libiptc does', () => {
    const text = iptablesSave(nodeB.tables).map((l) => l.text);
    const mangleDecls = text
      .slice(text.indexOf('*mangle') + 1)
      .filter((l) => l.startsWith(':'))
      .slice(0, 10);
    expect(mangleDecls.slice(0, 5).map((l) => l.split(' ')[0])).toEqual([
      ':PREROUTING',
      ':INPUT',
      ':FORWARD',
      ':OUTPUT',
      ':POSTROUTING',
    ]);
    expect(mangleDecls.slice(5).map((l) => l.split(' ')[0])).toEqual([
      ':ztunnel-FORWARD',
      ':ztunnel-INPUT',
      ':ztunnel-OUTPUT',
      ':ztunnel-POSTROUTING',
      ':ztunnel-PREROUTING',
    ]);
  });

  it("puts istio-cni's nat jump above kube-proxy's KUBE-SERVICES (-I, inserted at the top)", () => {
    const nat = nodeB.tables.nat.chains.find((c) => c.name === 'PREROUTING')!;
    expect(nat.rules.map(ruleText)).toEqual([
      '-A PREROUTING -j ztunnel-PREROUTING',
      '-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
    ]);
  });

  it('renders the ztunnel netns rules of iptables mode as the domain file lists them', () => {
    const ztNs = cluster.netns[zt.netns]!;
    const rendered = iptablesSave(ztNs.tables)
      .map((l) => l.text)
      .filter((l) => l.startsWith('-A'));
    const expected = normalise(ZTUNNEL_IPTABLES_118, vars).filter((l) => l.startsWith('-A'));
    expect(rendered).toEqual(expected);
  });

  it('renders the ztunnel netns rules of eBPF mode (decimal marks 5678/8765 in hex) as the domain file lists them', () => {
    const ebpf = buildCluster({ ...DEFAULT_SCENARIO, redirect: 'ebpf', istio: '1.20' });
    const ztNs = ebpf.netns[zt.netns]!;
    const rendered = iptablesSave(ztNs.tables)
      .map((l) => l.text)
      .filter((l) => l.startsWith('-A'));
    expect(rendered).toEqual(normalise(ZTUNNEL_IPTABLES_EBPF, vars));
  });

  it('has no Istio rule, ipset or GENEVE link on an eBPF-mode node', () => {
    const ebpf = buildCluster({ ...DEFAULT_SCENARIO, redirect: 'ebpf', istio: '1.20' });
    for (const node of ['ambient-worker', 'ambient-worker2']) {
      const ns = ebpf.netns[node]!;
      expect(iptablesSave(ns.tables, (r) => r.owner === 'istio-cni')).toEqual([]);
      expect(ns.ipsets).toEqual([]);
      expect(ns.ifaces.filter((i) => i.kind === 'geneve')).toEqual([]);
      expect(ns.ipRules.map((r) => r.priority)).toEqual([0, 32766, 32767]);
    }
  });

  it('round-trips a parsed rule through the renderer', () => {
    const t = buildTables([
      {
        table: 'mangle',
        text: '-N c',
        owner: 'istio-cni',
        prov: { kind: 'illustrative', note: '' },
        why: '',
      },
      {
        table: 'mangle',
        text: '-A c ! -s 10.0.0.1/32 -i veth0 -p tcp -m connmark ! --mark 0x210/0x210 -j MARK --set-xmark 0x40/0x40',
        owner: 'istio-cni',
        prov: { kind: 'illustrative', note: '' },
        why: '',
      },
    ]);
    const r = t.mangle.chains.find((c) => c.name === 'c')!.rules[0]!;
    expect(ruleText(r)).toBe(
      '-A c ! -s 10.0.0.1/32 -i veth0 -p tcp -m connmark ! --mark 0x210/0x210 -j MARK --set-xmark 0x40/0x40',
    );
    expect(parseCommand(ruleText(r)).target).toEqual(r.target);
  });
});
