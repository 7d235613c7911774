/**
 * The narrators: one per kind of fact, each writing a hop's title, narration, why and the actor
 * as shown, from the recorded facts and the cluster's data. Nothing downstream decides from
 * these words; they are for readers.
 */
import type { Cluster } from '../cluster/types';
import type { HopRecord, HopWords } from '../hop';
import { narrateApp } from './app';
import { narrateAssumption } from './assumption';
import { narrateConntrack } from './conntrack';
import type { NarrateContext } from './context';
import { narrateGeneve, narrateVeth, narrateWire } from './devices';
import { narrateNoSocket } from './kernelMisc';
import { narrateDns } from './dns';
import { narrateTc } from './ebpf';
import { narrateNetfilter } from './netfilter';
import { narrateNftables } from './nftables';
import { narratePolicy } from './policy';
import { narrateProxyReply } from './proxy';
import { narrateRoute } from './routing';
import { narrateAccept } from './socket';
import { narrateWaypoint } from './waypoint';
import { narrateZtunnel } from './ztunnel';

export { narrateLesson } from './lessons';

/** Writes the words for one recorded hop. */
export function narrate(record: HopRecord, cluster: Cluster): HopWords {
  const ctx: NarrateContext = { cluster, record };
  const f = record.fact;
  switch (f.kind) {
    case 'netfilter':
      return narrateNetfilter(f, ctx);
    case 'nftables':
      return narrateNftables(f, ctx);
    case 'route':
      return narrateRoute(f, ctx);
    case 'conntrack':
      return narrateConntrack(f, ctx);
    case 'tc':
      return narrateTc(f, ctx);
    case 'geneve':
      return narrateGeneve(f, ctx);
    case 'veth':
      return narrateVeth(f, ctx);
    case 'wire':
      return narrateWire(f, ctx);
    case 'accept':
      return narrateAccept(f, ctx);
    case 'app':
      return narrateApp(f, ctx);
    case 'dns':
      return narrateDns(f, ctx);
    case 'assumption':
      return narrateAssumption(f, ctx);
    case 'ztunnel':
      return narrateZtunnel(f, ctx);
    case 'policy':
      return narratePolicy(f, ctx);
    case 'waypoint':
      return narrateWaypoint(f, ctx);
    case 'relay':
    case 'close':
      return narrateProxyReply(f, ctx);
    case 'no-socket':
      return narrateNoSocket(f, ctx);
  }
}
