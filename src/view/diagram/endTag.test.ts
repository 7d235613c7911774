/** The packet's tag at the last hop says how the request ended, from the outcome's facts. */
import { describe, expect, it } from 'vitest';
import { allScenarios, walkScenario } from '../../model';
import { endTag } from './PacketGlyph';

describe('the packet’s end tag', () => {
  it('never says delivered for a request that was not', () => {
    const tags = new Set<string>();
    for (const s of allScenarios()) {
      const o = walkScenario(s).outcome;
      tags.add(endTag(o));
      expect(endTag(o).startsWith('✓')).toBe(o.delivered);
    }
    // The 1.18 DNS failure ends before the request starts (curl exits 6); a refused hairpin
    // certificate resets the connection (56).
    expect([...tags].sort()).toEqual([
      '✓ delivered',
      '✕ 403 RBAC',
      '✕ failed (56)',
      '✕ failed (6)',
      '✕ reset (56)',
    ]);
  });

  it('names a stopped walk by what the client saw', () => {
    const base = {
      kind: 'failed',
      title: 'Failed',
      summary: '',
      client: '',
      delivered: false,
    } as const;
    expect(endTag({ ...base, curlExit: 7, stop: { as: 'refused', reason: '' } })).toBe(
      '✕ refused (7)',
    );
    expect(endTag({ ...base, curlExit: 28, stop: { as: 'dropped', reason: '' } })).toBe(
      '✕ timed out (28)',
    );
  });
});
