/**
 * What every process behaviour needs: reading a connection's layers, the accept() hop, and the
 * live commands that show a proxy's logs and configuration. Not a process itself.
 */
import type { Arrival } from '../kernel/stack';
import type { StreamLayer } from '../packet';
import { illustrative } from '../provenance';
import type { Stage } from '../hop';
import { WalkStopped } from '../stopped';
import type { Accepted, Walker } from '../walk/walker';
import type { SocketArrival } from './types';

/** The arrival as a socket, or a clear error naming what did not arrive. */
export function expectSocket(a: Arrival, what: string): SocketArrival {
  if (a.kind !== 'socket') {
    // Nothing listening answers a SYN with a reset (refused); anything else never answers.
    const refused = a.kind === 'dropped' && /nothing listens/.test(a.reason);
    throw new WalkStopped(
      `${what}: the packet did not reach a socket (${a.kind}${a.kind === 'dropped' ? `: ${a.reason}` : ''})`,
      refused ? 'refused' : 'dropped',
    );
  }
  return a;
}

export function layerOf<K extends StreamLayer['kind']>(
  layers: readonly StreamLayer[],
  kind: K,
): Extract<StreamLayer, { kind: K }> | undefined {
  return layers.find((l) => l.kind === kind) as Extract<StreamLayer, { kind: K }> | undefined;
}

/** The ztunnel pod's logs on `node`: where ztunnel's decisions show on a real cluster. */
export function ztunnelLog(w: Walker, node: string): string {
  const zt = w.cluster.pods.find((p) => p.kind === 'ztunnel' && p.node === node);
  return `kubectl -n istio-system logs ${zt?.name.value ?? 'ds/ztunnel'} --tail=20`;
}

/** ztunnel's config dump on `node`. */
export function ztunnelConfigCommand(w: Walker, node: string): string {
  const zt = w.cluster.pods.find((p) => p.kind === 'ztunnel' && p.node === node);
  return `kubectl -n istio-system port-forward ${zt?.name.value ?? 'ds/ztunnel'} 15000 & curl -s localhost:15000/config_dump`;
}

/** The stage a listener's process works in. */
function stageOfListener(w: Walker, acc: Accepted): Stage {
  const role = acc.arrival.socket.listener?.role;
  switch (role) {
    case 'ztunnel-outbound':
      return 'ztunnel-outbound';
    case 'ztunnel-dns':
      return 'dns';
    case 'waypoint-hbone':
      return 'waypoint';
    case undefined:
    case 'app':
      return 'destination-pod';
    default:
      return w.cluster.processes[acc.arrival.socket.process]?.kind === 'ztunnel'
        ? 'ztunnel-inbound'
        : 'destination-pod';
  }
}

/** The accept() hop: a listener takes the connection; its local address is the original destination. */
export function acceptHop(w: Walker, acc: Accepted, flow: string): void {
  const ns = w.ns(acc.arrival.netns);
  const l = acc.arrival.socket.listener;
  const p = acc.arrival.packet;
  const proc = w.cluster.processes[acc.arrival.socket.process];
  w.hop(stageOfListener(w, acc), flow, {
    fact: {
      kind: 'accept',
      netns: ns.id,
      process: acc.arrival.socket.process,
      listener: {
        proto: l?.proto ?? p.ip.proto,
        ip: l?.ip ?? p.ip.dst,
        port: l?.port ?? p.l4.dport,
        name: l?.name ?? 'listener',
        role: l?.role ?? 'app',
        transparent: l?.transparent ?? false,
      },
      local: { ip: p.ip.dst, port: p.l4.dport },
      remote: { ip: p.ip.src, port: p.l4.sport },
      tproxied: p.skb.assignedSocket !== undefined,
    },
    where: w.sim.where(ns, { anchor: 'proc', componentLabel: proc?.label ?? ns.label }),
    packetBefore: p,
    packetAfter: p,
    changes: [],
    sources:
      l && (l.prov.kind === 'verified' || l.prov.kind === 'inferred')
        ? [l.prov.ref]
        : [w.cluster.release.src.httpbinSample],
    provenance: l?.prov ?? illustrative('listener'),
    command: w.command(ns, `ss -ltnp 'sport = :${l?.port}'`),
  });
}
