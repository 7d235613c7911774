import { describe, expect, it } from 'vitest';
import { allScenarios } from '../model';
import { cachedWalks, loadModel, peekWalk, walkResource, WALKS_KEPT } from './walkCache';

describe('the walk cache', () => {
  it('gives the shipped default walk at once, before the simulator has loaded', () => {
    const r = walkResource(allScenarios()[0]!);
    expect(r.status).toBe('fulfilled');
  });

  it('keeps only the most recently used walks, and walks an evicted scenario again alike', async () => {
    await loadModel();
    const scenarios = allScenarios().slice(0, 12);
    const first = peekWalk(scenarios[1]!);
    for (const s of scenarios) expect(peekWalk(s)?.hops.length).toBeGreaterThan(0);
    expect(cachedWalks()).toBe(WALKS_KEPT);
    const again = peekWalk(scenarios[1]!);
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
  });

  it('keeps a walk in use: asking for it again makes it the newest', async () => {
    await loadModel();
    const [a, ...rest] = allScenarios().slice(20, 20 + WALKS_KEPT + 2);
    const kept = peekWalk(a!);
    for (const s of rest) {
      peekWalk(s);
      expect(peekWalk(a!)).toBe(kept);
    }
  });
});
