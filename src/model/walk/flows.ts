/**
 * What the processes do when a connection reaches them: curl in sleep, ztunnel's outbound,
 * inbound (HBONE) and plaintext listeners and its DNS proxy, the waypoint's Envoy, httpbin.
 * Each decision is a lookup in the cluster's data (ztunnel's workload store, the policies); the
 * packets they send go back through the kernel model.
 */
import type { Ipv4 } from '../addresses';
import type { PodInfo, PodRole } from '../cluster/types';
import { HTTPBIN_SERVICE, KUBE_DNS_SERVICE, EPHEMERAL, EPHEMERAL_PROV } from '../cluster/kind';
import type { Stage } from '../hop';
import type { Arrival } from '../kernel/stack';
import type { SocketEntry } from '../kernel/sim';
import {
  principalText,
  spiffeText,
  streamLayers,
  type IpPacket,
  type SpiffeId,
  type StreamLayer,
} from '../packet';
import { envoyRbac, ztunnelRbac } from '../policy/evaluate';
import { selects } from '../policy/translate';
import { fromArticle, illustrative, inferred, verified } from '../provenance';
import { SRC } from '../upstream';
import { serveConnect, servePlaintext } from '../ztunnel/inbound';
import { buildRequest, HBONE_PORT } from '../ztunnel/outbound';
import { fetchWorkload, policiesFor, workloadIdentity } from '../ztunnel/store';
import type { Accepted, Walker } from './walker';

export type Outcome =
  | {
      readonly kind: 'delivered' | 'not-captured';
      readonly request: string;
      readonly sourceSeen: Ipv4;
    }
  | { readonly kind: 'reply'; readonly packet: IpPacket };

type SocketArrival = Extract<Arrival, { kind: 'socket' }>;

function expectSocket(a: Arrival, what: string): SocketArrival {
  if (a.kind !== 'socket') {
    throw new Error(
      `${what}: the packet did not reach a socket (${a.kind}${a.kind === 'dropped' ? `: ${a.reason}` : ''})`,
    );
  }
  return a;
}

function pod(w: Walker, role: PodRole): PodInfo {
  const p = w.cluster.pods.find((x) => x.role === role);
  if (!p) throw new Error(`no ${role} pod`);
  return p;
}

function layerOf<K extends StreamLayer['kind']>(
  layers: readonly StreamLayer[],
  kind: K,
): Extract<StreamLayer, { kind: K }> | undefined {
  return layers.find((l) => l.kind === kind) as Extract<StreamLayer, { kind: K }> | undefined;
}

function ztunnelLog(w: Walker, node: string): string {
  const zt = w.cluster.pods.find((p) => p.role === 'ztunnel' && p.node === node);
  return `kubectl -n istio-system logs ${zt?.name.value ?? 'ds/ztunnel'} --tail=20`;
}

function configCmd(w: Walker, node: string): string {
  const zt = w.cluster.pods.find((p) => p.role === 'ztunnel' && p.node === node);
  return `kubectl -n istio-system port-forward ${zt?.name.value ?? 'ds/ztunnel'} 15000 & curl -s localhost:15000/config_dump`;
}

const stageOfListener = (sock: SocketEntry, w: Walker): Stage => {
  const proc = w.cluster.processes[sock.process];
  if (!proc) return 'destination-pod';
  if (proc.kind === 'ztunnel') {
    if (sock.listener?.name === 'outbound') return 'ztunnel-outbound';
    if (sock.listener?.name === 'DNS proxy') return 'dns';
    return 'ztunnel-inbound';
  }
  if (proc.kind === 'waypoint') return 'waypoint';
  return 'destination-pod';
};

/** The "accept()" hop: a listener takes the connection; its local address is the original destination. */
function acceptHop(w: Walker, acc: Accepted, flow: string): void {
  const ns = w.ns(acc.arrival.netns);
  const l = acc.arrival.socket.listener;
  const p = acc.arrival.packet;
  const proc = w.cluster.processes[acc.arrival.socket.process];
  const tproxied = p.skb.assignedSocket !== undefined;
  w.hop(stageOfListener(acc.arrival.socket, w), flow, {
    title: `${proc?.label ?? 'process'} accepts on :${l?.port} (${l?.name})`,
    narration: tproxied
      ? `${proc?.label} accepts the connection on its ${l?.name} listener :${l?.port}; the socket's local address is still the original destination ${p.ip.dst}:${p.l4.dport}.`
      : `${proc?.label} accepts the connection on :${l?.port} (${l?.name}) from ${p.ip.src}:${p.l4.sport}.`,
    why: tproxied
      ? 'TPROXY assigned the packet to this transparent (IP_TRANSPARENT) listener without rewriting it, so accept() returns a socket whose local address is the address the client dialled: that is how ztunnel learns the original destination.'
      : `${p.ip.dst} is an address of this namespace, and a process listens on port ${p.l4.dport}.`,
    where: w.sim.where(ns, { anchor: 'proc', componentLabel: proc?.label ?? ns.label }),
    actor: {
      kind: 'socket',
      name: `${l?.name ?? 'listener'} ${l?.ip}:${l?.port}`,
      text: `${p.ip.proto.toUpperCase()} LISTEN ${l?.ip === '0.0.0.0' ? '*' : l?.ip}:${l?.port}${l?.transparent ? ' (IP_TRANSPARENT)' : ''} → accepted ${p.ip.dst}:${p.l4.dport} ⇐ ${p.ip.src}:${p.l4.sport}`,
      details: [],
      refs: l
        ? [{ netns: ns.id, section: 'listeners', lineId: `listen/${l.proto}/${l.port}` }]
        : [],
    },
    packetBefore: p,
    packetAfter: p,
    changes: [],
    sources:
      l && (l.prov.kind === 'verified' || l.prov.kind === 'inferred')
        ? [l.prov.ref]
        : [SRC.httpbinSample],
    provenance: l?.prov ?? illustrative('listener'),
    command: w.command(ns, `ss -ltnp 'sport = :${l?.port}'`),
  });
}

// ---------------------------------------------------------------------------------------------
// DNS

