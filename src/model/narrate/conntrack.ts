/** Words for conntrack: a connmark the connection carries, or NAT undone on a reply. */
import { hex } from '../addresses';
import type { ConntrackFact } from '../facts';
import { netnsOf, type Narrator } from './context';

export const narrateConntrack: Narrator<ConntrackFact> = (f, { cluster }) => {
  const ns = netnsOf(cluster, f.netns);
  if (f.op === 'connmark') {
    const e = f.entry;
    return {
      title: `conntrack: connmark ${hex(f.connmark)}`,
      narration: `Conntrack on ${ns.label} finds this packet's connection (${f.dir === 'reply' ? 'a reply' : 'the original direction'}), whose connmark is ${hex(f.connmark)}.`,
      why: 'A connmark is stored on the connection, not on the packet: every packet of the connection sees it in this namespace, and -m connmark rules match on it.',
      actor: {
        kind: 'conntrack',
        name: 'conntrack',
        text: `${e.proto} src=${e.src} dst=${e.dst} sport=${e.sport} dport=${e.dport} mark=${f.connmark}`,
        details: [`direction: ${f.dir}`],
        refs: [],
      },
    };
  }
  const { ip, port } = f.restored;
  return {
    title: `conntrack reverses the DNAT: source ${ip}:${port}`,
    narration: `On ${ns.label} conntrack rewrites the reply's source back to ${ip}:${port}, the address the client asked for.`,
    why: "The request was DNAT'ed on this node; conntrack undoes the translation on every reply, so the client sees an answer from the address it sent to.",
    actor: {
      kind: 'conntrack',
      name: 'conntrack NAT',
      text: `reply ${f.replyFrom.ip}:${f.replyFrom.port} → source ${ip}:${port}`,
      details: [],
      refs: [],
    },
  };
};
