import { describe, expect, it } from 'vitest';
import { portableWalk } from '../portable';
import { allScenarios, DEFAULT_SCENARIO, DEFAULT_RELEASES, SCENARIO_KNOBS } from '../scenario';
import { MODE_RELEASES } from '../releases';
import { walkScenario } from '../walk';
import { actingPhrase } from '../compare/acting';
import { hopToAsk, placeOf, questionFor } from './choices';

// Every mode the model walks (a mode with releases), each at its default release.
const MODES = SCENARIO_KNOBS.redirect.filter((m) => MODE_RELEASES[m].length > 0);
const walks = allScenarios(MODES, DEFAULT_RELEASES)
  .filter((_, i) => i % 5 === 0)
  .map((s) => portableWalk(walkScenario(s)));
const defaultWalk = portableWalk(walkScenario(DEFAULT_SCENARIO));

describe('predict questions', () => {
  it(`at every hop of ${walks.length} walks: 3–4 distinct choices, the real answer among them`, () => {
    for (const w of walks)
      w.hops.forEach((hop, i) => {
        const q = questionFor(w, i);
        expect(q.choices.length).toBeGreaterThanOrEqual(3);
        expect(q.choices.length).toBeLessThanOrEqual(4);
        expect(new Set(q.choices).size).toBe(q.choices.length);
        const right = q.choices[q.answer];
        expect(right).toBe(q.kind === 'place' ? placeOf(hop.where) : actingPhrase(hop.fact));
      });
  });

  it('asks which rule acts where a rule acted, with other rules of the walk as the wrong answers', () => {
    const capture = defaultWalk.hops.findIndex(
      (h) => h.fact.kind === 'netfilter' && h.fact.target === 'MARK',
    );
    const q = questionFor(defaultWalk, capture);
    expect(q.kind).toBe('rule');
    expect(q.choices[q.answer]).toBe('mangle ztunnel-PREROUTING mark 0x0 → 0x100');
    const rules = new Set(defaultWalk.hops.map((h) => actingPhrase(h.fact)));
    for (const c of q.choices) expect(rules.has(c), c).toBe(true);
  });

  it('asks which port takes it where a proxy accepts, with the cluster’s other ports', () => {
    const accept = defaultWalk.hops.findIndex((h) => h.fact.kind === 'accept');
    const q = questionFor(defaultWalk, accept);
    expect(q.kind).toBe('port');
    expect(q.choices[q.answer]).toBe('ztunnel port 15001 (outbound)');
    for (const c of q.choices) expect(c).toMatch(/ port \d+ /);
  });

  it('asks where the packet goes otherwise, never offering its own namespace under another name', () => {
    defaultWalk.hops.forEach((hop, i) => {
      const q = questionFor(defaultWalk, i);
      if (q.kind !== 'place') return;
      const others = q.choices.filter((_, j) => j !== q.answer);
      const sameNs = defaultWalk.hops
        .filter((h) => h.where.netns === hop.where.netns)
        .map((h) => placeOf(h.where));
      for (const o of others) expect(sameNs).not.toContain(o);
    });
  });

  it('offers the client-side waypoint where the cluster has one', () => {
    const w = portableWalk(walkScenario({ ...DEFAULT_SCENARIO, waypoint: 'both' }));
    const all = w.hops.flatMap((_, i) => questionFor(w, i).choices);
    expect(all.some((c) => /^sleep-istio-waypoint/.test(c))).toBe(true);
  });

  it('is the same question every time for the same hop, and differs between hops', () => {
    const a = defaultWalk.hops.map((_, i) => questionFor(defaultWalk, i));
    const b = defaultWalk.hops.map((_, i) => questionFor(defaultWalk, i));
    expect(a).toEqual(b);
    expect(new Set(a.map((q) => q.answer)).size).toBeGreaterThan(1);
  });

  it('asks, of a step of several hops, about the hop that decides in it', () => {
    const hops = defaultWalk.hops;
    const capture = hops.map((h) => h.group).lastIndexOf('capture');
    const before = hops.map((h) => h.group).lastIndexOf('request');
    const asked = hopToAsk(hops, before, capture);
    expect(hops[asked]?.fact).toMatchObject({ kind: 'netfilter', target: 'MARK' });
    // A step where nothing decides is asked about at its stop.
    expect(hopToAsk([{ fact: hops[2]!.fact }, { fact: hops[2]!.fact }], 0, 1)).toBe(1);
  });
});
