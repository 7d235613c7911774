/** Words for a DNS answer: from ztunnel's DNS proxy, or from the cluster DNS outside the model. */
import type { DnsFact } from '../facts';
import type { Narrator } from './context';

export const narrateDns: Narrator<DnsFact> = (f) => {
  if (f.server === 'cluster-dns') {
    return {
      title: `CoreDNS answers ${f.answer} (not modelled)`,
      narration: `The query was not captured; CoreDNS on ${f.at} answers ${f.name} → ${f.answer}.`,
      why: "Only ambient pods' DNS is captured. This query went to the real cluster DNS, outside the nodes the walk models.",
      actor: {
        kind: 'dns',
        name: 'CoreDNS',
        text: `${f.name}. A ${f.answer}`,
        details: [],
        refs: [],
      },
    };
  }
  return {
    title: `ztunnel's DNS proxy answers ${f.answer}`,
    narration: `ztunnel's DNS proxy on :${f.listener.port} answers ${f.name} → ${f.answer} from its own workload data, without asking CoreDNS.`,
    why: 'ztunnel\'s source describes it as "A DNS server that serves known hostnames from ztunnel data structures. Unknown hosts are forwarded to an upstream resolver." (src/dns/server.rs).',
    actor: {
      kind: 'dns',
      name: `ztunnel DNS proxy :${f.listener.port}`,
      text: `${f.name}. A ${f.answer}`,
      details: [`VIP ${f.vip.ip}:${f.vip.port} → endpoints ${f.endpoints.join(', ')}`],
      refs: [
        {
          netns: f.netns,
          section: 'listeners',
          lineId: `listen/${f.listener.proto}/${f.listener.port}`,
        },
      ],
    },
  };
};
