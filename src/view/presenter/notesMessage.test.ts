import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO } from '../../model/scenario';
import { parseNotesMessage } from './notesMessage';

const state = { type: 'state', scenario: DEFAULT_SCENARIO, index: 3, detail: 'full' };

describe('the notes window’s state: the cluster of one’s own the presenter walks', () => {
  it('carries the cluster reference, so the notes follow the file’s walk', () => {
    expect(parseNotesMessage({ ...state, cluster: 'clusters/bookinfo.json' })).toMatchObject({
      cluster: 'clusters/bookinfo.json',
      index: 3,
    });
    expect(parseNotesMessage({ ...state, cluster: 'saved:shop prod' })).toMatchObject({
      cluster: 'saved:shop prod',
    });
  });

  it('has no cluster when the presenter walks the knobs', () => {
    const m = parseNotesMessage(state);
    expect(m).toBeDefined();
    expect(m && 'cluster' in m).toBe(false);
  });

  it('refuses a state whose cluster the address would refuse', () => {
    for (const cluster of [42, '', 'saved:', 'a\u0000b', 'x'.repeat(501)])
      expect(parseNotesMessage({ ...state, cluster })).toBeUndefined();
  });
});
