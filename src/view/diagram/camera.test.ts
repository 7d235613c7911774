import { describe, expect, it } from 'vitest';
import { cameraShift } from './camera';
import { FRAME } from './dimensions';
import { layoutDiagram } from './layout';
import { syntheticCluster } from './testdata/syntheticCluster';

describe('the phone camera', () => {
  const small = layoutDiagram(syntheticCluster({ nodes: 3, pods: 3, tunnels: true }), 'portrait');
  const nodeBox = (name: string) => small.boxes.find((b) => b.id === `node-${name}`);
  const percent = (y: number, l = small): number => (y / l.height) * 100;

  it('frames the node the packet is on, its top just in view', () => {
    const east = nodeBox('east');
    expect(east && east.h + 2 * FRAME.cameraMargin).toBeLessThan(FRAME.cameraWindow);
    expect(cameraShift(small, 'east', { x: 0, y: (east?.y ?? 0) + 100 })).toBeCloseTo(
      percent((east?.y ?? 0) - FRAME.cameraMargin),
    );
  });

  it('starts at the top for the first node and never runs past the end', () => {
    expect(cameraShift(small, 'north', undefined)).toBe(0);
    const last = cameraShift(small, 'south', { x: 0, y: small.height });
    expect(last).toBeLessThanOrEqual(percent(small.height - FRAME.cameraWindow) + 1e-9);
  });

  it('follows the packet inside a node taller than the window', () => {
    const tall = layoutDiagram(syntheticCluster({ nodes: 1, pods: 9, programs: true }), 'portrait');
    const node = tall.boxes.find((b) => b.kind === 'node');
    expect(node && node.h).toBeGreaterThan(FRAME.cameraWindow);
    const low = cameraShift(tall, 'north', { x: 0, y: (node?.y ?? 0) + (node?.h ?? 0) - 50 });
    const high = cameraShift(tall, 'north', { x: 0, y: (node?.y ?? 0) + 50 });
    expect(low).toBeGreaterThan(high);
  });

  it('centres on the packet on the wire, between the nodes', () => {
    const at = { x: 0, y: (nodeBox('east')?.y ?? 0) - 20 };
    expect(cameraShift(small, null, at)).toBeCloseTo(percent(at.y - FRAME.cameraWindow / 2));
  });
});
