/**
 * The same file at every release and mode the model has: bookinfo walks through its waypoint
 * to reviews-v1 at each, the way that release names and reaches a waypoint; a release the model
 * does not have is walked with the one that stands for it, or refused with the reason.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MODE_RELEASES } from '../releases/ids';
import { readClusterSpec } from '../spec/read';
import type { ClusterSpec } from '../spec/types';
import { findHop } from '../walk/testkit';
import { walkSpec } from '.';

const bookinfo = readClusterSpec(
  readFileSync(new URL('../../../public/clusters/bookinfo.json', import.meta.url), 'utf8'),
).spec!;

const cases = (['iptables', 'ebpf', 'inpod'] as const).flatMap((mode) =>
  MODE_RELEASES[mode].map((istio) => ({ mode, istio })),
);

describe('bookinfo at every release and mode the model walks', () => {
  it.each(cases)('$mode at $istio: through the waypoint to reviews-v1', ({ mode, istio }) => {
    const spec: ClusterSpec = { ...bookinfo, mode, istio };
    const r = walkSpec(spec);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.walk?.scenario).toMatchObject({ redirect: mode, istio });
    expect(r.walk?.outcome.kind).toBe('delivered');
    const origin = findHop(r.walk!, { fact: { kind: 'waypoint', step: 'originate' } });
    expect(origin.fact).toMatchObject({ endpoint: { ip: '10.244.2.17', port: 9080 } });
  });

  it('walks nftables at 1.30 and a 1.26 file with 1.24’s rules, saying so', () => {
    const nft = walkSpec({ ...bookinfo, istio: '1.30', firewall: 'nftables' });
    expect(nft.walk?.outcome.kind).toBe('delivered');
    expect(nft.walk?.hops.some((h) => h.fact.kind === 'nftables')).toBe(true);
    const later = walkSpec({ ...bookinfo, istio: '1.26' });
    expect(later.walk?.scenario.istio).toBe('1.24');
    expect(later.diagnostics.map((d) => d.code)).toContain('E_RELEASE_STAND_IN');
    expect(walkSpec(bookinfo).diagnostics.map((d) => d.code)).not.toContain('E_RELEASE_STAND_IN');
  });

  it('refuses in-pod before 1.21 and eBPF before 1.20, naming the releases it has', () => {
    for (const [mode, istio] of [
      ['inpod', '1.19'],
      ['ebpf', '1.18'],
    ] as const) {
      const r = walkSpec({ ...bookinfo, mode, istio });
      expect(r.walk).toBeUndefined();
      expect(r.diagnostics.map((d) => d.code)).toEqual(['E_RELEASE_NOT_WALKED']);
    }
  });
});
