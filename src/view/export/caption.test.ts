import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO, portableWalk, walkScenario } from '../../model';
import { captionText, wrapLines } from './caption';

const chars = (s: string): number => s.length;

describe('export caption', () => {
  it('wraps words into lines no wider than the room', () => {
    expect(wrapLines('one two three four five', 9, chars)).toEqual([
      'one two',
      'three',
      'four five',
    ]);
  });

  it('ends the last kept line with an ellipsis when the text is longer than the lines allowed', () => {
    const lines = wrapLines('one two three four five six', 9, chars, 2);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe('three …');
  });

  it('keeps a word wider than a line whole', () => {
    expect(wrapLines('to 10.244.1.5:8000 now', 6, chars)).toEqual(['to', '10.244.1.5:8000', 'now']);
  });

  it('says where the hop is in the walk and which walk it is, from the walk', () => {
    const walk = portableWalk(walkScenario(DEFAULT_SCENARIO));
    const c = captionText(walk, 0);
    expect(c.position).toMatch(new RegExp(`^Step 1 of \\d+ · hop 1 of ${walk.hops.length} · `));
    expect(c.title).toBe(walk.hops[0]!.title);
    expect(c.narration).toBe(walk.hops[0]!.narration);
    expect(c.walk).toBe(`${walk.mode.label} · Istio 1.18`);
  });
});
