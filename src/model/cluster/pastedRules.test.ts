/**
 * Reading a pod's pasted rules: what the kernel model evaluates goes into the netns, what it
 * cannot is flagged with its line and reason, never dropped silently.
 */
import { describe, expect, it } from 'vitest';
import { iptablesSave } from '../netfilter/render';
import { RELEASES, type InpodRelease } from '../releases';
import { DEFAULT_SCENARIO, type Scenario } from '../scenario';
import { buildCluster, buildClusterFrom, describeScenario } from './build';
import { NetnsBuilder } from './netnsBuilder';
import { installPastedIptables } from './pastedInstall';
import { pastedByPod, pastedPodRules, type PastedPodRules } from './pastedRules';
import type { Cluster, NetnsId, NodeName } from './types';

const REL = RELEASES['1.21'] as InpodRelease;
const S: Scenario = { ...DEFAULT_SCENARIO, redirect: 'inpod', istio: '1.21', dns: 'off' };
const SLEEP = 'ambient-worker/sleep';
const read = (spec: Omit<Parameters<typeof pastedPodRules>[0], 'workload'>) =>
  pastedPodRules({ workload: 'default/sleep', ...spec }, REL);
const flags = (r: ReturnType<typeof read>) => r.flagged.map((f) => [f.input, f.line, f.kind]);

const NAT = [
  '*nat',
  ':PREROUTING ACCEPT [0:0]',
  ':OUTPUT ACCEPT [175:13694]',
  ':ISTIO_OUTPUT - [0:0]',
  '[12:720] -A OUTPUT -j ISTIO_OUTPUT',
  '-A ISTIO_OUTPUT -m owner --uid-owner 1337 -j ACCEPT',
  '-A ISTIO_OUTPUT -o eth0 -j MASQUERADE',
  '-A ISTIO_OUTPUT ! -d 127.0.0.1/32 -p tcp -m mark ! --mark 0x539/0xfff -j REDIRECT --to-ports 15001',
  'COMMIT',
];

function withSleep(rules: PastedPodRules): Cluster {
  return buildClusterFrom(
    {
      ...describeScenario(S, REL),
      pasted: (pod) => (pod.facts.role === 'sleep' ? rules : undefined),
    },
    S,
    REL,
  );
}

describe('pasted iptables-save', () => {
  const r = read({ iptables: NAT.join('\n') });

  it('flags a match the kernel model does not evaluate (-m owner --uid-owner), with its line', () => {
    const f = r.flagged.find((x) => x.line === 6);
    expect(f).toMatchObject({ input: 'iptables', kind: 'unevaluated', text: NAT[5] });
    expect(f?.reason).toMatch(/--uid-owner/);
  });

  it('flags a target the kernel model does not evaluate (MASQUERADE)', () => {
    expect(r.flagged.find((x) => x.line === 7)?.reason).toMatch(/target MASQUERADE/);
  });

  it('installs the rest, counters ignored, in the order iptables-save lists them', () => {
    expect(flags(r)).toEqual([
      ['iptables', 6, 'unevaluated'],
      ['iptables', 7, 'unevaluated'],
    ]);
    const ns = new NetnsBuilder(SLEEP as NetnsId, 'ambient-worker' as NodeName, 'pod', 'sleep');
    installPastedIptables(ns, r.rules.iptables ?? []);
    expect(iptablesSave(ns.build().tables).map((l) => l.text)).toEqual([
      '*nat',
      ':PREROUTING ACCEPT [0:0]',
      ':INPUT ACCEPT [0:0]',
      ':OUTPUT ACCEPT [0:0]',
      ':POSTROUTING ACCEPT [0:0]',
      ':ISTIO_OUTPUT - [0:0]',
      '-A OUTPUT -j ISTIO_OUTPUT',
      NAT[7],
      'COMMIT',
    ]);
  });

  it('tells a rule the release also writes from one it does not', () => {
    const redirect = r.rules.iptables?.find((c) => c.line === 8);
    expect(redirect?.sameAsRelease).toBe(true);
    expect(redirect?.why).toMatch(/the release writes the same rule/);
    const other = read({
      iptables: '*filter\n:INPUT ACCEPT\n-A INPUT -s 10.0.0.0/8 -j DROP\nCOMMIT',
    });
    expect(other.rules.iptables?.[0]).toMatchObject({ sameAsRelease: false, owner: 'unknown' });
  });

  it('flags a table the kernel model has no hooks for, line by line', () => {
    const s = read({ iptables: '*security\n:INPUT ACCEPT [0:0]\n-A INPUT -j ACCEPT\nCOMMIT' });
    expect(flags(s)).toEqual([
      ['iptables', 1, 'unevaluated'],
      ['iptables', 2, 'unevaluated'],
      ['iptables', 3, 'unevaluated'],
    ]);
  });

  it('flags a DROP policy (built-in chains accept when they run out) and rules in undeclared chains', () => {
    const s = read({
      iptables: '*filter\n:INPUT DROP [0:0]\n-A NOPE -j ACCEPT\n-A INPUT -j NOPE\nCOMMIT',
    });
    expect(s.flagged.map((f) => f.reason)).toEqual([
      expect.stringMatching(/policy DROP/),
      expect.stringMatching(/chain NOPE is not declared/),
      expect.stringMatching(/target NOPE/),
    ]);
  });

  it('flags rules given before any *table header', () => {
    expect(flags(read({ iptables: '-A OUTPUT -j ACCEPT' }))).toEqual([
      ['iptables', 1, 'unevaluated'],
    ]);
  });

  it('a walk with flagged lines still evaluates the rules it could read, as the release does', () => {
    const release = buildCluster(S);
    const c = withSleep(r.rules);
    const nat = (x: Cluster) =>
      x.netns[SLEEP]!.tables.nat.chains.find((ch) => ch.name === 'ISTIO_OUTPUT');
    expect(nat(c)?.rules.map((x) => x.target.kind)).toEqual(['REDIRECT']);
    expect(nat(release)?.rules.at(-1)?.target.kind).toBe('REDIRECT');
  });
});

