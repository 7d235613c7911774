import { describe, expect, it } from 'vitest';
import { buildCluster } from './cluster/build';
import { netnsListings, ztunnelConfigListing } from './listings';
import { DEFAULT_SCENARIO } from './scenario';
import { ARTICLE_HTTPBIN_ENTRY } from './testdata/domainListings';
import { configDump } from './ztunnel/configDump';

describe("ztunnel's config dump, as each release prints it", () => {
  const entry = (c: ReturnType<typeof buildCluster>, section: string, key: string): unknown =>
    configDump(c.ztunnelStore, c.release)
      .find((s) => s.key === section)
      ?.entries.find((e) => e.key === key)?.value;

  it("1.18: httpbin's workload is the article's entry plus the two fields 1.18.0 added (trustDomain, clusterId)", () => {
    const c = buildCluster({ ...DEFAULT_SCENARIO, waypoint: 'httpbin' });
    const w = entry(c, 'workloads', '10.244.1.5') as Record<string, unknown>;
    expect(w).toMatchObject(ARTICLE_HTTPBIN_ENTRY);
    expect(Object.keys(w).filter((k) => !(k in ARTICLE_HTTPBIN_ENTRY))).toEqual([
      'trustDomain',
      'clusterId',
    ]);
  });

  it('1.18: waypointAddresses is empty without a waypoint', () => {
    const c = buildCluster(DEFAULT_SCENARIO);
    expect(entry(c, 'workloads', '10.244.1.5')).toMatchObject({ waypointAddresses: [] });
  });

  it("1.19: by_addr keyed /<ip>, the waypoint named by its Service's VIP and port, empty fields left out", () => {
    const c = buildCluster({ ...DEFAULT_SCENARIO, istio: '1.19', waypoint: 'httpbin' });
    const w = entry(c, 'by_addr', '/10.244.1.5') as Record<string, unknown>;
    expect(w).toMatchObject({
      workloadIps: ['10.244.1.5'],
      waypoint: { destination: '/10.96.88.21', port: 15008 },
      uid: 'Kubernetes//Pod/default/httpbin-5984865fdc-qh894',
    });
    expect(w).not.toHaveProperty('waypointAddresses');
    expect(w).not.toHaveProperty('authorizationPolicies');
    expect(entry(c, 'by_vip', '/10.96.88.21')).toMatchObject({ name: 'httpbin-istio-waypoint' });
  });

  it('1.20: the waypoint as {destination, hboneMtlsPort, hboneSingleTlsPort}', () => {
    const c = buildCluster({ ...DEFAULT_SCENARIO, istio: '1.20', waypoint: 'httpbin' });
    expect(entry(c, 'by_addr', '/10.244.1.5')).toMatchObject({
      waypoint: { destination: '/10.96.88.21', hboneMtlsPort: 15008, hboneSingleTlsPort: null },
    });
  });

  it('prints valid JSON; the entry line carries the workload id, the waypoint line is marked', () => {
    for (const istio of ['1.18', '1.19'] as const) {
      const c = buildCluster({ ...DEFAULT_SCENARIO, istio, waypoint: 'both', policy: 'deny-l4' });
      const listing = ztunnelConfigListing(c);
      const parsed = JSON.parse(listing.lines.map((l) => l.text).join('\n')) as Record<
        string,
        Record<string, unknown>
      >;
      const policies = istio === '1.18' ? parsed.policies : parsed.by_key;
      expect(policies?.['default/httpbin-viewer']).toMatchObject({
        action: 'Allow',
        scope: 'WorkloadSelector',
      });
      expect(listing.lines.some((l) => l.id === 'workload/10.244.1.5')).toBe(true);
      const marked = listing.lines.filter((l) => l.emphasis === 'waypoint').map((l) => l.text);
      expect(marked.length, istio).toBe(2);
      expect(marked.join(' '), istio).toContain(istio === '1.18' ? '"10.244.2.6"' : '{');
    }
  });

  it('shows an L7-only DENY as ztunnel gets it: the HTTP operation becomes an empty match', () => {
    const c = buildCluster({ ...DEFAULT_SCENARIO, policy: 'deny-l7' });
    const p = entry(c, 'policies', 'default/httpbin-deny-get') as { groups: unknown };
    expect(p.groups).toEqual([
      [[{}], [{ principals: [{ Exact: 'cluster.local/ns/default/sa/sleep' }] }]],
    ]);
  });
});

describe('listings of a namespace', () => {
  it('shows the eBPF maps and the programs attached on an eBPF node', () => {
    const c = buildCluster({ ...DEFAULT_SCENARIO, redirect: 'ebpf', istio: '1.20', dns: 'on' });
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
