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
});