describe('pasted ip rule and ip route show table all', () => {
  it('reads `ip rule` output; the kernel’s own three rules pasted unchanged stay the kernel’s', () => {
    const r = read({
      ipRule:
        '0:\tfrom all lookup local\n32764:\tfrom all fwmark 0x111/0xfff lookup 100\n32766:\tfrom all lookup main',
    });
    expect(r.rules.ipRules?.map((c) => c.text)).toEqual([
      'ip rule add priority 32764 from all fwmark 0x111/0xfff lookup 100',
    ]);
    expect(r.flagged).toEqual([]);
  });

  it('a pasted rule at a kernel rule’s priority replaces it', () => {
    const r = read({ ipRule: '32766:\tfrom all lookup 200' });
    expect(r.rules.replacesKernelRules).toEqual([32766]);
    const ns = withSleep(r.rules).netns[SLEEP]!;
    expect(ns.ipRules.filter((x) => x.priority === 32766).map((x) => x.action)).toEqual([
      { kind: 'lookup', table: 200 },
    ]);
  });

  it('flags selectors the model does not evaluate (from a prefix, not)', () => {
    const r = read({
      ipRule: '100:\tfrom 10.0.0.0/8 lookup 5\n101:\tnot from all fwmark 0x1 lookup 6',
    });
    expect(flags(r)).toEqual([
      ['ipRule', 1, 'unevaluated'],
      ['ipRule', 2, 'unevaluated'],
    ]);
  });

  it('installs table 100’s route, supersedes main and local, flags IPv6 and unreachable routes', () => {
    const r = read({
      ipRoute: [
        'local default dev lo table 100 scope host',
        'default via 10.244.1.1 dev eth0',
        'unreachable default table 200',
        'local ::1 dev lo table 100 proto kernel metric 0 pref medium',
      ].join('\n'),
    });
    expect(r.rules.routes?.map((c) => c.text)).toEqual([
      'ip route add local default dev lo table 100 scope host',
    ]);
    expect(flags(r)).toEqual([
      ['ipRoute', 2, 'superseded'],
      ['ipRoute', 3, 'unevaluated'],
      ['ipRoute', 4, 'unevaluated'],
    ]);
    expect(r.flagged[2]?.reason).toMatch(/IPv6/);
  });

  it('with only an ip rule pasted, the release’s iptables and table-100 route stay, and the step says so', () => {
    const r = read({ ipRule: '32764:\tfrom all fwmark 0x111/0xfff lookup 100' });
    const c = withSleep(r.rules);
    const release = buildCluster(S);
    const save = (x: Cluster) => iptablesSave(x.netns[SLEEP]!.tables).map((l) => l.text);
    expect(save(c)).toEqual(save(release));
    expect(c.netns[SLEEP]!.routes.find((x) => x.table === 100)?.prov.kind).toBe('verified');
    const step = c.enrolment?.find((e) => e.netns === SLEEP)?.steps.find((s) => s.step === 'rules');
    expect(step?.prov.kind).toBe('imported');
    expect(step?.text).toMatch(
      /istio-cni's own: the release's iptables rules, local default dev lo table 100/,
    );
  });
});

describe('pasted rules the walk cannot evaluate as a whole', () => {
  it('nft list ruleset is flagged, and the pod keeps the release’s rules', () => {
    const r = read({ nftables: 'table inet istio-ambient-nat {\n}' });
    expect(r.flagged).toEqual([
      expect.objectContaining({ input: 'nftables', line: 0, kind: 'unevaluated' }),
    ]);
    expect(r.flagged[0]?.reason).toMatch(/the walk uses the release's rules for this pod/);
    const step = withSleep(r.rules)
      .enrolment?.find((e) => e.netns === SLEEP)
      ?.steps.find((s) => s.step === 'rules');
    expect(step?.prov.kind).toBe('verified');
  });

  it('ip6tables is flagged: the walk is IPv4', () => {
    const r = read({ ip6tables: '*nat\n-A OUTPUT -j ISTIO_OUTPUT\nCOMMIT' });
    expect(flags(r)).toEqual([['ip6tables', 0, 'unevaluated']]);
    expect(r.rules.iptables).toBeUndefined();
  });
});

describe("a spec's pasted rules, by pod", () => {
  it('gives each pod the rules pasted for its namespace/name, and names the workload of each flag', () => {
    const desc = describeScenario(S, REL);
    const sleep = desc.pods.find((p) => p.facts.role === 'sleep')!.facts;
    const workload = `${sleep.namespace}/${sleep.name}`;
    const { pasted, flagged } = pastedByPod(
      [
        { workload, iptables: NAT.join('\n') },
        { workload: 'default/gone', nftables: 'table ip x {}' },
      ],
      REL,
    );
    expect(flagged.map((f) => [f.workload, f.input, f.line])).toEqual([
      [workload, 'iptables', 6],
      [workload, 'iptables', 7],
      ['default/gone', 'nftables', 0],
    ]);
    const c = buildClusterFrom({ ...desc, pasted }, S, REL);
    const ns = c.netns[SLEEP]!;
    expect(ns.tables.nat.chains.flatMap((ch) => ch.rules).map((r) => r.prov.kind)).toEqual([
      'imported',
      'imported',
    ]);
    const httpbin = c.netns['ambient-worker2/httpbin']!;
    expect(httpbin.tables.nat.chains.flatMap((ch) => ch.rules)[0]?.prov.kind).toBe('verified');
  });
});
