/**
 * A scenario file's pasted pod rules replace the release's for that pod in the walk; lines the
 * walk cannot evaluate come back as diagnostics.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { iptablesSave } from '../netfilter/render';
import { readClusterSpec } from '../spec/read';
import type { ClusterSpec } from '../spec/types';
import { findHop, q } from '../walk/testkit';
import { buildSpecCluster, walkSpec } from '.';

const PRODUCTPAGE = 'bookinfo/productpage-v1-f47f868c8-vlj4p';
const NETNS = 'ci-worker/productpage-v1-f47f868c8-vlj4p';
const bookinfo = readClusterSpec(
  readFileSync(new URL('../../../public/clusters/bookinfo.json', import.meta.url), 'utf8'),
).spec!;

/** productpage's iptables-save as the release writes it (what `kubectl debug … iptables-save` prints). */
function releaseRules(): string {
  const b = buildSpecCluster(bookinfo);
  if (!b.ok) throw new Error('bookinfo does not build');
  return iptablesSave(b.cluster.netns[NETNS]!.tables)
    .map((l) => l.text)
    .join('\n');
}

const withRules = (iptables: string): ClusterSpec => ({
  ...bookinfo,
  rules: [{ workload: PRODUCTPAGE, iptables }],
});

describe('pasted rules in a scenario file', () => {
  const text = releaseRules();

  it('stand in for the release’s: the same rules walk the same, labelled as from your cluster', () => {
    const pasted = walkSpec(withRules(text));
    const plain = walkSpec(bookinfo);
    expect(pasted.walk!.hops.map((h) => h.fact.kind)).toEqual(
      plain.walk!.hops.map((h) => h.fact.kind),
    );
    const redirect = findHop(pasted.walk!, {
      netns: NETNS,
      fact: { kind: 'netfilter', chain: 'ISTIO_OUTPUT', target: 'REDIRECT' },
    });
    const ns = pasted.walk!.cluster.netns[NETNS]!;
    const rules = ns.tables.nat.chains.flatMap((c) => c.rules);
    expect(rules.length).toBeGreaterThan(0);
    expect(rules.every((r) => r.prov.kind === 'imported')).toBe(true);
    expect(redirect.packetAfter?.l4.dport).toBe(15001);
  });

  it('change the walk when they differ (positive control: no REDIRECT to 15001)', () => {
    const without = text
      .split('\n')
      .filter((l) => !/-A ISTIO_OUTPUT .*REDIRECT --to-ports 15001/.test(l))
      .join('\n');
    expect(without).not.toBe(text);
    const w = walkSpec(withRules(without)).walk!;
    expect(() => findHop(w, q.ztunnel('outbound'))).toThrow();
    const syn = w.hops.find((h) => h.where.netns === NETNS && h.where.iface === 'eth0');
    expect(syn?.packetAfter?.ip.dst).toBe('10.96.224.224');
  });

  it('come back as diagnostics where the walk cannot evaluate a line', () => {
    const odd = `${text}\n*nat\n-A OUTPUT -m owner --uid-owner 1337 -j RETURN\nCOMMIT`;
    const r = walkSpec(withRules(odd));
    expect(r.walk).toBeDefined();
    expect(r.diagnostics.map((d) => d.code)).toContain('E_RULE_NOT_EVALUATED');
  });
});