/** curl's resolver asks for httpbin; with DNS capture the query is answered by ztunnel. */
export function dnsLookup(w: Walker): void {
  const sleep = pod(w, 'sleep');
  const sleepNs = w.ns(sleep.netns);
  const flow = 'DNS: sleep → kube-dns:53';
  const sock = w.socket({
    netns: sleep.netns,
    proto: 'udp',
    localIp: sleep.ip.value,
    localPort: EPHEMERAL.dns,
    remoteIp: KUBE_DNS_SERVICE.clusterIp,
    remotePort: 53,
    process: 'curl@sleep' as SocketEntry['process'],
  });
  const query = w.packetFrom(sock, [
    { kind: 'dns-query', name: HTTPBIN_SERVICE.hostname, qtype: 'A' },
  ]);
  w.hop('dns', flow, {
    title: `sleep asks kube-dns for ${HTTPBIN_SERVICE.hostname}`,
    narration: `curl resolves "httpbin": the resolver in sleep sends a UDP query for ${HTTPBIN_SERVICE.hostname} to kube-dns at ${KUBE_DNS_SERVICE.clusterIp}:53.`,
    why: 'Kubernetes gives every pod the cluster DNS Service as its resolver; the search path turns "httpbin" into httpbin.default.svc.cluster.local.',
    where: w.sim.where(sleepNs, { anchor: 'proc', componentLabel: 'curl in sleep' }),
    actor: {
      kind: 'app',
      name: 'resolver in sleep',
      text: `A? ${HTTPBIN_SERVICE.hostname} @${KUBE_DNS_SERVICE.clusterIp}`,
      details: [],
      refs: [],
    },
    packetBefore: null,
    packetAfter: query,
    changes: ['*'],
    sources: [SRC.kubeletDns, SRC.sleepSample],
    provenance: illustrative(
      'resolver behaviour of a Kubernetes pod; the source port is illustrative',
    ),
    command: 'kubectl exec deploy/sleep -- nslookup httpbin',
  });
  const a = w.sendLeg('dns', flow, sock, query);
  if (a.kind === 'left-cluster') {
    w.hop('dns', flow, {
      title: `CoreDNS answers ${HTTPBIN_SERVICE.clusterIp} (not modelled)`,
      narration: `The query was not captured; CoreDNS on ${a.to} answers ${HTTPBIN_SERVICE.hostname} → ${HTTPBIN_SERVICE.clusterIp}.`,
      why: "Only ambient pods' DNS is captured. This query went to the real cluster DNS, outside the two worker nodes the walk models.",
      where: {
        node: null,
        netns: 'wire',
        netnsLabel: 'the kind network',
        component: 'wire',
        componentLabel: 'CoreDNS',
        anchor: 'wire',
      },
      actor: {
        kind: 'dns',
        name: 'CoreDNS',
        text: `${HTTPBIN_SERVICE.hostname}. A ${HTTPBIN_SERVICE.clusterIp}`,
        details: [],
        refs: [],
      },
      packetBefore: a.packet,
      packetAfter: null,
      changes: ['*'],
      sources: [SRC.kubeletDns],
      provenance: illustrative('CoreDNS answer'),
      command: 'kubectl -n kube-system logs deploy/coredns',
    });
    return;
  }
  const arrived = expectSocket(a, 'DNS query');
  const ztNs = w.ns(arrived.netns);
  const answer: StreamLayer = {
    kind: 'dns-answer',
    name: HTTPBIN_SERVICE.hostname,
    answer: HTTPBIN_SERVICE.clusterIp,
  };
  const vip = w.cluster.ztunnelStore.vips.find((v) => v.hostname === HTTPBIN_SERVICE.hostname);
  const reply: IpPacket = {
    ip: { src: arrived.packet.ip.dst, dst: arrived.packet.ip.src, proto: 'udp' },
    l4: { sport: arrived.packet.l4.dport, dport: arrived.packet.l4.sport },
    skb: { mark: 0, connmark: 0 },
    payload: { kind: 'stream', layers: [answer] },
  };
  const assumed = !w.sim.isLocalAddress(ztNs, arrived.packet.ip.dst);
  w.hop('dns', flow, {
    title: `ztunnel's DNS proxy answers ${vip?.vip ?? '?'}`,
    narration: `ztunnel's DNS proxy on :15053 answers ${HTTPBIN_SERVICE.hostname} → ${vip?.vip} from its own workload data, without asking CoreDNS.`,
    why: '"A DNS server that serves known hostnames from ztunnel data structures. Unknown hosts are forwarded to an upstream resolver." (ztunnel src/dns/server.rs)',
    where: w.sim.where(ztNs, { anchor: 'proc', componentLabel: 'ztunnel DNS proxy' }),
    actor: {
      kind: 'dns',
      name: 'ztunnel DNS proxy :15053',
      text: `${HTTPBIN_SERVICE.hostname}. A ${vip?.vip}`,
      details: [`VIP ${vip?.vip}:${vip?.port} → endpoints ${vip?.endpoints.join(', ')}`],
      refs: [{ netns: ztNs.id, section: 'listeners', lineId: 'listen/udp/15053' }],
    },
    packetBefore: arrived.packet,
    packetAfter: reply,
    changes: ['*'],
    sources: [SRC.ztDns119],
    provenance: verified(SRC.ztDns119, 'DNS proxy, 1.19+'),
    command: configCmd(w, ztNs.node),
    ...(w.cluster.mode.mode === 'iptables'
      ? {
          uncertain:
            "Uncertain (domain file #1): ztunnel 1.18.0 has no DNS proxy, so on 1.18 this query would be DNAT'ed to a closed port. The walk shows 1.19–1.20, where ztunnel answers on :15053.",
        }
      : {}),
  });
  if (assumed) {
    w.hop('dns', flow, {
      title: 'the answer reaches sleep (path unconfirmed)',
      narration: `sleep's resolver gets ${vip?.vip} for ${HTTPBIN_SERVICE.hostname}.`,
      why: "How the answer returns with kube-dns's address as its source is not shown by the source either; the walk takes it as answered.",
      where: w.sim.where(sleepNs, { anchor: 'proc', componentLabel: 'curl in sleep' }),
      actor: {
        kind: 'assumption',
        name: 'unconfirmed step',
        text: 'DNS answer delivered to sleep',
        details: [],
        refs: [],
      },
      packetBefore: null,
      packetAfter: null,
      changes: ['*'],
      sources: [SRC.bpf120],
      provenance: inferred(SRC.bpf120, 'unconfirmed return path for DNS captured by eBPF'),
      command: 'kubectl exec deploy/sleep -- nslookup httpbin',
      uncertain:
        'Uncertain (domain file #2): the source does not show how eBPF-captured DNS reaches :15053 or returns.',
    });
    return;
  }
  const serverSock: SocketEntry = arrived.socket;
  const back = w.sendLeg('dns', flow, { ...serverSock, netns: arrived.netns }, reply);
  const got = expectSocket(back, 'DNS answer');
  w.hop('dns', flow, {
    title: `sleep's resolver gets ${vip?.vip} from ${got.packet.ip.src}`,
    narration: `The answer arrives from ${got.packet.ip.src}:${got.packet.l4.sport}, the address sleep asked, so the resolver accepts it: httpbin is ${vip?.vip}.`,
    why: "A resolver only accepts an answer from the server it queried; conntrack's NAT reversal on the node makes ztunnel's answer look like kube-dns's.",
    where: w.sim.where(sleepNs, { anchor: 'proc', componentLabel: 'curl in sleep' }),
    actor: {
      kind: 'app',
      name: 'resolver in sleep',
      text: `${HTTPBIN_SERVICE.hostname} → ${vip?.vip}`,
      details: [],
      refs: [],
    },
    packetBefore: got.packet,
    packetAfter: got.packet,
    changes: [],
    sources: [SRC.linuxConntrack],
    provenance: inferred(SRC.linuxConntrack, "resolver checks the answer's source"),
    command: 'kubectl exec deploy/sleep -- nslookup httpbin',
  });
}

// ---------------------------------------------------------------------------------------------
// The HTTP request

const REQUEST: StreamLayer = {
  kind: 'http-request',
  method: 'GET',
  path: '/get',
  host: `httpbin:${HTTPBIN_SERVICE.port}`,
  headers: { 'user-agent': 'curl/8.5.0', accept: '*/*' },
};

