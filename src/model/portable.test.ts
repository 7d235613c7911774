import { describe, expect, it } from 'vitest';
import { compactWalk, expandWalk, portableWalk } from './portable';
import { allScenarios } from './scenario';
import { walkScenario } from './walk';

describe('the shipped form of a walk', () => {
  it('round-trips every walk exactly, and is smaller', () => {
    for (const s of allScenarios(['iptables', 'ebpf']).filter((_, i) => i % 7 === 0)) {
      const p = portableWalk(walkScenario(s));
      const shipped = JSON.parse(JSON.stringify(compactWalk(p))) as unknown;
      expect(expandWalk(shipped)).toEqual(JSON.parse(JSON.stringify(p)));
      // Packets dominate a full walk; a short one (a lookup that failed) is mostly topology.
      const bound = p.hops.length >= 20 ? 0.9 : 1;
      expect(JSON.stringify(shipped).length).toBeLessThan(JSON.stringify(p).length * bound);
    }
  });

  it('keeps only the topology of the cluster', () => {
    const p = portableWalk(walkScenario(allScenarios()[0]!));
    const ns = p.cluster.netns['ambient-worker']!;
    expect(Object.keys(ns).sort()).toEqual([
      'id',
      'ifaces',
      'kind',
      'label',
      'listeners',
      'node',
      'tc',
    ]);
  });
});
