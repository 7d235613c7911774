import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO } from '../../model/scenario';
import { exportFileName } from './fileNames';

describe('export file names', () => {
  it('names the mode, the release and the 1-based hop of the default walk', () => {
    expect(exportFileName({ scenario: DEFAULT_SCENARIO, kind: 'svg', hop: 11 })).toBe(
      'ambient-walk-iptables-istio-1.18-hop-12.svg',
    );
  });

  it('adds the knobs that differ from the default walk and the pixel size', () => {
    expect(
      exportFileName({
        scenario: { ...DEFAULT_SCENARIO, redirect: 'ebpf', istio: '1.20', waypoint: 'both' },
        kind: 'png',
        hop: 0,
        size: { width: 1920, height: 1080 },
      }),
    ).toBe('ambient-walk-ebpf-istio-1.20-waypoint-both-hop-1-1920x1080.png');
  });

  it('names the detail level of a whole-walk video and keeps only safe characters', () => {
    const name = exportFileName({
      scenario: { ...DEFAULT_SCENARIO, policy: 'deny-l7', placement: 'same-node' },
      kind: 'webm',
      detail: 'overview',
      size: { width: 1280, height: 720 },
    });
    expect(name).toBe(
      'ambient-walk-iptables-istio-1.18-placement-same-node-policy-deny-l7-overview-1280x720.webm',
    );
    expect(name).toMatch(/^[a-z0-9.-]+$/);
  });

  it('names a file’s walk by the file or the name it was saved under, without placeholder knobs', () => {
    const scenario = {
      ...DEFAULT_SCENARIO,
      redirect: 'inpod',
      istio: '1.24',
      waypoint: 'none',
    } as const;
    expect(
      exportFileName({ scenario, cluster: 'clusters/bookinfo.json', kind: 'svg', hop: 23 }),
    ).toBe('ambient-walk-bookinfo-inpod-istio-1.24-hop-24.svg');
    expect(
      exportFileName({ scenario, cluster: 'saved:Shop prod (EU)', kind: 'webm', detail: 'full' }),
    ).toBe('ambient-walk-shop-prod-eu-inpod-istio-1.24-full.webm');
  });
});
