/**
 * A pod's pasted rules in the walk: the real `iptables-save` of an in-pod 1.21 pod (istio.io's
 * "Traffic redirection" page, kept in ../shared/upstream/cluster-dumps/ and read in place)
 * installed into the article's sleep pod in place of the release's rules. The same rules must
 * give the same tables and the same walk; the same file without the REDIRECT to 15001 must let
 * the client's SYN leave for the Service VIP without ztunnel.
 */
import { describe, expect, it } from 'vitest';
import { HAVE_UPSTREAM, upstream } from '../import/upstreamInputs';
import { netnsListings } from '../listings';
import { iptablesSave } from '../netfilter/render';
import { RELEASES, type InpodRelease } from '../releases';
import { DEFAULT_SCENARIO, type Scenario } from '../scenario';
import { walk } from '../walk';
import { allHops, findHop } from '../walk/testkit';
import { buildCluster, buildClusterFrom, describeScenario } from './build';
import { pastedPodRules, type PastedPodRules } from './pastedRules';
import type { Cluster } from './types';

const POD_IPTABLES = 'istio.io-traffic-redirection-1.21-pod-iptables-save.txt';
const SLEEP = 'ambient-worker/sleep';
const S: Scenario = { ...DEFAULT_SCENARIO, redirect: 'inpod', istio: '1.21', dns: 'off' };
const REL = RELEASES['1.21'] as InpodRelease;
/** `ip rule` and `ip route show table all` as they print in an enrolled pod (shape of istio.io's page). */
const IP_RULE = [
  '0:\tfrom all lookup local',
  '32764:\tfrom all fwmark 0x111/0xfff lookup 100',
  '32766:\tfrom all lookup main',
  '32767:\tfrom all lookup default',
].join('\n');
const IP_ROUTE = [
  'local default dev lo table 100 scope host',
  'default via 10.244.1.1 dev eth0',
  'local 10.244.1.5 dev eth0 table local proto kernel scope host src 10.244.1.5',
].join('\n');

/** The article's cluster with the sleep pod's rules pasted. */
function withSleepRules(iptables: string, extra: Partial<PastedPodRules> = {}): Cluster {
  const { rules } = pastedPodRules({ workload: 'default/sleep', iptables }, REL);
  const all = { ...rules, ...extra };
  return buildClusterFrom(
    {
      ...describeScenario(S, REL),
      pasted: (pod) => (pod.facts.role === 'sleep' ? all : undefined),
    },
    S,
    REL,
  );
}

const noRedirect = (text: string): string =>
  text
    .split('\n')
    .filter((l) => !/-A ISTIO_OUTPUT .*-j REDIRECT --to-ports 15001/.test(l))
    .join('\n');

/** A hop's fact without the ids and spellings that name where a rule was written, not what it did. */
const behaviour = (c: Cluster): string[] =>
  walk(c, S).hops.map((h) =>
    JSON.stringify({ where: h.where.netns, fact: h.fact, after: h.packetAfter }, (k, v) =>
      k === 'rule' || k === 'route' || k === 'id' ? undefined : v,
    ),
  );