/** curl in sleep connects to httpbin's ClusterIP and sends GET /get. */
export function httpRequest(w: Walker, dnsOn: boolean): Outcome {
  const sleep = pod(w, 'sleep');
  const sleepNs = w.ns(sleep.netns);
  const flow = `curl: ${sleep.ip.value} → httpbin:${HTTPBIN_SERVICE.port}`;
  const sock = w.socket({
    netns: sleep.netns,
    localIp: sleep.ip.value,
    localPort: EPHEMERAL.curl,
    remoteIp: HTTPBIN_SERVICE.clusterIp,
    remotePort: HTTPBIN_SERVICE.port,
    process: 'curl@sleep' as SocketEntry['process'],
  });
  const syn = w.packetFrom(sock, [REQUEST]);
  w.hop('source-pod', flow, {
    title: `curl opens a connection to ${HTTPBIN_SERVICE.clusterIp}:${HTTPBIN_SERVICE.port}`,
    narration: `curl in sleep (${sleep.ip.value}) sends a SYN to httpbin's ClusterIP ${HTTPBIN_SERVICE.clusterIp}:${HTTPBIN_SERVICE.port}, to carry GET /get.`,
    why: dnsOn
      ? 'The name was resolved to the ClusterIP by the DNS lookup above. The application knows nothing of the mesh: it connects as it always would.'
      : 'DNS capture is off, so "httpbin" was resolved by kube-dns as usual. The application knows nothing of the mesh: it connects as it always would.',
    where: w.sim.where(sleepNs, { anchor: 'proc', componentLabel: 'curl in sleep' }),
    actor: {
      kind: 'app',
      name: 'curl in sleep',
      text: `curl -s http://httpbin:${HTTPBIN_SERVICE.port}/get`,
      details: [
        `connect(${HTTPBIN_SERVICE.clusterIp}:${HTTPBIN_SERVICE.port}) from ${sleep.ip.value}:${EPHEMERAL.curl}`,
      ],
      refs: [],
    },
    packetBefore: null,
    packetAfter: syn,
    changes: ['*'],
    sources: [SRC.sleepSample],
    provenance: EPHEMERAL_PROV,
    command: `kubectl exec deploy/sleep -- curl -sv http://httpbin:${HTTPBIN_SERVICE.port}/get`,
  });
  const a = expectSocket(w.sendLeg('app-request', flow, sock, syn), "sleep's SYN");
  const acc = w.accept(a, sock);
  acceptHop(w, acc, flow);
  return dispatch(w, acc, flow);
}

function dispatch(w: Walker, acc: Accepted, flow: string): Outcome {
  const proc = w.cluster.processes[acc.arrival.socket.process];
  const name = acc.arrival.socket.listener?.name;
  if (!proc) throw new Error(`no process ${acc.arrival.socket.process}`);
  switch (proc.kind) {
    case 'ztunnel':
      if (name === 'outbound') return ztunnelOutbound(w, acc);
      if (name === 'inbound (HBONE)') return ztunnelInbound(w, acc, flow);
      if (name === 'inbound plaintext') return ztunnelPlaintext(w, acc, flow);
      throw new Error(`ztunnel listener ${String(name)} does not take connections in the walk`);
    case 'waypoint':
      return waypoint(w, acc, flow);
    case 'httpbin':
      return httpbinReceives(w, acc, flow);
    case 'curl':
      throw new Error('curl does not accept connections');
  }
}

function httpbinReceives(w: Walker, acc: Accepted, flow: string): Outcome {
  const ns = w.ns(acc.arrival.netns);
  const req = layerOf(streamLayers(acc.arrival.packet), 'http-request');
  const src = acc.server.remoteIp as Ipv4;
  const sleep = pod(w, 'sleep');
  w.hop('destination-pod', flow, {
    title: `httpbin receives ${req?.method} ${req?.path} from ${src}`,
    narration: `httpbin accepts the connection from ${src}:${acc.server.remotePort} and reads ${req?.method} ${req?.path}: the request is delivered.`,
    why:
      src === sleep.ip.value
        ? "httpbin sees sleep's own IP as the client: ztunnel opened this connection with the original source address (IP_TRANSPARENT), not its own."
        : `httpbin sees ${src} as the client.`,
    where: w.sim.where(ns, { anchor: 'proc', componentLabel: 'httpbin' }),
    actor: {
      kind: 'app',
      name: 'httpbin',
      text: `${req?.method} ${req?.path} HTTP/1.1 — Host: ${req?.host}`,
      details: [],
      refs: [],
    },
    packetBefore: acc.arrival.packet,
    packetAfter: acc.arrival.packet,
    changes: [],
    sources: [SRC.httpbinSample],
    provenance: fromArticle("httpbin is the request's destination"),
    command: 'kubectl logs deploy/httpbin --tail=5',
  });
  return {
    kind: pod(w, 'sleep').ambient ? 'delivered' : 'not-captured',
    request: `${req?.method} ${req?.path}`,
    sourceSeen: src,
  };
}

// ---------------------------------------------------------------------------------------------
// ztunnel: outbound

