import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO, portableWalk, walkScenario } from '../../model';
import { layoutDiagram } from './layout';
import { layoutResource } from './layoutCache';

describe('layoutCache', () => {
  const defaultWalk = portableWalk(walkScenario(DEFAULT_SCENARIO));

  it('has the default walk laid out at once, as the layout code lays it out', () => {
    for (const orientation of ['landscape', 'portrait'] as const) {
      const r = layoutResource(defaultWalk, orientation);
      expect(r.status).toBe('fulfilled');
      expect(r.value).toEqual(layoutDiagram(defaultWalk.cluster, orientation, defaultWalk.hops));
    }
  });

  it('lays out any other walk once the layout code has loaded, and keeps it', async () => {
    const walk = portableWalk(
      walkScenario({ ...DEFAULT_SCENARIO, redirect: 'ebpf', istio: '1.20' }),
    );
    const r = layoutResource(walk, 'portrait');
    const layout = await r;
    expect(layout).toEqual(layoutDiagram(walk.cluster, 'portrait', walk.hops));
    expect(r.status).toBe('fulfilled');
    expect(layoutResource(walk, 'portrait')).toBe(r);
  });

  it('lays out the room label set with the layout code, once per scale', async () => {
    const type = { labels: 'room', scale: 1.25 } as const;
    const r = layoutResource(defaultWalk, 'landscape', type);
    const layout = await r;
    expect(layout).toEqual(layoutDiagram(defaultWalk.cluster, 'landscape', defaultWalk.hops, type));
    expect(layout.type.labels).toBe('room');
    expect(layoutResource(defaultWalk, 'landscape', { ...type })).toBe(r);
    expect(layoutResource(defaultWalk, 'landscape', { ...type, scale: 1.5 })).not.toBe(r);
    expect(layoutResource(defaultWalk, 'landscape').value?.type.labels).toBe('full');
  });
});
