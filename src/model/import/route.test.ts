import { describe, expect, it } from 'vitest';
import type { ClusterSpec } from '../spec/types';
import { parseAccessLog } from './accessLog';
import { crossCheck, deploymentOf } from './crossCheck';
import { importCluster } from './importCluster';
import { routeSpec } from './route';
import { HAVE_UPSTREAM, REAL_DUMP, upstream } from './upstreamInputs';

const PRODUCTPAGE = 'bookinfo/productpage-v1-f47f868c8-vlj4p';

describe.skipIf(!HAVE_UPSTREAM)('productpage → reviews:9080 on the real 1.24 dump', () => {
  const imported = HAVE_UPSTREAM
    ? importCluster([{ name: REAL_DUMP, text: upstream(REAL_DUMP) }])
    : undefined;
  const spec: ClusterSpec = {
    ...imported!.spec!,
    request: { from: PRODUCTPAGE, to: 'reviews:9080', method: 'GET', path: '/reviews/0' },
  };
  const route = routeSpec(spec, imported?.unresolvedWaypoints);

  it('goes through the bookinfo waypoint with the dump’s addresses and identities', () => {
    expect(route.outcome).toBe('delivered');
    expect(route.hops.map((h) => h.kind)).toEqual([
      'send',
      'ztunnel-outbound',
      'waypoint',
      'ztunnel-inbound',
      'deliver',
    ]);
    const out = route.hops[1]!;
    expect(out).toMatchObject({
      actor: 'ztunnel@ci-worker',
      src: {
        ip: '10.244.1.20',
        identity: 'spiffe://cluster.local/ns/bookinfo/sa/bookinfo-productpage',
      },
      dst: {
        ip: '10.244.1.23',
        port: 15008,
        workload: 'bookinfo/waypoint-7564f99fc9-xlkjz',
        identity: 'spiffe://cluster.local/ns/bookinfo/sa/waypoint',
      },
      hbone: '10.96.224.224:9080',
      service: 'reviews.bookinfo.svc.cluster.local',
      logs: 'outbound',
    });
  });

  it('has the waypoint open HBONE to a reviews pod, and that pod’s ztunnel take it in', () => {
    const [wp, inbound] = [route.hops[2]!, route.hops[3]!];
    expect(wp.actor).toBe('bookinfo/waypoint-7564f99fc9-xlkjz');
    expect(wp.dst).toMatchObject({
      ip: '10.244.1.17',
      port: 15008,
      workload: 'bookinfo/reviews-v1-5fc87d67c-r67vp',
    });
    expect(wp.hbone).toBe('10.244.1.17:9080');
    expect(wp.choice).toMatch(/first of 3 healthy endpoints/);
    expect(inbound).toMatchObject({
      actor: 'ztunnel@ci-worker',
      src: { identity: 'spiffe://cluster.local/ns/bookinfo/sa/waypoint' },
      dst: { ip: '10.244.1.17', port: 9080 },
      policy: { allowed: true, reason: 'no-policy' },
    });
  });

  it('is denied at the reviews pod when a DENY policy names the waypoint', () => {
    const denied = routeSpec({
      ...spec,
      policies: [
        {
          name: 'no-waypoint',
          namespace: 'bookinfo',
          action: 'DENY',
          rules: [{ from: [{ principals: ['cluster.local/ns/bookinfo/sa/waypoint'] }] }],
        },
      ],
    });
    expect(denied.outcome).toBe('denied');
    expect(denied.hops.at(-1)).toMatchObject({
      kind: 'ztunnel-inbound',
      policy: { allowed: false, policy: 'bookinfo/no-waypoint' },
    });
  });

  it('agrees with the real access-log lines (Kiali’s, another capture of bookinfo)', () => {
    const log = parseAccessLog(upstream('ztunnel-access-logs.kiali.log'));
    expect(log.entries).toHaveLength(28);
    const c = crossCheck(spec, route.hops, log.entries);
    expect(c.sameCapture).toBe(false);
    expect(c.verdict).toBe('agree');
    expect(c.hops.map((h) => [h.direction, h.status])).toEqual([
      ['outbound', 'agree'],
      ['inbound', 'absent'],
    ]);
    // The April lines went to reviews directly, before the waypoint: said, not hidden.
    expect(c.hops[0]?.othersDisagreeing).toBeGreaterThan(0);
  });

  it('names the first field that disagrees when the log went elsewhere', () => {
    const lines = upstream('ztunnel-access-logs.kiali.log')
      .split('\n')
      .filter((l) => l.includes('reviews-v2') && l.includes('outbound'));
    const c = crossCheck(spec, route.hops, parseAccessLog(lines.join('\n')).entries);
    expect(c.verdict).toBe('disagree');
    expect(c.first?.disagreement).toEqual({
      field: 'dst.workload',
      expected: 'waypoint-7564f99fc9-xlkjz',
      actual: 'reviews-v2-6f9b55c5db-vnpzr',
    });
  });

  it('compares addresses exactly when the log is from this very cluster', () => {
    const h = route.hops[1]!;
    const line = (hbone: string): string =>
      `2024-12-12T10:00:00Z\tinfo\taccess\tconnection complete\tsrc.addr=10.244.1.20:40000 src.workload=productpage-v1-f47f868c8-vlj4p src.namespace=bookinfo src.identity="${h.src.identity}" dst.addr=10.244.1.23:15008 dst.hbone_addr=${hbone} dst.service=reviews.bookinfo.svc.cluster.local dst.workload=waypoint-7564f99fc9-xlkjz dst.namespace=bookinfo dst.identity="${h.dst.identity}" direction="outbound"`;
    const ok = crossCheck(spec, route.hops, parseAccessLog(line('10.96.224.224:9080')).entries);
    expect([ok.sameCapture, ok.verdict]).toEqual([true, 'agree']);
    const off = crossCheck(spec, route.hops, parseAccessLog(line('10.96.81.236:9080')).entries);
    expect(off.first?.disagreement).toEqual({
      field: 'dst.hbone_addr',
      expected: '10.96.224.224:9080',
      actual: '10.96.81.236:9080',
    });
  });

  it('reads the JSON log format as the text one', () => {
    const text = upstream('ztunnel-access-logs.kiali.log').split('\n').filter(Boolean);
    const json = parseAccessLog(text.join('\n')).entries.map((e) =>
      JSON.stringify({
        level: 'info',
        time: e.time,
        scope: 'access',
        message: e.message,
        ...e.fields,
      }),
    );
    const c = crossCheck(spec, route.hops, parseAccessLog(json.join('\n')).entries);
    expect(c.verdict).toBe('agree');
  });

  it('reads the istio.io lines, with spaces for tabs and a --snip-- line', () => {
    const log = parseAccessLog(upstream('istio.io-troubleshoot-ztunnel-access-logs.txt'));
    expect(log.entries).toHaveLength(6);
    expect(log.skipped).toBe(1);
    expect(log.entries[0]?.fields['dst.hbone_addr']).toBe('10.244.1.10:9080');
  });
});

