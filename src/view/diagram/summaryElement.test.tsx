import { describe, expect, it } from 'vitest';
import { FULL_TYPE } from './dimensions';
import { largeDiagramMarkup } from './testdata/largeDiagram';

/** The focusable groups of the markup: their attributes and their tooltip. */
function focusable(markup: string): Array<{ label: string; title: string }> {
  const out: Array<{ label: string; title: string }> = [];
  const re = /<g [^>]*tabindex="0"[^>]*aria-label="([^"]*)"[^>]*><title>([^<]*)<\/title>/g;
  for (const m of markup.matchAll(re)) out.push({ label: m[1] ?? '', title: m[2] ?? '' });
  return out;
}

describe("a large cluster's summaries in the drawing", () => {
  for (const orientation of ['landscape', 'portrait'] as const) {
    it(`can each be reached by keyboard and are named in full (${orientation})`, () => {
      const markup = largeDiagramMarkup(orientation, FULL_TYPE);
      const found = focusable(markup);
      expect(found.map((f) => f.label.replace(/:.*/, ''))).toEqual([
        '18 more pods on north not on this path',
        '18 more pods on east not on this path',
        '1 more node, 21 pods not on this path',
      ]);
      // The tooltip says what the accessible name says.
      for (const f of found) expect(f.title).toBe(f.label);
      expect(markup).toContain('role="img"');
      // The diagram is named by the nodes it draws; the one left out is named by its summary.
      expect(markup).toMatch(/<title id="diagram-title">[^<]*north and east with/);
      expect(markup).not.toMatch(/<title id="diagram-title">[^<]*south/);
      // The other nodes' box is joined to the bus.
      expect(markup.match(/class="summary-stub"/g)).toHaveLength(1);
    });
  }
});