function ztunnelOutbound(w: Walker, acc: Accepted): Outcome {
  const ns = w.ns(acc.arrival.netns);
  const node = ns.node;
  const store = w.cluster.ztunnelStore;
  const src = acc.server.remoteIp as Ipv4;
  const dst = acc.server.localIp;
  const port = acc.server.localPort;
  const d = buildRequest(store, node, src, dst, port);
  const flowIn = `curl: ${src} → httpbin:${port}`;
  const refs = [
    ...(d.source
      ? [
          {
            netns: ns.id,
            section: 'ztunnel-config' as const,
            lineId: `workload/${d.source.workloadIp}`,
          },
        ]
      : []),
    ...(d.upstream
      ? [
          {
            netns: ns.id,
            section: 'ztunnel-config' as const,
            lineId: `workload/${d.upstream.workload.workloadIp}`,
          },
        ]
      : []),
  ];
  if (d.source && d.source.waypointAddresses.length > 0) {
    w.note(
      `sleep has its own waypoint (${d.source.waypointAddresses.join(', ')}), and it is skipped: ztunnel consults only the destination's waypointAddresses. Waypoints are server-side only.`,
    );
  }
  const plan = d.plan;
  const ztLabel = `ztunnel on ${node}`;
  const decisionText =
    plan.kind === 'to-server-waypoint'
      ? `ToServerWaypoint: HBONE to ${plan.gateway.ip}:${plan.gateway.port}, :authority ${plan.authority}`
      : plan.kind === 'direct-hbone'
        ? `Direct: HBONE to ${plan.gateway.ip}:${plan.gateway.port}, :authority ${plan.authority}`
        : plan.kind === 'direct-local'
          ? `DirectLocal: node-local fast path to ${plan.target.ip}:${plan.target.port}`
          : plan.kind === 'error'
            ? `error: ${plan.reason}`
            : `${plan.kind}: plain TCP to ${plan.target.ip}:${plan.target.port}`;
  const logLine =
    plan.kind === 'direct-hbone'
      ? `proxy to ${plan.authority} using HBONE via ${plan.gateway.ip}:${plan.gateway.port} type Direct`
      : plan.kind === 'to-server-waypoint'
        ? `proxy to ${plan.authority} using HBONE via ${plan.gateway.ip}:${plan.gateway.port} type ToServerWaypoint`
        : plan.kind === 'direct-local'
          ? `proxying to ${plan.target.ip}:${plan.target.port} using node local fast path`
          : '';
  w.hop('ztunnel-outbound', flowIn, {
    title: `ztunnel decides: ${decisionText}`,
    narration: `${ztLabel} looks up the source ${src} and the original destination ${dst}:${port} in its workload data and picks ${decisionText}.`,
    why:
      plan.kind === 'to-server-waypoint'
        ? `httpbin's workload entry lists waypointAddresses ["${plan.gateway.ip}"], so the connection goes to its waypoint first; the :authority keeps the original VIP ("Use the original VIP, not translated").`
        : plan.kind === 'direct-local'
          ? 'The destination runs on this same node and speaks HBONE: ztunnel 1.18–1.20 skips HBONE and mTLS on the wire and hands the connection to its own inbound side in memory.'
          : "The destination speaks HBONE and has no waypoint: ztunnel tunnels straight to the pod's port 15008, carrying the real target in the CONNECT :authority.",
    where: w.sim.where(ns, { anchor: 'proc', componentLabel: ztLabel }),
    actor: {
      kind: 'ztunnel',
      name: 'ztunnel outbound (build_request)',
      text: decisionText,
      details: [...d.steps, ...(logLine ? [`log: ${logLine}`] : [])],
      refs,
    },
    packetBefore: acc.arrival.packet,
    packetAfter: acc.arrival.packet,
    changes: [],
    sources: [SRC.ztOutbound118],
    provenance: verified(SRC.ztOutbound118, 'build_request'),
    command: ztunnelLog(w, node),
  });
  if (plan.kind === 'error') throw new Error(plan.reason);

  const request = layerOf(streamLayers(acc.arrival.packet), 'http-request');
  const inner: StreamLayer[] = request ? [request] : [];

  if (plan.kind === 'to-server-waypoint' || plan.kind === 'direct-hbone') {
    const client = d.sourceIdentity as SpiffeId;
    const flow = `HBONE: ${src} → ${plan.gateway.ip}:${plan.gateway.port}`;
    const sock = w.socket({
      netns: ns.id,
      localIp: src,
      localPort: EPHEMERAL.ztunnelOut,
      remoteIp: plan.gateway.ip,
      remotePort: plan.gateway.port,
      process: acc.server.process,
      transparent: true,
    });
    const layers: StreamLayer[] = [
      { kind: 'tls', version: 'TLS 1.3', alpn: 'h2', client, server: plan.expectedIdentity },
      {
        kind: 'h2-connect',
        authority: plan.authority,
        headers: {
          forwarded: `for=${src}`,
          baggage: `k8s.cluster.name=Kubernetes,k8s.namespace.name=${d.source?.namespace},k8s.deployment.name=${d.source?.workloadName},service.name=${d.source?.canonicalName},service.version=${d.source?.canonicalRevision}`,
          traceparent: '00-5f4b2a0c9d1e3b7a8c6d2e4f1a3b5c7d-9e8d7c6b5a4f3e2d-00',
        },
      },
      ...inner,
    ];
    const syn = w.packetFrom(sock, layers);
    w.hop('ztunnel-outbound', flow, {
      title: `ztunnel dials HBONE: ${src} → ${plan.gateway.ip}:${plan.gateway.port}`,
      narration: `${ztLabel} opens a new TCP connection to ${plan.gateway.ip}:${plan.gateway.port} from sleep's address ${src} (spoofed), to carry TLS 1.3 + HTTP/2 CONNECT ${plan.authority}.`,
      why: 'HBONE: "HTTP CONNECT is used to establish a tunnel connection, mTLS is used to secure and encrypt that connection, and HTTP/2 is used to multiplex". In 1.18 ztunnel binds the client\'s IP (freebind_connect with IP_TRANSPARENT), so the source address survives the proxy.',
      where: w.sim.where(ns, { anchor: 'proc', componentLabel: ztLabel }),
      actor: {
        kind: 'ztunnel',
        name: 'ztunnel outbound: HBONE client',
        text: `TCP ${src}:${EPHEMERAL.ztunnelOut} → ${plan.gateway.ip}:${plan.gateway.port}; TLS 1.3 ALPN h2 as ${spiffeText(client)} expecting ${spiffeText(plan.expectedIdentity)}; CONNECT ${plan.authority}`,
        details: [
          'TLS: min = max = TLS1_3, ALPN h2, no SNI (boring.rs)',
          `client cert: ${spiffeText(client)}`,
          `server must present: ${spiffeText(plan.expectedIdentity)}`,
          `CONNECT :authority ${plan.authority}`,
        ],
        refs,
      },
      packetBefore: acc.arrival.packet,
      packetAfter: syn,
      changes: ['*'],
      sources: [SRC.ztOutbound118, SRC.ztTls118, SRC.hboneDoc],
      provenance: verified(
        SRC.ztOutbound118,
        'freebind_connect(local=remote_addr) when original source is enabled; CONNECT with the destination as :authority',
      ),
      command: ztunnelLog(w, node),
    });
    const arrival = expectSocket(w.sendLeg('hbone', flow, sock, syn), 'HBONE SYN');
    const next = w.accept(arrival, sock);
    acceptHop(w, next, flow);
    const r = dispatch(w, next, flow);
    if (r.kind !== 'reply') return r;
    return relayToDownstream(w, acc, r.packet, ztLabel);
  }

  if (plan.kind === 'direct-local') {
    const upstream = d.upstream?.workload;
    const rbac = ztunnelRbac(upstream ? policiesFor(store, upstream) : [], {
      principal: principalText(d.sourceIdentity as SpiffeId),
      namespace: d.sourceIdentity?.namespace,
      dstPort: plan.target.port,
    });
    policyHop(w, ns.id, 'ztunnel-inbound', flowIn, {
      where: `${ztLabel} (inbound side, in memory)`,
      decision: rbac,
      who: principalText(d.sourceIdentity as SpiffeId),
      target: `${plan.target.ip}:${plan.target.port}`,
      packet: acc.arrival.packet,
      node,
      extra:
        'On the fast path there is no HBONE: InboundConnect::DirectPath passes the connection to the inbound handler in memory, which still checks RBAC.',
    });
    if (!rbac.allowed) {
      return closeDownstream(
        w,
        acc,
        ztLabel,
        `RBAC rejected on the node-local fast path: ${rbac.reason}`,
      );
    }
    w.note(
      'Same node: ztunnel 1.18–1.20 uses the node-local fast path. No HBONE and no mTLS on the wire; RBAC is still checked.',
    );
    return connectToApp(
      w,
      ns.id,
      acc.server.process,
      src,
      plan.target,
      inner,
      'ztunnel-inbound',
      ztLabel,
    );
  }

  // plain-tcp / passthrough
  return connectToApp(
    w,
    ns.id,
    acc.server.process,
    src,
    plan.target,
    inner,
    'ztunnel-outbound',
    ztLabel,
  );
}

/** ztunnel (or the waypoint) opens the last connection, to the application's port. */
function connectToApp(
  w: Walker,
  netns: string,
  process: SocketEntry['process'],
  sourceIp: Ipv4,
  target: { ip: Ipv4; port: number },
  layers: readonly StreamLayer[],
  stage: Stage,
  label: string,
): Outcome {
  const ns = w.ns(netns);
  const flow = `${label} → ${target.ip}:${target.port}`;
  const sock = w.socket({
    netns: ns.id,
    localIp: sourceIp,
    localPort: EPHEMERAL.ztunnelIn,
    remoteIp: target.ip,
    remotePort: target.port,
    process,
    transparent: true,
  });
  const syn = w.packetFrom(sock, layers);
  w.hop(stage, flow, {
    title: `${label} connects to ${target.ip}:${target.port} as ${sourceIp}`,
    narration: `${label} opens the last connection, to ${target.ip}:${target.port}, binding the original client address ${sourceIp}.`,
    why: 'ztunnel 1.18 connects to the workload with the original source IP (IP_TRANSPARENT), so httpbin sees who really called it.',
    where: w.sim.where(ns, { anchor: 'proc', componentLabel: label }),
    actor: {
      kind: 'ztunnel',
      name: 'ztunnel inbound: connect to the workload',
      text: `TCP ${sourceIp}:${EPHEMERAL.ztunnelIn} → ${target.ip}:${target.port} (freebind_connect)`,
      details: [],
      refs: [],
    },
    packetBefore: null,
    packetAfter: syn,
    changes: ['*'],
    sources: [SRC.ztInbound118],
    provenance: verified(SRC.ztInbound118, 'handle_inbound: freebind_connect(orig_src, addr)'),
    command: ztunnelLog(w, ns.node),
  });
  const a = expectSocket(w.sendLeg('to-app', flow, sock, syn), 'connection to the workload');
  const acc = w.accept(a, sock);
  acceptHop(w, acc, flow);
  return dispatch(w, acc, flow);
}

