/** Words for the kernel finding no socket for a packet it delivers locally. */
import type { NoSocketFact } from '../facts';
import { netnsOf, type Narrator } from './context';

export const narrateNoSocket: Narrator<NoSocketFact> = (f, { cluster }) => {
  const ns = netnsOf(cluster, f.netns);
  const answer = f.answer === 'tcp-rst' ? 'a TCP reset' : 'an ICMP port unreachable';
  return {
    title: `nothing listens on ${f.proto.toUpperCase()} :${f.dst.port}: ${f.answer === 'tcp-rst' ? 'RST' : 'port unreachable'}`,
    narration: `On ${ns.label} no socket is bound to ${f.proto.toUpperCase()} ${f.dst.ip}:${f.dst.port}, so the kernel drops the packet and answers with ${answer}.`,
    why: 'Local delivery needs a socket for the destination address and port; without one the packet has nowhere to go.',
    actor: {
      kind: 'socket',
      name: 'socket lookup',
      text: `no ${f.proto} socket on ${f.dst.ip}:${f.dst.port}`,
      details: [],
      refs: [],
    },
  };
};
