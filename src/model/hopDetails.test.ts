import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO, walkScenario } from '.';
import { hasDetails, joinDetails, splitDetails } from './hopDetails';
import { compactWalk, expandWalk, portableWalk } from './portable';

describe('a shipped walk in two parts', () => {
  const whole = portableWalk(walkScenario(DEFAULT_SCENARIO));

  it('keeps the details of the hops asked for, and leaves the others without them', () => {
    const { stage, details } = splitDetails(whole, (i) => i < 3);
    expect(stage.hops.slice(0, 3).every(hasDetails)).toBe(true);
    expect(stage.hops.slice(3).some(hasDetails)).toBe(false);
    expect(details.slice(0, 3)).toEqual([null, null, null]);
    // What moves the walk stays: the stage, the group, the title, the place, the packet.
    for (const [i, h] of stage.hops.entries()) {
      const w = whole.hops[i]!;
      expect([h.stage, h.group, h.title, h.where, h.packetAfter, h.actor.refs]).toEqual([
        w.stage,
        w.group,
        w.title,
        w.where,
        w.packetAfter,
        w.actor.refs,
      ]);
    }
  });

  it('puts them back whole, through the shipped (compacted) form', () => {
    const { stage, details } = splitDetails(whole, (i) => i === 0);
    const shipped = expandWalk(JSON.parse(JSON.stringify(compactWalk(stage))));
    const joined = joinDetails(shipped, JSON.parse(JSON.stringify(details)));
    expect(joined).toEqual(JSON.parse(JSON.stringify(whole)));
  });

  it('is smaller in its first part than the whole walk by most of its words', () => {
    const { stage } = splitDetails(whole, () => false);
    const size = (x: unknown) => JSON.stringify(compactWalk(x as never)).length;
    expect(size(stage)).toBeLessThan(size(whole) * 0.7);
  });
});