function policyHop(
  w: Walker,
  netns: string,
  stage: Stage,
  flow: string,
  a: {
    where: string;
    decision: ReturnType<typeof ztunnelRbac>;
    who: string | undefined;
    target: string;
    packet: IpPacket;
    node: string;
    extra?: string;
  },
): void {
  const ns = w.ns(netns);
  const store = w.cluster.ztunnelStore;
  const dropped = store.policies.flatMap((p) =>
    p.dropped.map((x) => `${p.namespace}/${p.name}: ${x}`),
  );
  w.hop(stage, flow, {
    title: `L4 policy at ztunnel: ${a.decision.allowed ? 'allowed' : 'denied'}`,
    narration: `${a.where} checks the L4 AuthorizationPolicy for ${a.who ?? 'a client with no identity'} → ${a.target}: ${a.decision.reason}.`,
    why: [
      'L4 policy is enforced at the destination\'s ztunnel ("The actual enforcement point is at the receiving (server-side) ztunnel proxy").',
      a.extra ?? '',
      dropped.length ? `istiod dropped what ztunnel cannot see: ${dropped.join('; ')}.` : '',
    ]
      .filter(Boolean)
      .join(' '),
    where: w.sim.where(ns, { anchor: 'proc', componentLabel: a.where }),
    actor: {
      kind: 'policy',
      name: 'ztunnel RBAC (assert_rbac)',
      text: a.decision.reason,
      details: a.decision.evaluated.length
        ? a.decision.evaluated.map(
            (e) => `${e.policy} (${e.action}): ${e.matched ? 'matches' : 'does not match'}`,
          )
        : ['no AuthorizationPolicy selects this workload'],
      refs: a.decision.evaluated.map((e) => ({
        netns: ns.id,
        section: 'ztunnel-config' as const,
        lineId: `policy/${e.policy}`,
      })),
    },
    packetBefore: a.packet,
    packetAfter: a.packet,
    changes: [],
    sources: [
      SRC.ztRbac118,
      SRC.ztInbound118,
      SRC.l4PolicyDoc,
      ...(dropped.length ? [SRC.authzAmbient] : []),
    ],
    provenance: verified(SRC.ztRbac118, 'deny policies first; with allow policies one must match'),
    command: ztunnelLog(w, a.node),
  });
  if (dropped.length && !a.decision.allowed) {
    w.note(
      'The L7 policy reached ztunnel without its HTTP parts (method GET, path /get): with no waypoint to enforce them, ztunnel enforces the rest of the DENY rule, so every connection from sleep is denied, not just GET /get.',
    );
  }
}

// ---------------------------------------------------------------------------------------------
// ztunnel: inbound HBONE

function ztunnelInbound(w: Walker, acc: Accepted, flow: string): Outcome {
  const ns = w.ns(acc.arrival.netns);
  const node = ns.node;
  const store = w.cluster.ztunnelStore;
  const layers = streamLayers(acc.arrival.packet);
  const tls = layerOf(layers, 'tls');
  const connect = layerOf(layers, 'h2-connect');
  const inner = layers.filter((l) => l.kind !== 'tls' && l.kind !== 'h2-connect');
  const origDst = acc.server.localIp;
  const serverWl = fetchWorkload(store, origDst);
  const ztLabel = `ztunnel on ${node}`;
  const forwardedFor = /for=(\d+\.\d+\.\d+\.\d+)/.exec(connect?.headers.forwarded ?? '')?.[1] as
    Ipv4 | undefined;
  w.hop('ztunnel-inbound', flow, {
    title: `ztunnel terminates mTLS and reads CONNECT ${connect?.authority}`,
    narration: `${ztLabel} completes the TLS 1.3 handshake as ${serverWl ? spiffeText(workloadIdentity(store, serverWl)) : '?'} (chosen by the original destination ${origDst}), verifies the client ${tls ? spiffeText(tls.client) : '?'} and reads CONNECT ${connect?.authority}.`,
    why: "InboundCertProvider picks the certificate of the workload at the connection's original destination IP; the server requires a client certificate in the trust domain (FAIL_IF_NO_PEER_CERT).",
    where: w.sim.where(ns, { anchor: 'proc', componentLabel: ztLabel }),
    actor: {
      kind: 'ztunnel',
      name: 'ztunnel inbound: HBONE server (serve_connect)',
      text: `CONNECT ${connect?.authority} from ${tls ? spiffeText(tls.client) : 'unknown'}`,
      details: [
        `log: got CONNECT request to ${connect?.authority}`,
        ...Object.entries(connect?.headers ?? {}).map(([k, v]) => `${k}: ${v}`),
      ],
      refs: serverWl
        ? [{ netns: ns.id, section: 'ztunnel-config', lineId: `workload/${serverWl.workloadIp}` }]
        : [],
    },
    packetBefore: acc.arrival.packet,
    packetAfter: acc.arrival.packet,
    changes: [],
    sources: [SRC.ztInbound118, SRC.ztTls118],
    provenance: verified(SRC.ztInbound118, 'serve_connect; InboundCertProvider::fetch_cert'),
    command: ztunnelLog(w, node),
  });
  const d = serveConnect(store, {
    ...(tls ? { client: tls.client } : {}),
    clientIp: acc.server.remoteIp as Ipv4,
    origDst,
    authority: connect?.authority ?? '',
    ...(forwardedFor ? { forwardedFor } : {}),
  });
  const result = d.result;
  if (result.kind === 'hairpin-to-waypoint') throw new Error('HBONE is never hairpinned');
  if (result.kind === 'proxy' && result.fromWaypoint) {
    const upstream = d.destination;
    const skipped = upstream ? policiesFor(store, upstream) : [];
    w.hop('ztunnel-inbound', flow, {
      title: 'from the waypoint: L4 policy skipped',
      narration: `The client is httpbin's own waypoint, so ${ztLabel} skips L4 policy ("request from waypoint, skipping policy") and takes the original source from the Forwarded header: ${result.sourceIp}.`,
      why: "In 1.18–1.21 ztunnel trusts the destination's waypoint to have enforced policy; the check was removed in 1.22 (current ztunnel evaluates L4 policy with the waypoint's identity as the source).",
      where: w.sim.where(ns, { anchor: 'proc', componentLabel: ztLabel }),
      actor: {
        kind: 'policy',
        name: 'ztunnel inbound: check_waypoint',
        text: 'request from waypoint, skipping policy',
        details: d.steps,
        refs: skipped.map((p) => ({
          netns: ns.id,
          section: 'ztunnel-config' as const,
          lineId: `policy/${p.namespace}/${p.name}`,
        })),
      },
      packetBefore: acc.arrival.packet,
      packetAfter: acc.arrival.packet,
      changes: [],
      sources: [SRC.ztInbound118],
      provenance: verified(SRC.ztInbound118, 'check_waypoint; get_original_src_from_fwded'),
      command: ztunnelLog(w, node),
    });
    if (skipped.length > 0) {
      w.note(
        `The L4 policy ${skipped.map((p) => `${p.namespace}/${p.name}`).join(', ')} selects httpbin's pods, but ztunnel 1.18–1.21 skips L4 policy for connections from httpbin's waypoint, and the 1.18 waypoint only applies policies that select it (istio.io/gateway-name). The request is delivered. Attach the policy to the waypoint to enforce it there.`,
      );
    }
  } else if (result.kind === 'proxy' || (result.kind === 'reject' && result.rbac)) {
    policyHop(w, ns.id, 'ztunnel-inbound', flow, {
      where: ztLabel,
      decision: (result.kind === 'proxy' ? result.rbac : result.rbac) ?? {
        allowed: true,
        reason: 'no policy',
        evaluated: [],
      },
      who: tls ? principalText(tls.client) : undefined,
      target: connect?.authority ?? '',
      packet: acc.arrival.packet,
      node,
    });
  }
  if (result.kind === 'reject') {
    const status = result.status === 'closed' ? 401 : result.status;
    const reply = w.replyFrom(
      acc.server,
      [...layers.filter((l) => l.kind === 'tls'), { kind: 'h2-response', status }],
      'PSH,ACK',
    );
    w.hop('response', flow, {
      title: `ztunnel answers the CONNECT with ${status}`,
      narration: `${ztLabel} answers the HTTP/2 CONNECT with ${status} ${status === 401 ? 'Unauthorized' : ''}: the tunnel is refused and nothing reaches httpbin.`,
      why: `log: ${result.log}. serve_connect returns StatusCode::UNAUTHORIZED when RBAC rejects the connection.`,
      where: w.sim.where(ns, { anchor: 'proc', componentLabel: ztLabel }),
      actor: {
        kind: 'ztunnel',
        name: 'ztunnel inbound: CONNECT response',
        text: `:status ${status}`,
        details: [`log: ${result.log}`],
        refs: [],
      },
      packetBefore: acc.arrival.packet,
      packetAfter: reply,
      changes: ['*'],
      sources: [SRC.ztInbound118],
      provenance: verified(
        SRC.ztInbound118,
        'Response::builder().status(StatusCode::UNAUTHORIZED)',
      ),
      command: ztunnelLog(w, node),
    });
    const back = expectSocket(
      w.sendLeg('response', `${status} on the HBONE connection`, acc.server, reply),
      `${status} reply`,
    );
    return { kind: 'reply', packet: back.packet };
  }
  return connectToApp(
    w,
    ns.id,
    acc.server.process,
    result.sourceIp,
    result.target,
    inner,
    'ztunnel-inbound',
    ztLabel,
  );
}