describe.skipIf(!HAVE_UPSTREAM)("a 1.21 pod's real iptables-save pasted into sleep", () => {
  const text = HAVE_UPSTREAM ? upstream(POD_IPTABLES) : '';
  const release = buildCluster(S);
  const pasted = withSleepRules(text);

  it('reads every line: nothing flagged, every rule one the release writes too', () => {
    const { rules, flagged } = pastedPodRules({ workload: 'default/sleep', iptables: text }, REL);
    expect(flagged).toEqual([]);
    const ruleLines = rules.iptables?.filter((c) => !c.text.startsWith('-N ')) ?? [];
    expect(ruleLines).toHaveLength(14);
    expect(ruleLines.every((c) => c.sameAsRelease)).toBe(true);
  });

  it("gives sleep's netns the same iptables-save as the release's rules", () => {
    const save = (c: Cluster) => iptablesSave(c.netns[SLEEP]!.tables).map((l) => l.text);
    expect(save(pasted)).toEqual(save(release));
  });

  it('marks each pasted rule as imported from the user’s cluster, with the line it came from', () => {
    const redirect = pasted.netns[SLEEP]!.tables.nat.chains.flatMap((c) => c.rules).find(
      (r) => r.target.kind === 'REDIRECT',
    );
    expect(redirect?.prov).toEqual({
      kind: 'imported',
      note: "default/sleep's iptables-save, line 32",
    });
    expect(redirect?.owner).toBe('istio-cni');
  });

  it('says in the enrolment that the rules were pasted, not written by istio-cni', () => {
    const step = pasted.enrolment
      ?.find((e) => e.netns === SLEEP)
      ?.steps.find((x) => x.step === 'rules');
    expect(step?.prov.kind).toBe('imported');
    expect(step?.text).toMatch(/pasted from your cluster/);
    expect(step?.text).toMatch(/ip rule 32764 fwmark 0x111\/0xfff lookup 100/);
    const httpbin = pasted.enrolment
      ?.find((e) => e.netns === 'ambient-worker2/httpbin')
      ?.steps.find((x) => x.step === 'rules');
    expect(httpbin?.prov.kind).toBe('verified');
  });

  it('walks the request exactly as the release’s rules walk it', () => {
    expect(behaviour(pasted)).toEqual(behaviour(release));
  });

  it('without the REDIRECT to 15001 the SYN leaves sleep for the Service VIP, ztunnel never sees it', () => {
    const w = walk(withSleepRules(noRedirect(text)), S);
    const vip = w.cluster.request.vip;
    expect(
      allHops(w, { netns: SLEEP, fact: { kind: 'netfilter', target: 'REDIRECT' } }),
    ).toHaveLength(0);
    expect(
      allHops(w, { netns: SLEEP, fact: { kind: 'accept', listener: { port: 15001 } } }),
    ).toEqual([]);
    const leaves = findHop(w, { netns: SLEEP, fact: { kind: 'veth', iface: 'eth0' } });
    expect(leaves.packetAfter?.ip.dst).toBe(vip);
    // The control: with the line, the same walk is redirected in sleep's netns.
    const control = walk(pasted, S);
    expect(
      allHops(control, { netns: SLEEP, fact: { kind: 'netfilter', target: 'REDIRECT' } }),
    ).toHaveLength(1);
  });

  it('pasted ip rule and routes replace istio-cni’s and walk the same', () => {
    const both = pastedPodRules(
      { workload: 'default/sleep', iptables: text, ipRule: IP_RULE, ipRoute: IP_ROUTE },
      REL,
    );
    expect(both.flagged.map((f) => [f.input, f.line, f.kind])).toEqual([
      ['ipRoute', 2, 'superseded'],
      ['ipRoute', 3, 'superseded'],
    ]);
    const c = buildClusterFrom(
      {
        ...describeScenario(S, REL),
        pasted: (pod) => (pod.facts.role === 'sleep' ? both.rules : undefined),
      },
      S,
      REL,
    );
    const ns = c.netns[SLEEP]!;
    expect(ns.ipRules.find((r) => r.priority === 32764)?.prov.kind).toBe('imported');
    expect(ns.ipRules.filter((r) => r.priority === 0)).toHaveLength(1);
    expect(ns.routes.find((r) => r.table === 100)?.prov.kind).toBe('imported');
    expect(behaviour(c)).toEqual(behaviour(release));
    const listing = netnsListings(c, SLEEP).map((s) => s.title);
    expect(listing).toContain('ip route show table 100');
  });
});

describe.runIf(!HAVE_UPSTREAM)("a 1.21 pod's real iptables-save pasted into sleep", () => {
  it.skip(`needs ../shared/upstream/cluster-dumps/${POD_IPTABLES} beside the checkout; not run`, () => {});
});
