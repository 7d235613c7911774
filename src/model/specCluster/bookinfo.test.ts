/**
 * Clusters that are not the article's, walked hop by hop: the bookinfo scenario file (three
 * nodes, a Service-attached waypoint) and the real ztunnel 1.24 dump it was read from, with the
 * dump's names, addresses and identities at every step, and ztunnel's real access-log lines
 * checked against the walk itself.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { crossCheck } from '../import/crossCheck';
import { parseAccessLog } from '../import/accessLog';
import { importCluster } from '../import/importCluster';
import { routeSpec } from '../import/route';
import { HAVE_UPSTREAM, REAL_DUMP, upstream } from '../import/upstreamInputs';
import { readClusterSpec } from '../spec/read';
import type { ClusterSpec } from '../spec/types';
import { findHop, q, ztunnelStep, factOf } from '../walk/testkit';
import { proxyRoute } from './proxyHops';
import { walkSpec } from '.';

const PRODUCTPAGE = 'bookinfo/productpage-v1-f47f868c8-vlj4p';
const bookinfo = readClusterSpec(
  readFileSync(new URL('../../../public/clusters/bookinfo.json', import.meta.url), 'utf8'),
).spec!;

describe('bookinfo.json: productpage → reviews:9080 through the waypoint, hop by hop', () => {
  const { walk, diagnostics } = walkSpec(bookinfo);
  const w = walk!;

  it('walks at 1.24 in-pod with the file’s three nodes, building the pods the request can reach', () => {
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(w.scenario).toMatchObject({ redirect: 'inpod', istio: '1.24' });
    expect(w.cluster.nodes.map((n) => n.name)).toEqual([
      'ci-control-plane',
      'ci-worker',
      'ci-worker2',
    ]);
    expect(w.cluster.pods.map((p) => p.shortName).sort()).toEqual([
      'productpage-v1',
      'reviews-v1',
      'reviews-v2',
      'reviews-v3',
      'waypoint',
      'ztunnel',
      'ztunnel',
      'ztunnel',
    ]);
    // details, ratings and CoreDNS are counted per node, not built.
    expect(w.cluster.notBuilt?.flatMap((n) => n.pods)).toHaveLength(4);
    expect(w.outcome.kind).toBe('delivered');
  });

  it('redirects productpage’s SYN to ztunnel’s 15001 by nat ISTIO_OUTPUT in productpage’s own netns', () => {
    const h = findHop(w, {
      netns: 'ci-worker/productpage-v1-f47f868c8-vlj4p',
      fact: { kind: 'netfilter', table: 'nat', chain: 'ISTIO_OUTPUT', target: 'REDIRECT' },
    });
    expect(h.packetAfter?.ip.dst).toBe('127.0.0.1');
    expect(h.packetAfter?.l4.dport).toBe(15001);
  });

  it('has ci-worker’s ztunnel send it to the waypoint pod with the reviews VIP as :authority', () => {
    const out = ztunnelStep(findHop(w, q.ztunnel('outbound')), 'outbound');
    expect(out.node).toBe('ci-worker');
    expect(out.dst).toEqual({ ip: '10.96.224.224', port: 9080 });
    expect(out.plan).toMatchObject({
      kind: 'to-server-waypoint',
      gateway: { ip: '10.244.1.23', port: 15008 },
      authority: '10.96.224.224:9080',
      expected: { namespace: 'bookinfo', serviceAccount: 'waypoint' },
    });
  });

  it('has the waypoint pick reviews-v1 (the first of three endpoints) on ci-worker2 and cross the node network', () => {
    const o = factOf(findHop(w, { fact: { kind: 'waypoint', step: 'originate' } }), 'waypoint');
    expect(o).toMatchObject({
      endpoint: { ip: '10.244.2.17', port: 9080 },
      to: { ip: '10.244.2.17', port: 15008 },
    });
    expect(w.hops.some((h) => h.where.netns === 'wire')).toBe(true);
  });

  it('terminates HBONE in reviews-v1’s netns on ci-worker2 with the waypoint’s identity, and delivers GET /reviews/0', () => {
    const t = ztunnelStep(
      findHop(w, q.ztunnel('hbone-terminate', { netns: 'ci-worker2/reviews-v1-5fc87d67c-r67vp' })),
      'hbone-terminate',
    );
    expect(t.client).toMatchObject({ namespace: 'bookinfo', serviceAccount: 'waypoint' });
    const got = factOf(findHop(w, { fact: { kind: 'app', op: 'receive' } }), 'app');
    expect(got).toMatchObject({ request: { method: 'GET', path: '/reviews/0' } });
  });

  it('agrees step by step with the ztunnel-level route of the same file', () => {
    const route = routeSpec(bookinfo).hops.map((h) => [h.kind, h.dst.ip, h.dst.port, h.hbone]);
    const walked = proxyRoute(bookinfo, w).map((h) => [h.kind, h.dst.ip, h.dst.port, h.hbone]);
    expect(walked).toEqual(route);
  });

  it('gives a node with enrolled pods and no ztunnel in the file one, inferred and said so', () => {
    const noZtunnel: ClusterSpec = {
      ...bookinfo,
      workloads: bookinfo.workloads.filter(
        (x) => !(x.kind === 'ztunnel' && x.node === 'ci-worker2'),
      ),
    };
    const r = walkSpec(noZtunnel);
    expect(r.walk?.outcome.kind).toBe('delivered');
    expect(r.diagnostics.map((d) => d.code)).toContain('E_ZTUNNEL_INFERRED');
    const zt = r.walk!.cluster.pods.find((p) => p.kind === 'ztunnel' && p.node === 'ci-worker2')!;
    expect(zt.name.prov.kind).toBe('inferred');
  });

  it('stops where a waypoint’s pod is not in the cluster: the HBONE SYN leaves for nowhere', () => {
    const gone: ClusterSpec = {
      ...bookinfo,
      workloads: bookinfo.workloads.map((x) =>
        x.kind === 'waypoint' ? { ...x, node: 'ci-gone' } : x,
      ),
    };
    const r = walkSpec(gone);
    expect(r.walk?.outcome).toMatchObject({
      kind: 'failed',
      delivered: false,
      stop: { as: 'dropped' },
    });
    // ztunnel sent HBONE to the waypoint's address; no waypoint ever took it.
    const out = r.walk!.hops.find((h) => h.fact.kind === 'ztunnel' && h.fact.step === 'outbound');
    expect(out?.fact).toMatchObject({
      plan: { kind: 'to-server-waypoint', gateway: { port: 15008 } },
    });
    expect(r.walk!.hops.some((h) => h.fact.kind === 'waypoint')).toBe(false);
    expect(r.diagnostics.map((d) => d.code)).toContain('E_WALK_STOPPED');
  });

  it('labels what the file lacks: made-up MACs and veths, the network between nodes', () => {
    const pod = w.cluster.pods.find((p) => p.name.value.startsWith('productpage'))!;
    expect(pod.mac.prov.kind).toBe('illustrative');
    expect(pod.ip.prov.kind).not.toBe('illustrative');
    expect(w.cluster.network.prov.kind).toBe('illustrative');
  });
});

describe.skipIf(!HAVE_UPSTREAM)('the real ztunnel 1.24 dump, walked hop by hop', () => {
  const imported = HAVE_UPSTREAM
    ? importCluster([{ name: REAL_DUMP, text: upstream(REAL_DUMP) }])
    : undefined;
  const spec: ClusterSpec = {
    ...imported!.spec!,
    request: { from: PRODUCTPAGE, to: 'reviews:9080', method: 'GET', path: '/reviews/0' },
  };
  const { walk } = walkSpec(spec);

  it('goes productpage 10.244.1.20 → waypoint 10.244.1.23:15008 → reviews-v1 10.244.1.17 with the dump’s identities', () => {
    expect(walk?.outcome.kind).toBe('delivered');
    const route = proxyRoute(spec, walk!);
    expect(route.map((h) => h.kind)).toEqual([
      'send',
      'ztunnel-outbound',
      'waypoint',
      'ztunnel-inbound',
      'deliver',
    ]);
    expect(route[1]).toMatchObject({
      actor: 'ztunnel@ci-worker',
      src: {
        ip: '10.244.1.20',
        identity: 'spiffe://cluster.local/ns/bookinfo/sa/bookinfo-productpage',
      },
      dst: {
        ip: '10.244.1.23',
        port: 15008,
        identity: 'spiffe://cluster.local/ns/bookinfo/sa/waypoint',
      },
      hbone: '10.96.224.224:9080',
    });
    expect(route[2]?.dst).toMatchObject({
      ip: '10.244.1.17',
      port: 15008,
      workload: 'bookinfo/reviews-v1-5fc87d67c-r67vp',
    });
  });

  it('leaves out the host-network pods (their address is the node’s) and says so', () => {
    const nodeIps = new Set(walk!.cluster.nodes.map((n) => n.internalIp.value as string));
    const hostNetwork = spec.workloads.filter((w) => nodeIps.has(w.ips[0] ?? ''));
    expect(hostNetwork.length).toBeGreaterThan(0);
    const built = new Set(walk!.cluster.pods.map((p) => p.name.value));
    expect(hostNetwork.filter((w) => built.has(w.name))).toEqual([]);
    expect(walkSpec(spec).diagnostics.map((d) => d.code)).toContain('E_WORKLOAD_NOT_BUILT');
  });

  it('agrees with ztunnel’s real access-log lines, checked against the walk’s own hops', () => {
    const log = parseAccessLog(upstream('ztunnel-access-logs.kiali.log'));
    const c = crossCheck(spec, proxyRoute(spec, walk!), log.entries);
    expect(c.verdict).toBe('agree');
    expect(c.hops.find((h) => h.direction === 'outbound')?.status).toBe('agree');
  });

  it('names the first disagreeing field when the walk differs (positive control: the waypoint under another service account)', () => {
    const other: ClusterSpec = {
      ...spec,
      workloads: spec.workloads.map((x) =>
        x.kind === 'waypoint' && x.namespace === 'bookinfo' ? { ...x, serviceAccount: 'other' } : x,
      ),
    };
    const w2 = walkSpec(other).walk!;
    const log = parseAccessLog(upstream('ztunnel-access-logs.kiali.log')).entries;
    const c = crossCheck(other, proxyRoute(other, w2), log);
    expect(c.verdict).toBe('disagree');
    expect(c.first?.disagreement).toEqual({
      field: 'dst.identity',
      expected: 'spiffe://cluster.local/ns/bookinfo/sa/other',
      actual: 'spiffe://cluster.local/ns/bookinfo/sa/waypoint',
    });
  });
});
