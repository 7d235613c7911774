/**
 * Bookinfo varied the ways operators ask about (a source outside the mesh, a pod address, no
 * waypoint, a DENY for the waypoint, a destination outside the mesh, captured DNS, another
 * Service): the hop-by-hop walk's proxy hops are the ztunnel-level route's every time, and the
 * outcomes say the same thing.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { routeSpec, type RouteHop } from '../import/route';
import { readClusterSpec } from '../spec/read';
import type { ClusterSpec } from '../spec/types';
import { proxyRoute } from './proxyHops';
import { walkSpec } from '.';

const b = readClusterSpec(
  readFileSync(new URL('../../../public/clusters/bookinfo.json', import.meta.url), 'utf8'),
).spec!;
const step = (h: RouteHop): string => `${h.kind} ${h.dst.ip}:${h.dst.port ?? ''} ${h.hbone ?? ''}`;
const mapWorkloads = (pick: RegExp, patch: object): ClusterSpec => ({
  ...b,
  workloads: b.workloads.map((w) => (pick.test(w.name) ? { ...w, ...patch } : w)),
});

const VARIANTS: [string, ClusterSpec, string, string][] = [
  [
    'productpage outside the mesh',
    mapWorkloads(/^productpage/, { enrolled: false }),
    'not-captured',
    'delivered',
  ],
  [
    'to reviews-v2’s pod address',
    { ...b, request: { ...b.request, to: '10.244.2.18:9080' } },
    'delivered',
    'delivered',
  ],
  [
    'reviews without its waypoint',
    {
      ...b,
      services: b.services.map((s) => (s.name === 'reviews' ? { ...s, waypoint: undefined } : s)),
    },
    'delivered',
    'delivered',
  ],
  [
    'a DENY for the waypoint’s identity',
    {
      ...b,
      policies: [
        {
          name: 'deny-wp',
          namespace: 'bookinfo',
          action: 'DENY',
          rules: [{ from: [{ principals: ['cluster.local/ns/bookinfo/sa/waypoint'] }] }],
        },
      ],
    },
    'denied-l4',
    'denied',
  ],
  ['to ratings', { ...b, request: { ...b.request, to: 'ratings:9080' } }, 'delivered', 'delivered'],
  [
    'reviews outside the mesh',
    mapWorkloads(/^reviews/, { enrolled: false }),
    'delivered',
    'delivered',
  ],
  ['DNS captured', { ...b, dnsCapture: true }, 'delivered', 'delivered'],
  [
    'to details, on productpage’s node',
    { ...b, request: { ...b.request, to: 'details:9080' } },
    'delivered',
    'delivered',
  ],
];

describe('bookinfo variants: the hop-by-hop walk and the ztunnel-level route agree', () => {
  it.each(VARIANTS)('%s', (_, spec, walked, routed) => {
    const w = walkSpec(spec).walk!;
    const r = routeSpec(spec);
    expect(w.outcome.kind).toBe(walked);
    expect(r.outcome).toBe(routed);
    expect(proxyRoute(spec, w).map(step)).toEqual(r.hops.map(step));
  });
});
