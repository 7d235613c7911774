/** Words for accept(): which listener took the connection, and what its local address says. */
import type { AcceptFact } from '../facts';
import { processLabel, type Narrator } from './context';

export const narrateAccept: Narrator<AcceptFact> = (f, { cluster }) => {
  const who = processLabel(cluster, f.process);
  const l = f.listener;
  return {
    title: `${who} accepts on :${l.port} (${l.name})`,
    narration: f.tproxied
      ? `${who} accepts the connection on its ${l.name} listener :${l.port}; the socket's local address is still the original destination ${f.local.ip}:${f.local.port}.`
      : `${who} accepts the connection on :${l.port} (${l.name}) from ${f.remote.ip}:${f.remote.port}.`,
    why: f.tproxied
      ? 'TPROXY assigned the packet to this transparent (IP_TRANSPARENT) listener without rewriting it, so accept() returns a socket whose local address is the address the client dialled: that is how ztunnel learns the original destination.'
      : `${f.local.ip} is an address of this namespace, and a process listens on port ${f.local.port}.`,
    actor: {
      kind: 'socket',
      name: `${l.name} ${l.ip}:${l.port}`,
      text: `${l.proto.toUpperCase()} LISTEN ${l.ip === '0.0.0.0' ? '*' : l.ip}:${l.port}${l.transparent ? ' (IP_TRANSPARENT)' : ''} → accepted ${f.local.ip}:${f.local.port} ⇐ ${f.remote.ip}:${f.remote.port}`,
      details: [],
      refs: [{ netns: f.netns, section: 'listeners', lineId: `listen/${l.proto}/${l.port}` }],
    },
  };
};
