/**
 * The destination application (httpbin): it accepts the connection and reads the request. Who
 * it believes the client is depends on how the last proxy connected (original source or not).
 */
import type { Ipv4 } from '../addresses';
import { streamLayers } from '../packet';
import { fromArticle } from '../provenance';
import type { Accepted, Walker } from '../walk/walker';
import { layerOf } from './common';
import type { Outcome } from './types';

export function destinationApp(w: Walker, acc: Accepted, flow: string): Outcome {
  const ns = w.ns(acc.arrival.netns);
  const req = layerOf(streamLayers(acc.arrival.packet), 'http-request');
  const src = acc.server.remoteIp as Ipv4;
  const app = w.sim.pod(ns)?.shortName ?? ns.label;
  w.hop('destination-pod', flow, {
    fact: {
      kind: 'app',
      op: 'receive',
      process: acc.server.process,
      from: { ip: src, port: acc.server.remotePort ?? 0 },
      request: { method: req?.method ?? '', path: req?.path ?? '', host: req?.host ?? '' },
      seesOriginalClient: src === w.client.ip.value,
    },
    where: w.sim.where(ns, { anchor: 'proc', componentLabel: app }),
    packetBefore: acc.arrival.packet,
    packetAfter: acc.arrival.packet,
    changes: [],
    sources: [w.cluster.release.src.httpbinSample],
    provenance: fromArticle("httpbin is the request's destination"),
    command: `kubectl logs deploy/${app} --tail=5`,
  });
  return {
    kind: w.client.ambient ? 'delivered' : 'not-captured',
    request: `${req?.method} ${req?.path}`,
    sourceSeen: src,
  };
}
