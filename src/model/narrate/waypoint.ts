/** Words for the waypoint's steps: terminating HBONE, denying a request, originating a new tunnel. */
import type { WaypointFact } from '../facts';
import { spiffeText } from '../packet';
import { destinationName, type Narrator } from './context';

export const narrateWaypoint: Narrator<WaypointFact> = (f, { cluster }) => {
  switch (f.step) {
    case 'terminate':
      return {
        title: `waypoint terminates HBONE: CONNECT ${f.authority}`,
        narration: `The waypoint (Envoy) terminates HBONE (connect_terminate) as ${spiffeText(f.server)}, sees the client ${f.client ? spiffeText(f.client) : '?'} and the request ${f.request?.method} ${f.request?.path} for ${f.authority}.`,
        why: 'The waypoint is an Envoy "configured to exactly match the IP and port of the destination workload, enforce any L7 authentication rules and forward the request to the destination" (the article). connect_terminate → main_internal (policy, VIP matching) → connect_originate.',
        actor: {
          kind: 'waypoint',
          name: 'Envoy connect_terminate → main_internal',
          text: `CONNECT ${f.authority}; ${f.request?.method} ${f.request?.path}`,
          details: [
            'listener connect_terminate (:15008)',
            'internal listener main_internal: L7 policy, routing',
            'cluster connect_originate (ORIGINAL_DST): new HBONE',
          ],
          refs: [],
        },
      };
    case 'deny':
      return {
        title: `waypoint answers ${f.status} ${f.body}`,
        narration: `Envoy answers the request inside the tunnel with HTTP ${f.status} and the body "${f.body}"; nothing is sent on to ${destinationName(cluster)}.`,
        why: 'An L7 deny is an HTTP answer, not a dropped connection: the client gets a response it can read.',
        actor: {
          kind: 'waypoint',
          name: 'Envoy RBAC deny',
          text: `HTTP/1.1 ${f.status} ${f.reason} — ${f.body}`,
          details: [],
          refs: [],
        },
      };
    case 'originate':
      if (f.plaintext)
        return {
          title: `connect_originate: plain TCP to ${f.to.ip}:${f.to.port}`,
          narration: `The waypoint picks the endpoint ${f.endpoint.ip}:${f.endpoint.port}, which is not in the mesh, and connects to it as plain TCP from its own address ${f.from.ip}: no HBONE, no mTLS.`,
          why: 'istiod gives an endpoint that cannot take HBONE no tunnel metadata, so the waypoint sends it the request as it is.',
          actor: {
            kind: 'waypoint',
            name: 'Envoy connect_originate',
            text: `TCP ${f.from.ip}:${f.from.port} → ${f.to.ip}:${f.to.port}`,
            details: [
              f.viaVip
                ? `VIP ${f.viaVip.ip}:${f.viaVip.port} → endpoint ${f.endpoint.ip}:${f.endpoint.port}`
                : `pod ${f.endpoint.ip}:${f.endpoint.port}`,
              'the endpoint is outside the mesh: no tunnel',
            ],
            refs: [],
          },
        };
      return {
        title: `connect_originate: HBONE to ${f.to.ip}:${f.to.port}`,
        narration: `The waypoint picks the endpoint ${f.endpoint.ip}:${f.endpoint.port} and opens a new HBONE connection to ${f.to.ip}:${f.to.port} from its own address ${f.from.ip}, as ${spiffeText(f.identity)}.`,
        why: "A waypoint is a full proxy: the connection from ztunnel ends here and a new one, with the waypoint's identity, goes to the chosen pod.",
        actor: {
          kind: 'waypoint',
          name: 'Envoy connect_originate',
          text: `HBONE ${f.from.ip}:${f.from.port} → ${f.to.ip}:${f.to.port}, CONNECT ${f.authority}`,
          details: [
            f.viaVip
              ? `VIP ${f.viaVip.ip}:${f.viaVip.port} → endpoint ${f.endpoint.ip}:${f.endpoint.port}`
              : `pod ${f.endpoint.ip}:${f.endpoint.port}`,
            f.forwardsClient
              ? `Forwarded: for=${f.originalClient}`
              : `no Forwarded header: the original client ${f.originalClient} is not passed on`,
          ],
          refs: [],
        },
      };
  }
};
