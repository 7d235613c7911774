/**
 * The destination application (httpbin): it accepts the connection and reads the request. Who
 * it believes the client is depends on how the last proxy connected (original source or not).
 */
import type { Ipv4 } from '../addresses';
import { streamLayers } from '../packet';
import { fromArticle, inferred } from '../provenance';
import type { InpodRelease } from '../releases';
import type { Accepted, Walker } from '../walk/walker';
import { expectSocket, layerOf } from './common';
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
  const rel = w.cluster.release;
  if (rel.era === 'inpod') returnPath(w, acc, flow, rel);
  return {
    kind: w.client.ambient ? 'delivered' : 'not-captured',
    request: `${req?.method} ${req?.path}`,
    sourceSeen: src,
  };
}

/**
 * In a pod's netns the app's answer goes to a client address that is not in the pod (ztunnel
 * connected from it, transparently); the connmark 0x111 that M1 put on the connection comes back
 * as the packet mark in mangle OUTPUT (M2), and `ip rule … fwmark 0x111/0xfff lookup 100` sends
 * it to table 100's `local default dev lo`: it stays in the pod, for ztunnel's socket.
 */
function returnPath(w: Walker, acc: Accepted, flow: string, rel: InpodRelease): void {
  const synAck = w.replyFrom(acc.server, [], 'SYN,ACK');
  const back = `${flow} (answer)`;
  const ns = w.ns(acc.arrival.netns);
  w.hop('response', back, {
    fact: {
      kind: 'app',
      op: 'answer',
      process: acc.server.process,
      to: { ip: acc.server.remoteIp as Ipv4, port: acc.server.remotePort ?? 0 },
    },
    where: w.sim.where(ns, {
      anchor: 'proc',
      componentLabel: w.sim.pod(ns)?.shortName ?? ns.label,
    }),
    packetBefore: null,
    packetAfter: synAck,
    changes: ['*'],
    sources: [rel.src.iptablesLinux, rel.src.iptables],
    provenance: inferred(
      rel.src.iptables,
      'the connmark M1 set and M2 restores, with ip rule 32764 and table 100 (forEachInpodMarkIPRule, forEachLoopbackRoute): "Propagate/restore connmark (if we had one) for outbound"',
    ),
    uncertain:
      "No first-party capture shows a 1.24+ pod's ip rule and table 100: the two lines come from istio-cni's code (forEachInpodMarkIPRule, forEachLoopbackRoute) and the order of the return path is inferred from netfilter's (domain file §1.10 #3).",
    command: `kubectl debug -n ${w.sim.pod(ns)?.namespace ?? 'default'} ${w.sim.pod(ns)?.name.value ?? ''} -it --image=nicolaka/netshoot --profile=netadmin -- conntrack -L -m 0x111/0xfff`,
  });
  expectSocket(w.sendLeg('response', back, acc.server, synAck), "the app's answer to ztunnel");
}