// ---------------------------------------------------------------------------------------------
// ztunnel: inbound plaintext (15006)

function ztunnelPlaintext(w: Walker, acc: Accepted, flow: string): Outcome {
  const ns = w.ns(acc.arrival.netns);
  const node = ns.node;
  const store = w.cluster.ztunnelStore;
  const ztLabel = `ztunnel on ${node}`;
  const d = servePlaintext(store, {
    clientIp: acc.server.remoteIp as Ipv4,
    origDst: acc.server.localIp,
    port: acc.server.localPort,
  });
  const inner = streamLayers(acc.arrival.packet);
  w.hop('ztunnel-inbound', flow, {
    title: `plaintext inbound on :15006 for ${acc.server.localIp}:${acc.server.localPort}`,
    narration: `${ztLabel} receives a plaintext connection (no mTLS, so no identity) from ${acc.server.remoteIp} for ${acc.server.localIp}:${acc.server.localPort}.`,
    why: 'Traffic to a mesh pod that did not come over HBONE lands on 15006: ztunnel can still apply L4 policy, but the client has no SPIFFE identity.',
    where: w.sim.where(ns, { anchor: 'proc', componentLabel: ztLabel }),
    actor: {
      kind: 'ztunnel',
      name: 'ztunnel inbound plaintext (proxy_inbound_plaintext)',
      text: d.steps.join(' '),
      details: d.steps,
      refs: [],
    },
    packetBefore: acc.arrival.packet,
    packetAfter: acc.arrival.packet,
    changes: [],
    sources: [SRC.ztInboundPassthrough118],
    provenance: verified(SRC.ztInboundPassthrough118, 'proxy_inbound_plaintext'),
    command: ztunnelLog(w, node),
  });
  const r = d.result;
  if (r.kind === 'hairpin-to-waypoint') {
    w.note(
      'sleep is outside the mesh, but httpbin has a waypoint: ztunnel (1.18) hairpins the plaintext connection to the waypoint itself, without checking L4 policy first.',
    );
    const source = fetchWorkload(store, acc.server.remoteIp as Ipv4);
    const waypointWl = fetchWorkload(store, r.waypoint);
    if (!source || !waypointWl) throw new Error('hairpin needs a known source and waypoint');
    const ztIp = w.cluster.pods.find((p) => p.role === 'ztunnel' && p.node === node)?.ip
      .value as Ipv4;
    const hairFlow = `hairpin HBONE: ${ztIp} → ${r.waypoint}:${HBONE_PORT}`;
    const sock = w.socket({
      netns: ns.id,
      localIp: ztIp,
      localPort: EPHEMERAL.hairpin,
      remoteIp: r.waypoint,
      remotePort: HBONE_PORT,
      process: acc.server.process,
    });
    const authority = `${acc.server.localIp}:${acc.server.localPort}`;
    const layers: StreamLayer[] = [
      {
        kind: 'tls',
        version: 'TLS 1.3',
        alpn: 'h2',
        client: workloadIdentity(store, source),
        server: workloadIdentity(store, waypointWl),
      },
      { kind: 'h2-connect', authority, headers: { forwarded: `for=${acc.server.remoteIp}` } },
      ...inner,
    ];
    const syn = w.packetFrom(sock, layers);
    w.hop('ztunnel-inbound', hairFlow, {
      title: `ztunnel hairpins to the waypoint ${r.waypoint}:${HBONE_PORT}`,
      narration: `${ztLabel} forwards the connection to httpbin's waypoint over HBONE from its own address ${ztIp} ("Spoofing the source IP only works when the destination or the source are on our node").`,
      why: '"The request needs to go through the waypoint for policy enforcement. This can happen from clients that are not part of the mesh; they won\'t know to send to the waypoint."',
      where: w.sim.where(ns, { anchor: 'proc', componentLabel: ztLabel }),
      actor: {
        kind: 'ztunnel',
        name: 'ztunnel: hairpin to the waypoint',
        text: `HBONE ${ztIp}:${EPHEMERAL.hairpin} → ${r.waypoint}:${HBONE_PORT}, CONNECT ${authority}`,
        details: d.steps,
        refs: [],
      },
      packetBefore: acc.arrival.packet,
      packetAfter: syn,
      changes: ['*'],
      sources: [SRC.ztInboundPassthrough118, SRC.ztOutbound118],
      provenance: verified(
        SRC.ztInboundPassthrough118,
        'OutboundConnection::proxy_to with enable_original_source = Some(false)',
      ),
      command: ztunnelLog(w, node),
      uncertain: `Inferred: the hairpin goes through ztunnel's outbound path, which looks the source up by IP; the walk shows it presenting ${spiffeText(workloadIdentity(store, source))}. The domain file does not record which identity ztunnel presents here.`,
    });
    const arrival = expectSocket(w.sendLeg('hairpin', hairFlow, sock, syn), 'hairpin SYN');
    const next = w.accept(arrival, sock);
    acceptHop(w, next, hairFlow);
    const res = dispatch(w, next, hairFlow);
    if (res.kind !== 'reply') return res;
    return relayToDownstream(w, acc, res.packet, ztLabel);
  }
  if (r.kind === 'reject') {
    if (r.rbac) {
      policyHop(w, ns.id, 'ztunnel-inbound', flow, {
        where: ztLabel,
        decision: r.rbac,
        who: undefined,
        target: `${acc.server.localIp}:${acc.server.localPort}`,
        packet: acc.arrival.packet,
        node,
      });
    }
    return closeDownstream(
      w,
      acc,
      ztLabel,
      `${r.log}: the accepted socket is closed (1.18 inbound_passthrough: return Ok(()))`,
    );
  }
  if (r.kind === 'proxy') {
    if (r.rbac) {
      policyHop(w, ns.id, 'ztunnel-inbound', flow, {
        where: ztLabel,
        decision: r.rbac,
        who: undefined,
        target: `${r.target.ip}:${r.target.port}`,
        packet: acc.arrival.packet,
        node,
      });
      const store2 = w.cluster.policies;
      if (store2.some((p) => p.action === 'DENY') && r.rbac.allowed) {
        w.note(
          "The DENY rule names sleep's principal, but a client outside the mesh arrives in plaintext with no identity, so the rule cannot match: the request is allowed. Deny by default with ALLOW policies instead.",
        );
      }
    }
    return connectToApp(
      w,
      ns.id,
      acc.server.process,
      r.sourceIp,
      r.target,
      inner,
      'ztunnel-inbound',
      ztLabel,
    );
  }
  throw new Error('unexpected plaintext decision');
}

