import { describe, expect, it } from 'vitest';
import { buildCluster } from './cluster/build';
import { netnsListings, ztunnelConfigListing } from './listings';
import { DEFAULT_SCENARIO } from './scenario';
import { ARTICLE_HTTPBIN_ENTRY } from './testdata/domainListings';
import { workloadsJson } from './ztunnel/store';

describe("ztunnel's config, in the article's format", () => {
  it("gives httpbin exactly the article's workload entry once its waypoint is deployed", () => {
    const c = buildCluster({ ...DEFAULT_SCENARIO, waypoint: 'httpbin' });
    expect(workloadsJson(c.ztunnelStore)['10.244.1.5']).toEqual(ARTICLE_HTTPBIN_ENTRY);
    expect(Object.keys(workloadsJson(c.ztunnelStore)['10.244.1.5']!)).toEqual(
      Object.keys(ARTICLE_HTTPBIN_ENTRY),
    );
  });

  it('leaves waypointAddresses empty without a waypoint', () => {
    const c = buildCluster(DEFAULT_SCENARIO);
    expect(workloadsJson(c.ztunnelStore)['10.244.1.5']?.waypointAddresses).toEqual([]);
  });

  it('prints valid JSON whose waypointAddresses line carries the workload id for highlighting', () => {
    const c = buildCluster({ ...DEFAULT_SCENARIO, waypoint: 'both', policy: 'deny-l4' });
    const listing = ztunnelConfigListing(c);
    const parsed = JSON.parse(listing.lines.map((l) => l.text).join('\n')) as {
      workloads: Record<string, unknown>;
      policies: Record<string, unknown>;
    };
    expect(Object.keys(parsed.workloads)).toContain('10.244.1.5');
    expect(parsed.policies['default/httpbin-viewer']).toMatchObject({
      action: 'Allow',
      scope: 'WorkloadSelector',
    });
    const wp = listing.lines.find(
      (l) => l.text.includes('"waypointAddresses"') && l.id === 'workload/10.244.1.5',
    );
    expect(wp?.text).toContain('"10.244.2.6"');
  });
});

describe('listings of a namespace', () => {
  it('shows the eBPF maps and the programs attached on an eBPF node', () => {
    const c = buildCluster({ ...DEFAULT_SCENARIO, redirect: 'ebpf', dns: 'on' });
    const sections = netnsListings(c, 'ambient-worker');
    const tc = sections.find((s) => s.section === 'tc')!;
    expect(tc.lines.map((l) => l.id).filter(Boolean)).toEqual([
      'tc/veth6d3e0c2b/ingress',
      'tc/veth6d3e0c2b/egress',
      'tc/vethb7c4e1d0/ingress',
    ]);
    const maps = sections.find((s) => s.section === 'bpf-maps')!;
    expect(maps.lines.find((l) => l.id === 'bpf/app_info/10.244.2.4')?.text).toMatch(
      /^key: 0a f4 02 04 {2}value: 07 00 00 00 ea 5c 1e 3a 41 07/,
    );
    expect(maps.lines.find((l) => l.id === 'bpf/ztunnel_info/0')?.text).toContain(
      'CAPTURE_DNS_FLAG',
    );
  });

  it('gives every line that names a rule or route a unique id', () => {
    const c = buildCluster(DEFAULT_SCENARIO);
    for (const id of Object.keys(c.netns)) {
      const ids = netnsListings(c, id).flatMap((s) =>
        s.lines.map((l) => l.id).filter((x): x is string => !!x),
      );
      const dup = ids.filter((x, i) => ids.indexOf(x) !== i && !x.startsWith('workload/'));
      expect(dup, id).toEqual([]);
    }
  });
});
