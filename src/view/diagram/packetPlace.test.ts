import { describe, expect, it } from 'vitest';
import { allScenarios, portableWalk, walkScenario } from '../../model';
import type { DiagramType } from './dimensions';
import { hopAnchorId, hopPoint, walkPoints } from './hopPlaces';
import { overlaps } from './labelRects';
import { layoutDiagram } from './layout';
import { hopLabelRects, packetRects } from './packetPlace';
import type { Orientation } from './shapes';

const SETS: ReadonlyArray<[Orientation, DiagramType | undefined]> = [
  ['landscape', undefined],
  ['landscape', { labels: 'room', scale: 1 }],
  ['landscape', { labels: 'room', scale: 1.5 }],
  ['portrait', undefined],
];

describe("the packet's resting place", () => {
  for (const [orientation, type] of SETS) {
    it(`never covers the labels a hop is about (${orientation}, ${type?.labels ?? 'full'} ${type?.scale ?? ''})`, () => {
      const problems: string[] = [];
      let moved = 0;
      for (const s of allScenarios(['iptables', 'ebpf'])) {
        const walk = portableWalk(walkScenario(s));
        const layout = layoutDiagram(walk.cluster, orientation, walk.hops, type);
        const points = walkPoints(layout, walk.hops);
        walk.hops.forEach((hop, i) => {
          const at = points[i]!;
          const end = i === walk.hops.length - 1;
          const glyph = packetRects(layout, at, end);
          const hit = hopLabelRects(layout, hop, hopAnchorId(hop)).filter((r) =>
            glyph.some((g) => overlaps(g, r)),
          );
          // On the wire the packet stays level with the gap between the nodes (hopPlaces.ts).
          if (hit.length && hop.where.netns !== 'wire')
            problems.push(`${JSON.stringify(s)} hop ${i + 1}: ${hop.title}`);
          // Near its own place: the packet is still seen to be at the hop.
          const own = hopPoint(layout, hop);
          if (hop.where.netns !== 'wire' && Math.hypot(at.x - own.x, at.y - own.y) > 1) moved++;
          expect(Math.hypot(at.x - own.x, at.y - own.y), hop.title).toBeLessThanOrEqual(
            hop.where.netns === 'wire' ? Infinity : 140,
          );
        });
      }
      expect(problems).toEqual([]);
      // The check bites: some hops' own points would have covered their labels.
      expect(moved).toBeGreaterThan(0);
    }, 120_000);
  }
});
