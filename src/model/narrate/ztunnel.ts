/** Words for ztunnel's decisions: outbound routing, HBONE client and server, plaintext, hairpin. */
import type { OutboundPlanFact, ZtunnelFact } from '../facts';
import { spiffeText } from '../packet';
import { clientName, destinationName, processLabel, type Narrator } from './context';

function decisionText(plan: OutboundPlanFact): string {
  switch (plan.kind) {
    case 'to-server-waypoint':
      return `ToServerWaypoint: HBONE to ${plan.gateway.ip}:${plan.gateway.port}, :authority ${plan.authority}`;
    case 'direct-hbone':
      return `Direct: HBONE to ${plan.gateway.ip}:${plan.gateway.port}, :authority ${plan.authority}`;
    case 'direct-local':
      return `DirectLocal: node-local fast path to ${plan.target.ip}:${plan.target.port}`;
    case 'error':
      return `error: ${plan.reason}`;
    default:
      return `${plan.kind}: plain TCP to ${plan.target.ip}:${plan.target.port}`;
  }
}

function outboundWhy(plan: OutboundPlanFact, destination: string, ztunnel: string): string {
  switch (plan.kind) {
    case 'to-server-waypoint':
      return `${destination}'s workload names a waypoint (at ${plan.gateway.ip}), so the connection goes to its waypoint first; the :authority keeps the original VIP ("Use the original VIP, not translated").`;
    case 'direct-local':
      return `The destination runs on this same node and speaks HBONE: ztunnel ${ztunnel} skips HBONE and mTLS on the wire and hands the connection to its own inbound side in memory.`;
    default:
      return "The destination speaks HBONE and has no waypoint: ztunnel tunnels straight to the pod's port 15008, carrying the real target in the CONNECT :authority.";
  }
}