// ---------------------------------------------------------------------------------------------
// Waypoint (Envoy)

function waypoint(w: Walker, acc: Accepted, flow: string): Outcome {
  const ns = w.ns(acc.arrival.netns);
  const store = w.cluster.ztunnelStore;
  const wpPod = w.cluster.pods.find((p) => p.netns === ns.id) as PodInfo;
  const layers = streamLayers(acc.arrival.packet);
  const tls = layerOf(layers, 'tls');
  const connect = layerOf(layers, 'h2-connect');
  const req = layerOf(layers, 'http-request');
  const label = `waypoint ${wpPod.name.value}`;
  const wpId: SpiffeId = {
    trustDomain: store.trustDomain,
    namespace: wpPod.namespace,
    serviceAccount: wpPod.serviceAccount,
  };
  w.hop('waypoint', flow, {
    title: `waypoint terminates HBONE: CONNECT ${connect?.authority}`,
    narration: `The waypoint (Envoy) terminates HBONE on :15008 (connect_terminate) as ${spiffeText(wpId)}, sees the client ${tls ? spiffeText(tls.client) : '?'} and the request ${req?.method} ${req?.path} for ${connect?.authority}.`,
    why: 'The waypoint is an Envoy "configured to exactly match the IP and port of the destination workload, enforce any L7 authentication rules and forward the request to the destination" (the article). connect_terminate → main_internal (policy, VIP matching) → connect_originate.',
    where: w.sim.where(ns, { anchor: 'proc', componentLabel: label }),
    actor: {
      kind: 'waypoint',
      name: 'Envoy connect_terminate → main_internal',
      text: `CONNECT ${connect?.authority}; ${req?.method} ${req?.path}`,
      details: [
        'listener connect_terminate (:15008)',
        'internal listener main_internal: L7 policy, routing',
        'cluster connect_originate (ORIGINAL_DST): new HBONE',
      ],
      refs: [],
    },
    packetBefore: acc.arrival.packet,
    packetAfter: acc.arrival.packet,
    changes: [],
    sources: [SRC.waypointBlog2023],
    provenance: verified(
      SRC.waypointBlog2023,
      'connect_terminate / main_internal / connect_originate',
    ),
    command: `istioctl proxy-config listeners deploy/${wpPod.serviceAccount}`,
  });
  const policies = w.cluster.policies.filter((p) => selects(p, wpPod.labels));
  const [authIp, authPort] = (connect?.authority ?? ':').split(':');
  const decision = envoyRbac(policies, {
    ...(tls ? { principal: principalText(tls.client), namespace: tls.client.namespace } : {}),
    dstPort: Number(authPort),
    method: req?.method ?? 'GET',
    path: req?.path ?? '/',
  });
  w.hop('waypoint', flow, {
    title: `L7 policy at the waypoint: ${decision.allowed ? 'allowed' : '403'}`,
    narration: `Envoy's RBAC filter checks ${req?.method} ${req?.path} from ${tls ? principalText(tls.client) : 'no identity'}: ${decision.reason}.`,
    why: "L7 attributes (methods, paths) are enforced by the waypoint; in 1.18 a policy applies to a waypoint when its selector matches the waypoint's istio.io/gateway-name label.",
    where: w.sim.where(ns, { anchor: 'proc', componentLabel: label }),
    actor: {
      kind: 'policy',
      name: 'Envoy RBAC (waypoint)',
      text: decision.reason,
      details: decision.evaluated.length
        ? decision.evaluated.map(
            (e) => `${e.policy} (${e.action}): ${e.matched ? 'matches' : 'does not match'}`,
          )
        : ['no AuthorizationPolicy selects the waypoint'],
      refs: [],
    },
    packetBefore: acc.arrival.packet,
    packetAfter: acc.arrival.packet,
    changes: [],
    sources: [SRC.gettingStartedSnips, SRC.waypointBlog2023],
    provenance: decision.allowed
      ? verified(SRC.waypointBlog2023, 'main_internal applies policy')
      : inferred(
          SRC.gettingStartedSnips,
          'body "RBAC: access denied" is verified; status 403 is Envoy RBAC\'s standard response',
        ),
    command: `kubectl logs deploy/${wpPod.serviceAccount} --tail=5`,
  });
  if (!decision.allowed) {
    const reply = w.replyFrom(
      acc.server,
      [
        ...layers.filter((l) => l.kind === 'tls' || l.kind === 'h2-connect'),
        { kind: 'http-response', status: 403, reason: 'Forbidden', body: 'RBAC: access denied' },
      ],
      'PSH,ACK',
    );
    w.hop('response', flow, {
      title: 'waypoint answers 403 RBAC: access denied',
      narration:
        'Envoy answers the request inside the tunnel with HTTP 403 and the body "RBAC: access denied"; nothing is sent on to httpbin.',
      why: 'An L7 deny is an HTTP answer, not a dropped connection: the client gets a response it can read.',
      where: w.sim.where(ns, { anchor: 'proc', componentLabel: label }),
      actor: {
        kind: 'waypoint',
        name: 'Envoy RBAC deny',
        text: 'HTTP/1.1 403 Forbidden — RBAC: access denied',
        details: [],
        refs: [],
      },
      packetBefore: acc.arrival.packet,
      packetAfter: reply,
      changes: ['*'],
      sources: [SRC.gettingStartedSnips],
      provenance: inferred(SRC.gettingStartedSnips, "body verified; 403 is Envoy RBAC's status"),
      command: `kubectl logs deploy/${wpPod.serviceAccount} --tail=5`,
    });
    const back = expectSocket(
      w.sendLeg('response', '403 inside the HBONE tunnel', acc.server, reply),
      '403 reply',
    );
    return { kind: 'reply', packet: back.packet };
  }
  // Routing: a VIP resolves to an endpoint (Envoy EDS); a pod IP is its own endpoint.
  const svc = w.cluster.services.find((s) => s.clusterIp.value === authIp);
  const port = svc?.ports.find((p) => p.port === Number(authPort));
  const endpoint = (svc?.endpoints[0]?.ip ?? authIp) as Ipv4;
  const targetPort = port?.targetPort ?? Number(authPort);
  const upstream = fetchWorkload(store, endpoint);
  if (!upstream) throw new Error(`waypoint: unknown endpoint ${endpoint}`);
  const originalClient = (/for=(\d+\.\d+\.\d+\.\d+)/.exec(connect?.headers.forwarded ?? '')?.[1] ??
    acc.server.remoteIp) as Ipv4;
  const outFlow = `HBONE: waypoint → ${endpoint}:${HBONE_PORT}`;
  const sock = w.socket({
    netns: ns.id,
    localIp: wpPod.ip.value,
    localPort: EPHEMERAL.waypointOut,
    remoteIp: endpoint,
    remotePort: HBONE_PORT,
    process: acc.server.process,
  });
  const out: StreamLayer[] = [
    {
      kind: 'tls',
      version: 'TLS 1.3',
      alpn: 'h2',
      client: wpId,
      server: workloadIdentity(store, upstream),
    },
    {
      kind: 'h2-connect',
      authority: `${endpoint}:${targetPort}`,
      headers: { forwarded: `for=${originalClient}` },
    },
    ...(req ? [req] : []),
  ];
  const syn = w.packetFrom(sock, out);
  w.hop('waypoint', outFlow, {
    title: `connect_originate: HBONE to ${endpoint}:${HBONE_PORT}`,
    narration: `The waypoint picks the endpoint ${endpoint}:${targetPort} and opens a new HBONE connection to ${endpoint}:${HBONE_PORT} from its own address ${wpPod.ip.value}, as ${spiffeText(wpId)}.`,
    why: "A waypoint is a full proxy: the connection from ztunnel ends here and a new one, with the waypoint's identity, goes to the chosen pod.",
    where: w.sim.where(ns, { anchor: 'proc', componentLabel: label }),
    actor: {
      kind: 'waypoint',
      name: 'Envoy connect_originate',
      text: `HBONE ${wpPod.ip.value}:${EPHEMERAL.waypointOut} → ${endpoint}:${HBONE_PORT}, CONNECT ${endpoint}:${targetPort}`,
      details: [
        `${svc ? `VIP ${authIp}:${authPort} → endpoint ${endpoint}:${targetPort}` : `pod ${endpoint}:${targetPort}`}`,
        `Forwarded: for=${originalClient}`,
      ],
      refs: [],
    },
    packetBefore: acc.arrival.packet,
    packetAfter: syn,
    changes: ['*'],
    sources: [SRC.waypointBlog2023, SRC.ztInbound118],
    provenance: verified(SRC.waypointBlog2023, 'connect_originate → HBONE to <pod IP>:15008'),
    command: `istioctl proxy-config clusters deploy/${wpPod.serviceAccount}`,
    uncertain:
      "Inferred: that the waypoint sets the Forwarded header ztunnel reads (get_original_src_from_fwded) is not shown by the domain file; the header name and ztunnel's use of it are.",
  });
  const arrival = expectSocket(w.sendLeg('waypoint-out', outFlow, sock, syn), 'waypoint HBONE SYN');
  const next = w.accept(arrival, sock);
  acceptHop(w, next, outFlow);
  const r = dispatch(w, next, outFlow);
  if (r.kind !== 'reply') return r;
  return relayToDownstream(w, acc, r.packet, label);
}

