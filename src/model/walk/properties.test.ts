/**
 * Properties of every walk, over every combination of the scenario knobs the model covers.
 */
import { describe, expect, it } from 'vitest';
import { diffPackets, isClaimed } from '../packet';
import { PROVENANCE_KINDS } from '../provenance';
import { MODE_RELEASES, NFTABLES_RELEASES, RELEASES } from '../releases';
import { allScenarios, scenarioKey } from '../scenario';
import { netnsListings } from '../listings';
import { STAGES, type Hop } from '../hop';
import { walkScenario, OUTCOME_TITLES } from '.';

const MODELLED = ['iptables', 'ebpf', 'inpod'] as const;
const walks = allScenarios(MODELLED).map((s) => ({ key: scenarioKey(s), w: walkScenario(s) }));

describe(`every walk (${walks.length} scenarios × releases)`, () => {
  it('covers every combination of the knobs, at every release each mode is walked at', () => {
    const releases = MODELLED.reduce((n, m) => n + MODE_RELEASES[m].length, 0);
    expect(releases).toBe(7);
    // Each in-pod release that has istio-cni's nftables backend is walked with both firewalls.
    const firewalls = releases + NFTABLES_RELEASES.length;
    expect(walks.length).toBe(firewalls * 4 * 2 * 2 * 3 * 2);
    expect(walks.filter(({ w }) => w.scenario.firewall === 'nftables').length).toBe(96);
  });

  it("cites istio and ztunnel only at the walk's own release, or says at which other tag", () => {
    for (const { key, w } of walks) {
      const tag = RELEASES[w.scenario.istio].tags;
      for (const h of w.hops) expect(offReleaseCitations(h, tag), key).toEqual([]);
    }
  });

  it('positive control: a 1.20 citation in a 1.18 walk is caught unless the note names 1.20', () => {
    const w = walks.find(({ w }) => w.scenario.istio === '1.18')!.w;
    const h = w.hops.find((x) => x.provenance.kind === 'verified')!;
    const tag = RELEASES['1.18'].tags;
    const ref = 'istio/istio@1.20.0:cni/pkg/ambient/net_linux.go';
    const cited = { ...h, sources: [...h.sources, ref] };
    expect(offReleaseCitations(cited, tag)).toEqual([ref]);
    const said = { ...cited, provenance: { ...h.provenance, note: 'verified at 1.20.0' } };
    expect(offReleaseCitations(said as Hop, tag)).toEqual([]);
  });

  it('ends in an outcome, with the last hop where that outcome happens', () => {
    for (const { key, w } of walks) {
      expect(Object.keys(OUTCOME_TITLES), key).toContain(w.outcome.kind);
      const last = w.hops[w.hops.length - 1]!;
      if (w.outcome.delivered) expect(last.where.netns, key).toMatch(/\/httpbin$/);
      else expect(last.where.netns, key).toMatch(/\/sleep$/);
    }
  });

  it('names what acted at every hop, with a source reference, a provenance, a place and a command', () => {
    for (const { key, w } of walks) {
      for (const h of w.hops) {
        const id = `${key} #${h.index + 1} ${h.title}`;
        expect(h.actor.name.length, id).toBeGreaterThan(0);
        expect(h.actor.text.length, id).toBeGreaterThan(0);
        expect(h.title.length && h.narration.length && h.why.length, id).toBeGreaterThan(0);
        expect(h.sources.length, id).toBeGreaterThan(0);
        for (const s of h.sources) expect(s, id).toMatch(/^[\w.-]+\/[\w.-]+@[\w.-]+:.+/);
        expect(PROVENANCE_KINDS, id).toContain(h.provenance.kind);
        if (h.provenance.kind === 'verified' || h.provenance.kind === 'inferred') {
          expect(h.provenance.ref, id).toMatch(/^[\w.-]+\/[\w.-]+@[\w.-]+:.+|^the article$/);
        }
        expect(h.where.anchor.length, id).toBeGreaterThan(0);
        expect(STAGES, id).toContain(h.stage);
        expect(h.command.length, id).toBeGreaterThan(0);
      }
    }
  });

  it('changes the packet only where a hop claims the change', () => {
    for (const { key, w } of walks) {
      for (const h of w.hops) {
        if (!h.packetBefore || !h.packetAfter || h.changes.includes('*')) continue;
        for (const changed of diffPackets(h.packetBefore, h.packetAfter)) {
          expect(
            isClaimed(changed, h.changes),
            `${key} #${h.index + 1} ${h.title}: ${changed} changed, claims ${JSON.stringify(h.changes)}`,
          ).toBe(true);
        }
      }
    }
  });

  it('hands each hop the packet the previous hop left (a packet changes only at a hop)', () => {
    for (const { key, w } of walks) {
      w.hops.forEach((h, i) => {
        if (i === 0 || !h.packetBefore || h.changes.includes('*')) return;
        const prev = w.hops[i - 1]!;
        expect(h.packetBefore, `${key} #${i + 1} ${h.title} after "${prev.title}"`).toEqual(
          prev.packetAfter,
        );
      });
    }
  });

  it('points every rule, route and program it names at a line the Rules panel prints', () => {
    for (const { key, w } of walks) {
      for (const h of w.hops) {
        for (const ref of h.actor.refs) {
          const sections = netnsListings(w.cluster, ref.netns).filter(
            (s) => s.section === ref.section,
          );
          const ids = sections.flatMap((s) => s.lines.map((l) => l.id));
          expect(ids, `${key} #${h.index + 1} ${h.title}: ${ref.section} ${ref.lineId}`).toContain(
            ref.lineId,
          );
        }
        if (h.fact.kind === 'netfilter' && h.fact.rule !== null) {
          expect(h.actor.refs.length, `${key} #${h.index + 1}`).toBeGreaterThan(0);
        }
      }
    }
  });

  it('labels every hop the domain file calls uncertain with what is uncertain', () => {
    for (const { key, w } of walks) {
      for (const h of w.hops.filter((x) => x.fact.kind === 'assumption')) {
        expect(h.uncertain, `${key} #${h.index + 1}`).toBeTruthy();
      }
    }
  });
});

/**
 * The istio/istio and istio/ztunnel references a hop cites at another tag than its walk's
 * release without its provenance note saying "verified at <tag>".
 */
function offReleaseCitations(h: Hop, tag: { istio: string; ztunnel: string }): string[] {
  const p = h.provenance;
  const note = p.kind === 'verified' || p.kind === 'inferred' ? (p.note ?? '') : '';
  const refs = [...h.sources, ...(p.kind === 'verified' || p.kind === 'inferred' ? [p.ref] : [])];
  return refs.filter((ref) => {
    const m = /^istio\/(istio|ztunnel)@([^:]+):/.exec(ref);
    if (!m) return false;
    const at = m[1] === 'istio' ? tag.istio : tag.ztunnel;
    return m[2] !== at && !note.includes(`verified at ${m[2]}`);
  });
}