export const narrateZtunnel: Narrator<ZtunnelFact> = (f, { cluster, record }) => {
  const label = record.where.componentLabel;
  switch (f.step) {
    case 'outbound': {
      const decision = decisionText(f.plan);
      return {
        title: `ztunnel decides: ${decision}`,
        narration: `${label} looks up the source ${f.src} and the original destination ${f.dst.ip}:${f.dst.port} in its workload data and picks ${decision}.`,
        why: outboundWhy(f.plan, destinationName(cluster), cluster.release.tags.ztunnel),
        actor: {
          kind: 'ztunnel',
          name: 'ztunnel outbound (build_request)',
          text: decision,
          details: [...f.trace, ...(f.log ? [`log: ${f.log}`] : [])],
          refs: f.refs,
        },
      };
    }
    case 'hbone-connect':
      return {
        title: `ztunnel dials HBONE: ${f.from.ip} → ${f.to.ip}:${f.to.port}`,
        narration: `${label} opens a new TCP connection to ${f.to.ip}:${f.to.port} from ${clientName(cluster)}'s address ${f.from.ip} (spoofed), to carry TLS 1.3 + HTTP/2 CONNECT ${f.authority}.`,
        why: `HBONE: "HTTP CONNECT is used to establish a tunnel connection, mTLS is used to secure and encrypt that connection, and HTTP/2 is used to multiplex". ztunnel ${cluster.release.tags.ztunnel} binds the client's IP (freebind_connect with IP_TRANSPARENT), so the source address survives the proxy.`,
        actor: {
          kind: 'ztunnel',
          name: 'ztunnel outbound: HBONE client',
          text: `TCP ${f.from.ip}:${f.from.port} → ${f.to.ip}:${f.to.port}; TLS 1.3 ALPN h2 as ${spiffeText(f.client)} expecting ${spiffeText(f.server)}; CONNECT ${f.authority}`,
          details: [
            'TLS: min = max = TLS1_3, ALPN h2, no SNI (boring.rs)',
            `client cert: ${spiffeText(f.client)}`,
            `server must present: ${spiffeText(f.server)}`,
            `CONNECT :authority ${f.authority}`,
          ],
          refs: f.refs,
        },
      };
    case 'hbone-terminate':
      return {
        title: `ztunnel terminates mTLS and reads CONNECT ${f.authority}`,
        narration: `${label} completes the TLS 1.3 handshake as ${f.server ? spiffeText(f.server) : '?'} (chosen by the original destination ${f.origDst}), verifies the client ${f.client ? spiffeText(f.client) : '?'} and reads CONNECT ${f.authority}.`,
        why: "InboundCertProvider picks the certificate of the workload at the connection's original destination IP; the server requires a client certificate in the trust domain (FAIL_IF_NO_PEER_CERT).",
        actor: {
          kind: 'ztunnel',
          name: 'ztunnel inbound: HBONE server (serve_connect)',
          text: `CONNECT ${f.authority} from ${f.client ? spiffeText(f.client) : 'unknown'}`,
          details: [
            `log: got CONNECT request to ${f.authority}`,
            ...Object.entries(f.headers).map(([k, v]) => `${k}: ${v}`),
          ],
          refs: f.workload
            ? [
                {
                  netns: record.where.netns,
                  section: 'ztunnel-config',
                  lineId: `workload/${f.workload}`,
                },
              ]
            : [],
        },
      };
    case 'connect-refused':
      return {
        title: `ztunnel answers the CONNECT with ${f.status}`,
        narration: `${label} answers the HTTP/2 CONNECT with ${f.status}${f.status === 401 ? ' Unauthorized' : ''}: the tunnel is refused and nothing reaches ${destinationName(cluster)}.`,
        why: `log: ${f.log}. serve_connect returns StatusCode::UNAUTHORIZED when RBAC rejects the connection.`,
        actor: {
          kind: 'ztunnel',
          name: 'ztunnel inbound: CONNECT response',
          text: `:status ${f.status}`,
          details: [`log: ${f.log}`],
          refs: [],
        },
      };
    case 'plaintext-inbound':
      return {
        title: `plaintext inbound on :${f.port} for ${f.to.ip}:${f.to.port}`,
        narration: `${label} receives a plaintext connection (no mTLS, so no identity) from ${f.from} for ${f.to.ip}:${f.to.port}.`,
        why: `Traffic to a mesh pod that did not come over HBONE lands on ${f.port}: ztunnel can still apply L4 policy, but the client has no SPIFFE identity.`,
        actor: {
          kind: 'ztunnel',
          name: 'ztunnel inbound plaintext (proxy_inbound_plaintext)',
          text: f.trace.join(' '),
          details: f.trace,
          refs: [],
        },
      };
    case 'hairpin':
      return {
        title: `ztunnel hairpins to the waypoint ${f.to.ip}:${f.to.port}`,
        narration: `${label} forwards the connection to ${destinationName(cluster)}'s waypoint over HBONE from its own address ${f.from.ip} ("Spoofing the source IP only works when the destination or the source are on our node").`,
        why: '"The request needs to go through the waypoint for policy enforcement. This can happen from clients that are not part of the mesh; they won\'t know to send to the waypoint."',
        actor: {
          kind: 'ztunnel',
          name: 'ztunnel: hairpin to the waypoint',
          text: `HBONE ${f.from.ip}:${f.from.port} → ${f.to.ip}:${f.to.port}, CONNECT ${f.authority}`,
          details: f.trace,
          refs: [],
        },
      };
    case 'certificate': {
      const id = spiffeText(f.identity);
      return {
        title: f.granted
          ? `ztunnel gets a certificate for ${id}`
          : `istiod's CA refuses a certificate for ${id} on ${f.node}`,
        narration: f.granted
          ? `${label} holds (or gets) a certificate for ${id}: a pod with that service account runs on ${f.node}.`
          : `To hairpin the connection, ${label} needs a certificate for the client's own identity, ${id}. istiod's CA answers: ${f.error}.`,
        why: "The hairpin reuses ztunnel's outbound path, which presents the source workload's identity. The ambient profile trusts ztunnel as a node agent (CA_TRUSTED_NODE_ACCOUNTS), and the CA's node authorizer grants an identity only to the ztunnel of a node where a pod with it runs.",
        actor: {
          kind: 'ztunnel',
          name: 'ztunnel: fetch_certificate (CA node authorizer)',
          text: f.granted ? `certificate for ${id}` : `error: ${f.error}`,
          details: [
            `requested by the ztunnel on ${f.node}`,
            `identity: ${id}`,
            f.granted ? 'granted' : `refused: ${f.error}`,
          ],
          refs: [],
        },
      };
    }
    case 'connect-workload': {
      const who = processLabel(cluster, f.process);
      return {
        title: `${who} connects to ${f.to.ip}:${f.to.port} as ${f.from.ip}`,
        narration: `${who} opens the last connection, to ${f.to.ip}:${f.to.port}, binding the original client address ${f.from.ip}.`,
        why: `ztunnel ${cluster.release.tags.ztunnel} connects to the workload from the source address it was given (IP_TRANSPARENT): the client's own IP, or the waypoint's when the waypoint did not pass the client on.`,
        actor: {
          kind: 'ztunnel',
          name: 'ztunnel inbound: connect to the workload',
          text: `TCP ${f.from.ip}:${f.from.port} → ${f.to.ip}:${f.to.port} (freebind_connect)`,
          details: [],
          refs: [],
        },
      };
    }
  }
};
