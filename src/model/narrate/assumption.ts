/** Words for a step the source does not confirm: what the walk assumes, from the data that declares it. */
import type { AssumptionFact } from '../facts';
import { clientName, netnsOf, type Narrator } from './context';
import { sentence } from './prose';

export const narrateAssumption: Narrator<AssumptionFact> = (f, { cluster }) => {
  if (f.about === 'dns-answer-return') {
    const client = clientName(cluster);
    const req = cluster.request;
    const vip = cluster.ztunnelStore.vips.find((v) => v.hostname === req.hostname)?.vip;
    return {
      title: `the answer reaches ${client} (path unconfirmed)`,
      narration: `${client}'s resolver gets ${vip} for ${req.hostname}.`,
      why: `How the answer returns with ${req.dnsServer.name}'s address as its source is not shown by the source either; the walk takes it as answered.`,
      actor: {
        kind: 'assumption',
        name: 'unconfirmed step',
        text: `DNS answer delivered to ${client}`,
        details: [],
        refs: [],
      },
    };
  }
  const about = f.about;
  const a = netnsOf(cluster, f.netns).assumptions.find((x) => x.id === about.assumption);
  const text = a?.text ?? about.assumption;
  return {
    title: `unconfirmed: delivered to :${about.port}`,
    narration: `${text} — the source does not show how.`,
    why: sentence(a?.prov.kind === 'inferred' ? a.prov.note : text),
    actor: { kind: 'assumption', name: 'unconfirmed step', text, details: [], refs: [] },
  };
};
