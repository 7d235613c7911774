/**
 * The client application (curl in the source pod): it resolves the destination's name, connects
 * to the address it got and sends the request. It knows nothing of the mesh; what happens to
 * its packets is up to the kernel and the proxies.
 */
import { EPHEMERAL, EPHEMERAL_PROV } from '../cluster/kind';
import type { SocketEntry } from '../kernel/sim';
import type { IpPacket, StreamLayer } from '../packet';
import { illustrative, inferred } from '../provenance';
import { SRC } from '../upstream';
import type { Walker } from '../walk/walker';
import { acceptHop, expectSocket } from './common';
import type { Outcome } from './types';

/** Whether the name resolved, and if not, why. */
export type Resolution =
  { readonly kind: 'resolved' } | { readonly kind: 'failed'; readonly error: string };

/**
 * curl's resolver asks for the destination's name; the answer comes back, leaves the model (the
 * cluster DNS answers), or is refused (nothing listens where the query was sent).
 */
export function resolve(w: Walker): Resolution {
  const client = w.client;
  const req = w.cluster.request;
  const ns = w.ns(client.netns);
  const flow = `DNS: ${client.shortName} → ${req.dnsServer.name}:${req.dnsServer.port}`;
  const sock = w.socket({
    netns: client.netns,
    proto: 'udp',
    localIp: client.ip.value,
    localPort: EPHEMERAL.dns,
    remoteIp: req.dnsServer.ip,
    remotePort: req.dnsServer.port,
    process: w.clientProcess,
  });
  const query = w.packetFrom(sock, [{ kind: 'dns-query', name: req.hostname, qtype: 'A' }]);
  w.hop('dns', flow, {
    fact: {
      kind: 'app',
      op: 'dns-query',
      process: w.clientProcess,
      name: req.hostname,
      server: { ip: req.dnsServer.ip, port: req.dnsServer.port },
    },
    where: w.sim.where(ns, { anchor: 'proc', componentLabel: w.clientLabel }),
    packetBefore: null,
    packetAfter: query,
    changes: ['*'],
    sources: [SRC.kubeletDns, w.cluster.release.src.sleepSample],
    provenance: illustrative(
      'resolver behaviour of a Kubernetes pod; the source port is illustrative',
    ),
    command: `kubectl exec deploy/${client.shortName} -- nslookup ${req.shortName}`,
  });
  const a = w.sendLeg('dns', flow, sock, query);
  if (a.kind === 'left-cluster') {
    w.hop('dns', flow, {
      fact: {
        kind: 'dns',
        server: 'cluster-dns',
        name: req.hostname,
        answer: req.vip,
        at: a.to,
      },
      where: {
        node: null,
        netns: 'wire',
        netnsLabel: w.cluster.network.label,
        component: 'wire',
        componentLabel: 'CoreDNS',
        anchor: 'wire',
      },
      packetBefore: a.packet,
      packetAfter: null,
      changes: ['*'],
      sources: [SRC.kubeletDns],
      provenance: illustrative('CoreDNS answer'),
      command: 'kubectl -n kube-system logs deploy/coredns',
    });
    return { kind: 'resolved' };
  }
  if (a.kind === 'dropped') {
    const error = `Could not resolve host: ${req.shortName}`;
    w.hop('dns', flow, {
      fact: {
        kind: 'app',
        op: 'dns-failed',
        process: w.clientProcess,
        name: req.hostname,
        error,
      },
      where: w.sim.where(ns, { anchor: 'proc', componentLabel: w.clientLabel }),
      packetBefore: null,
      packetAfter: null,
      changes: [],
      sources: [SRC.kubeletDns, SRC.linuxUdp],
      provenance: inferred(
        SRC.linuxUdp,
        'the query was refused (ICMP port unreachable) and the pod has no other resolver; not run on a cluster',
      ),
      command: `kubectl exec deploy/${client.shortName} -- nslookup ${req.shortName}`,
      uncertain:
        "Not run on a cluster (domain file, uncertain #1): ztunnel 1.18.0 has no DNS proxy, so the query DNAT'ed to :15053 finds nothing listening; the walk takes the resolver's failure, curl's \"Could not resolve host\" (exit 6).",
    });
    if (!w.cluster.release.ztunnel.dnsProxy)
      w.teach({ kind: 'no-dns-proxy', release: w.cluster.release.tags.ztunnel });
    return { kind: 'failed', error };
  }
  const arrived = expectSocket(a, 'DNS query');
  const answer = w.answerDatagram(arrived, flow);
  if (answer.returnPath === 'unconfirmed') {
    // The code the capture assumption was read in is where its way back is missing too.
    const code =
      w.ns(arrived.netns).assumptions.find((x) => x.dport === arrived.packet.l4.dport)
        ?.sources[0] ?? SRC.linuxUdp;
    w.hop('dns', flow, {
      fact: { kind: 'assumption', netns: ns.id, about: 'dns-answer-return' },
      where: w.sim.where(ns, { anchor: 'proc', componentLabel: w.clientLabel }),
      packetBefore: null,
      packetAfter: null,
      changes: ['*'],
      sources: [code],
      provenance: inferred(code, 'unconfirmed return path for DNS captured by eBPF'),
      command: `kubectl exec deploy/${client.shortName} -- nslookup ${req.shortName}`,
      uncertain:
        'Uncertain (domain file #2): the source does not show how eBPF-captured DNS reaches :15053 or returns.',
    });
    return { kind: 'resolved' };
  }
  const back = w.sendLeg('dns', flow, { ...arrived.socket, netns: arrived.netns }, answer.reply);
  const got = expectSocket(back, 'DNS answer');
  const layer = answer.reply.payload.kind === 'stream' ? answer.reply.payload.layers[0] : undefined;
  w.hop('dns', flow, {
    fact: {
      kind: 'app',
      op: 'dns-answer',
      process: w.clientProcess,
      name: req.hostname,
      answer: layer?.kind === 'dns-answer' ? layer.answer : req.vip,
      from: { ip: got.packet.ip.src, port: got.packet.l4.sport },
    },
    where: w.sim.where(ns, { anchor: 'proc', componentLabel: w.clientLabel }),
    packetBefore: got.packet,
    packetAfter: got.packet,
    changes: [],
    sources: [SRC.linuxConntrack],
    provenance: inferred(SRC.linuxConntrack, "resolver checks the answer's source"),
    command: `kubectl exec deploy/${client.shortName} -- nslookup ${req.shortName}`,
  });
  return { kind: 'resolved' };
}

