import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO, walkScenario } from '../../model';
import { packetDiff, packetRows } from './packetFields';

describe('packet rows for the inspector', () => {
  const w = walkScenario(DEFAULT_SCENARIO);

  it("highlights only the mark when mangle ztunnel-PREROUTING marks sleep's SYN", () => {
    const h = w.hops.find((x) => x.title.includes('marks it 0x100'))!;
    const changed = packetDiff(h.packetBefore, h.packetAfter).filter((r) => r.changed);
    expect(changed.map((r) => [r.field, r.before, r.after])).toEqual([
      ['mark', '0x0', '0x100 (256)'],
    ]);
  });

  it('shows the GENEVE outer header above the untouched inner packet', () => {
    const h = w.hops.find((x) => x.actor.kind === 'geneve' && x.title.includes('encap'))!;
    const rows = packetRows(h.packetAfter!);
    const labels = rows.map((r) => r.layerLabel);
    expect(labels.indexOf('outer IP')).toBeLessThan(labels.indexOf('GENEVE'));
    expect(labels.indexOf('GENEVE')).toBeLessThan(labels.indexOf('inner IP'));
    expect(rows.find((r) => r.key === 'geneve.vni')?.value).toBe('1001');
    expect(rows.find((r) => r.key === 'ip.dst' && r.layerLabel === 'inner IP')?.value).toBe(
      '10.96.184.142',
    );
  });

  it('shows GENEVE decapsulation as the outer layers removed around an unchanged packet', () => {
    const h = w.hops.find((x) => x.actor.kind === 'geneve' && x.title.includes('decap'))!;
    const diff = packetDiff(h.packetBefore, h.packetAfter);
    expect(diff.filter((r) => r.status === 'removed').map((r) => r.layerLabel)).toEqual([
      'outer IP',
      'outer IP',
      'UDP',
      'UDP',
      'GENEVE',
    ]);
    expect(diff.filter((r) => r.status === 'changed')).toEqual([]);
  });

  it('lists the HBONE layers: mTLS identities and the CONNECT :authority', () => {
    const h = w.hops.find((x) => x.title.includes('dials HBONE'))!;
    const rows = packetRows(h.packetAfter!);
    expect(rows.find((r) => r.field === 'client')?.value).toBe(
      'spiffe://cluster.local/ns/default/sa/sleep',
    );
    expect(rows.find((r) => r.field === ':authority')?.value).toBe('10.244.1.5:80');
  });
});