// ---------------------------------------------------------------------------------------------
// Answers travelling back

/** A proxy got an answer on its upstream connection and passes it to its downstream client. */
function relayToDownstream(
  w: Walker,
  acc: Accepted,
  upstreamReply: IpPacket,
  label: string,
): Outcome {
  const ns = w.ns(acc.arrival.netns);
  const layers = streamLayers(upstreamReply);
  const connectStatus = layerOf(layers, 'h2-response')?.status;
  const http = layerOf(layers, 'http-response');
  if (http) {
    const reply = w.replyFrom(acc.server, [http], 'PSH,ACK');
    w.hop('response', `${http.status} to the client`, {
      title: `${label} relays ${http.status} to its client`,
      narration: `${label} passes the ${http.status} answer from the tunnel on to its client over the original connection.`,
      why: 'The proxy relays bytes between the two connections; an HTTP answer from the waypoint travels back the way the request came.',
      where: w.sim.where(ns, { anchor: 'proc', componentLabel: label }),
      actor: {
        kind: w.cluster.processes[acc.server.process]?.kind === 'waypoint' ? 'waypoint' : 'ztunnel',
        name: 'relay',
        text: `HTTP ${http.status} ${http.reason}`,
        details: [],
        refs: [],
      },
      packetBefore: upstreamReply,
      packetAfter: reply,
      changes: ['*'],
      sources: [SRC.ztProxy118],
      provenance: verified(SRC.ztProxy118, 'relay / copy_hbone between the two connections'),
      command: ztunnelLog(w, ns.node),
    });
    const back = expectSocket(
      w.sendLeg('response', `${http.status} to the client`, acc.server, reply),
      'relayed answer',
    );
    return { kind: 'reply', packet: back.packet };
  }
  return closeDownstream(
    w,
    acc,
    label,
    connectStatus !== undefined
      ? `the CONNECT was answered ${connectStatus}: the tunnel is refused`
      : 'the upstream connection was closed',
    upstreamReply,
  );
}

/** A proxy tears down its client's connection (with unread data, the kernel sends a reset). */
function closeDownstream(
  w: Walker,
  acc: Accepted,
  label: string,
  reason: string,
  trigger?: IpPacket,
): Outcome {
  const ns = w.ns(acc.arrival.netns);
  const rst = w.replyFrom(acc.server, [], 'RST,ACK');
  w.hop('response', 'reset to the client', {
    title: `${label} closes the client's connection: RST`,
    narration: `${label} closes the connection it accepted from ${acc.server.remoteIp}:${acc.server.remotePort}; with the request still unread, the kernel answers with a reset.`,
    why: `${reason}. "# this should fail with a connection reset error code 56" (istio.io getting-started).`,
    where: w.sim.where(ns, { anchor: 'proc', componentLabel: label }),
    actor: { kind: 'ztunnel', name: 'close()', text: 'TCP RST', details: [reason], refs: [] },
    packetBefore: trigger ?? acc.arrival.packet,
    packetAfter: rst,
    changes: ['*'],
    sources: [SRC.gettingStartedSnips, SRC.ztInbound118],
    provenance: inferred(
      SRC.gettingStartedSnips,
      'curl exit 56 is verified; that the kernel sends an RST is inferred (domain file, uncertain #10)',
    ),
    command: ztunnelLog(w, ns.node),
  });
  const back = expectSocket(w.sendLeg('response', 'reset to the client', acc.server, rst), 'reset');
  return { kind: 'reply', packet: back.packet };
}