describe('walking a hand-written spec', () => {
  it('goes straight to the endpoint without a waypoint, and passes unknown addresses through', async () => {
    const { readClusterSpec } = await import('../spec/read');
    const { readFileSync } = await import('node:fs');
    const text = readFileSync(
      new URL('../../../public/clusters/bookinfo.json', import.meta.url),
      'utf8',
    );
    const spec = readClusterSpec(text).spec!;
    const direct = routeSpec({
      ...spec,
      services: spec.services.map(
        (s) => Object.fromEntries(Object.entries(s).filter(([k]) => k !== 'waypoint')) as typeof s,
      ),
    });
    expect(direct.hops.map((h) => h.kind)).toEqual([
      'send',
      'ztunnel-outbound',
      'ztunnel-inbound',
      'deliver',
    ]);
    expect(direct.hops[1]?.dst.port).toBe(15008);
    const pass = routeSpec({ ...spec, request: { ...spec.request, to: '203.0.113.9:443' } });
    expect(pass.hops.map((h) => h.kind)).toEqual(['send', 'passthrough']);
    expect(pass.diagnostics.map((d) => d.code)).toContain('E_DST_UNKNOWN');
  });

  it('keeps the pod suffixes apart from the Deployment name', () => {
    expect(deploymentOf('productpage-v1-87d54dd59-c7jts')).toBe('productpage-v1');
    expect(deploymentOf('ztunnel-k8mfd')).toBe('ztunnel');
  });
});
