/**
 * Every real ztunnel dump in ../shared/upstream/cluster-dumps imports, walks hop by hop with
 * the request the importer picks, and the walk's proxy hops are the ztunnel-level route's: the
 * two evaluations of one cluster agree, step by step, address by address.
 */
import { describe, expect, it } from 'vitest';
import { importCluster } from '../import/importCluster';
import { routeSpec } from '../import/route';
import { HAVE_UPSTREAM, upstream } from '../import/upstreamInputs';
import { proxyRoute } from './proxyHops';
import { walkSpec } from '.';

const DUMPS = [
  'ztunnel-config_dump-1.24.kiali-535bb39.json',
  'ztunnel-config_dump-1.24.kiali-HEAD.json',
  'istioctl-testdata-dump-1.24.0.json',
  'istioctl-testdata-dump-1.30.3.json',
];

describe.skipIf(!HAVE_UPSTREAM)('the real dumps, walked hop by hop', () => {
  it.each(DUMPS)('%s: the walk’s proxy hops are the route’s', (name) => {
    const r = importCluster([{ name, text: upstream(name) }]);
    expect(r.spec).toBeDefined();
    const w = walkSpec(r.spec!);
    expect(w.walk?.outcome.kind).toBe('delivered');
    const step = (h: { kind: string; dst: { ip: string; port?: number }; hbone?: string }) =>
      `${h.kind} ${h.dst.ip}:${h.dst.port ?? ''} ${h.hbone ?? ''}`;
    expect(proxyRoute(r.spec!, w.walk!).map(step)).toEqual(routeSpec(r.spec!).hops.map(step));
  });

  it('walks an ingress gateway outside the mesh as plain TCP from the waypoint (kiali’s dump)', () => {
    const name = DUMPS[0]!;
    const spec = importCluster([{ name, text: upstream(name) }]).spec!;
    expect(spec.request.to).toBe('bookinfo-gateway-istio:80');
    const w = walkSpec(spec).walk!;
    const origin = w.hops.find((h) => h.fact.kind === 'waypoint' && h.fact.step === 'originate');
    expect(origin?.fact).toMatchObject({ plaintext: true, to: { port: 80 } });
    expect(origin?.provenance).toMatchObject({ kind: 'verified' });
  });
});
