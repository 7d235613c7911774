/** Words for a proxy answering its client: relaying an answer, or closing with a reset. */
import type { CloseCause, ProxyReplyFact } from '../facts';
import type { Narrator } from './context';

function causeText(c: CloseCause): string {
  switch (c.kind) {
    case 'fast-path-rbac':
      return `RBAC rejected on the node-local fast path: ${c.reason}`;
    case 'certificate':
      return `the hairpin needs a certificate the CA refuses ("${c.error}")`;
    case 'plaintext-rbac':
      return `${c.log}: the accepted socket is closed (1.18 inbound_passthrough: return Ok(()))`;
    case 'connect-status':
      return `the CONNECT was answered ${c.status}: the tunnel is refused`;
    case 'upstream-closed':
      return 'the upstream connection was closed';
  }
}

export const narrateProxyReply: Narrator<ProxyReplyFact> = (f, { record }) => {
  const label = record.where.componentLabel;
  if (f.kind === 'relay') {
    return {
      title: `${label} relays ${f.status} to its client`,
      narration: `${label} passes the ${f.status} answer from the tunnel on to its client over the original connection.`,
      why: 'The proxy relays bytes between the two connections; an HTTP answer from the waypoint travels back the way the request came.',
      actor: {
        kind: f.by,
        name: 'relay',
        text: `HTTP ${f.status} ${f.reason}`,
        details: [],
        refs: [],
      },
    };
  }
  const reason = causeText(f.cause);
  return {
    title: `${label} closes the client's connection: RST`,
    narration: `${label} closes the connection it accepted from ${f.client.ip}:${f.client.port}; with the request still unread, the kernel answers with a reset.`,
    why: `${reason}. "# this should fail with a connection reset error code 56" (istio.io getting-started).`,
    actor: { kind: 'ztunnel', name: 'close()', text: 'TCP RST', details: [reason], refs: [] },
  };
};
