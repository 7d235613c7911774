import { describe, expect, it } from 'vitest';
import { judgeSoak, summarizeSnapshot } from './leak.mjs';

const at = (heapBytes, nodes = 900, listeners = 40) => ({
  heapBytes,
  nodes,
  listeners,
  documents: 1,
});

describe('the soak verdict', () => {
  it('passes a steady page', () => {
    expect(judgeSoak(at(3_000_000), at(3_040_000)).ok).toBe(true);
  });
  it('fails heap growth over 100 KB, a growing DOM, growing listeners and a heap over 5 MB', () => {
    expect(judgeSoak(at(3_000_000), at(3_150_000)).problems).toEqual([
      expect.stringContaining('heap grew 150.0 KB'),
    ]);
    expect(judgeSoak(at(3e6, 900), at(3e6, 901)).problems).toEqual(['DOM nodes 900 → 901']);
    expect(judgeSoak(at(3e6, 900, 40), at(3e6, 900, 41)).problems).toEqual([
      'event listeners 40 → 41',
    ]);
    expect(judgeSoak(at(5_200_000), at(5_200_000)).problems).toEqual([
      expect.stringContaining('ceiling 5 MB'),
    ]);
  });
});

describe('the heap composition', () => {
  it('sums self sizes into code, strings and objects and leaves Blink objects out', () => {
    const snapshot = {
      snapshot: {
        meta: {
          node_fields: ['type', 'name', 'id', 'self_size', 'edge_count'],
          node_types: [
            ['hidden', 'object', 'string', 'code', 'closure', 'concatenated string', 'native'],
          ],
        },
      },
      // type, name, id, self_size, edge_count
      nodes: [
        1, 0, 1, 100, 0, 2, 0, 3, 20, 0, 3, 0, 5, 4000, 0, 4, 0, 7, 32, 0, 5, 0, 9, 16, 0, 6, 0, 11,
        9999, 0,
      ],
    };
    expect(summarizeSnapshot(snapshot)).toEqual({ code: 4000, strings: 36, objects: 132 });
  });
});