/** curl connects to the destination's address and sends the request. */
export function request(w: Walker, resolvedByCapturedDns: boolean): Outcome {
  const client = w.client;
  const req = w.cluster.request;
  const ns = w.ns(client.netns);
  const flow = `curl: ${client.ip.value} → ${req.shortName}:${req.port}`;
  const sock = w.socket({
    netns: client.netns,
    localIp: client.ip.value,
    localPort: EPHEMERAL.curl,
    remoteIp: req.vip,
    remotePort: req.port,
    process: w.clientProcess,
  });
  const http: StreamLayer = {
    kind: 'http-request',
    method: req.method,
    path: req.path,
    host: `${req.shortName}:${req.port}`,
    headers: req.headers,
  };
  const syn: IpPacket = w.packetFrom(sock, [http]);
  w.hop('source-pod', flow, {
    fact: {
      kind: 'app',
      op: 'connect',
      process: w.clientProcess,
      from: { ip: client.ip.value, port: EPHEMERAL.curl },
      to: { ip: req.vip, port: req.port },
      hostname: req.shortName,
      request: { method: req.method, path: req.path, host: http.host },
      resolvedBy: resolvedByCapturedDns ? 'captured-dns' : 'cluster-dns',
    },
    where: w.sim.where(ns, { anchor: 'proc', componentLabel: w.clientLabel }),
    packetBefore: null,
    packetAfter: syn,
    changes: ['*'],
    sources: [w.cluster.release.src.sleepSample],
    provenance: EPHEMERAL_PROV,
    command: `kubectl exec deploy/${client.shortName} -- curl -sv http://${req.shortName}:${req.port}${req.path}`,
  });
  const a = expectSocket(w.sendLeg('app-request', flow, sock, syn), `${client.shortName}'s SYN`);
  const acc = w.accept(a, sock as SocketEntry);
  acceptHop(w, acc, flow);
  return w.deliver(acc, flow);
}
