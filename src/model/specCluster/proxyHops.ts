/**
 * The proxy decisions of a hop-by-hop walk, read back from its facts as the ztunnel-level route
 * names them (send, ztunnel outbound, waypoint, ztunnel inbound, deliver): so ztunnel's access
 * log is checked against the walk itself, and the two evaluations of a scenario file (the
 * kernel's and the importer's) can be compared step by step.
 */
import type { HopFact } from '../facts';
import { identityOf, type RouteHop, type RoutePeer } from '../import/route';
import { spiffeText, type SpiffeId } from '../packet';
import type { ClusterSpec } from '../spec/types';
import { refOf } from '../spec/types';
import type { Walk } from '../walk';

/**
 * The walk's proxy hops as RouteHops, in order.
 *
 * @example
 * crossCheck(spec, proxyRoute(spec, walk), parseAccessLog(text).entries);
 */
export function proxyRoute(spec: ClusterSpec, walk: Walk): RouteHop[] {
  const byIp = new Map(spec.workloads.flatMap((w) => w.ips.map((ip) => [ip, w] as const)));
  const peer = (ip: string, port?: number, identity?: SpiffeId): RoutePeer => {
    const w = byIp.get(ip);
    return {
      ip,
      ...(port !== undefined ? { port } : {}),
      ...(w ? { workload: refOf(w) } : {}),
      ...(identity ? { identity: spiffeText(identity) } : {}),
    };
  };
  const facts = walk.hops.map((h) => ({
    f: h.fact as HopFact,
    node: h.where.node ?? '',
    netns: h.where.netns,
  }));
  const service = (authority: string): string | undefined => {
    const [ip, port] = authority.split(':');
    const v = walk.cluster.ztunnelStore.vips.find((x) => x.vip === ip && String(x.port) === port);
    return v?.hostname;
  };
  const out: RouteHop[] = [];
  const client = walk.cluster.pods.find((p) => p.netns === walk.cluster.request.client);
  let sender: RoutePeer | undefined;
  let vipAuthority: string | undefined;
  for (const { f, node, netns } of facts) {
    if (f.kind === 'app' && f.op === 'connect' && !out.length) {
      // The source's identity, as ztunnel gives it, when its traffic is captured.
      const source = byIp.get(f.from.ip);
      sender = {
        ...peer(f.from.ip),
        ...(client?.ambient && source ? { identity: identityOf(spec, source) } : {}),
      };
      out.push({
        kind: 'send',
        node,
        actor: sender.workload ?? f.from.ip,
        src: sender,
        dst: { ip: f.to.ip, port: f.to.port },
      });
      if (service(`${f.to.ip}:${f.to.port}`)) vipAuthority = `${f.to.ip}:${f.to.port}`;
    } else if (f.kind === 'ztunnel' && f.step === 'outbound' && sender) {
      const plan = f.plan;
      if (plan.kind === 'error') continue;
      const dst =
        'gateway' in plan
          ? peer(plan.gateway.ip, plan.gateway.port, plan.expected)
          : peer(plan.target.ip, plan.target.port);
      const hbone = 'authority' in plan ? plan.authority : undefined;
      const svc = service(hbone ?? `${f.dst.ip}:${f.dst.port}`);
      out.push({
        kind: plan.kind === 'passthrough' ? 'passthrough' : 'ztunnel-outbound',
        node: f.node,
        actor: `ztunnel@${f.node}`,
        src: sender,
        dst,
        ...(hbone ? { hbone } : {}),
        ...(svc ? { service: svc } : {}),
        logs: 'outbound',
      });
    } else if (f.kind === 'waypoint' && f.step === 'originate') {
      const wp = peer(f.from.ip, undefined, f.identity);
      const target = peer(f.endpoint.ip, f.endpoint.port);
      const svc = vipAuthority ? service(vipAuthority) : undefined;
      out.push({
        kind: 'waypoint',
        node,
        actor: wp.workload ?? f.pod,
        src: sender ?? wp,
        dst: { ...target, port: f.to.port },
        ...(f.plaintext ? {} : { hbone: f.authority }),
        ...(svc ? { service: svc } : {}),
      });
      sender = wp;
    } else if (f.kind === 'ztunnel' && f.step === 'hbone-terminate') {
      const [ip, port] = f.authority.split(':');
      out.push({
        kind: 'ztunnel-inbound',
        node,
        actor: `ztunnel@${node}`,
        src: {
          ...(sender ?? peer('0.0.0.0')),
          ...(f.client ? { identity: spiffeText(f.client) } : {}),
        },
        dst: peer(ip!, Number(port)),
        hbone: f.authority,
        logs: 'inbound',
      });
    } else if (f.kind === 'ztunnel' && f.step === 'plaintext-inbound') {
      // A client outside the mesh: ztunnel takes the plaintext connection on 15006.
      out.push({
        kind: 'ztunnel-inbound',
        node,
        actor: `ztunnel@${node}`,
        src: sender
          ? { ip: sender.ip, ...(sender.workload ? { workload: sender.workload } : {}) }
          : peer(f.from),
        dst: peer(f.to.ip, f.to.port),
        logs: 'inbound',
      });
    } else if (f.kind === 'app' && f.op === 'receive') {
      // The pod the app runs in; its port is the one the last proxy hop named for it.
      const me = walk.cluster.pods.find((p) => p.netns === netns);
      const last = out.at(-1)?.dst;
      const ip = me?.ip.value ?? last?.ip ?? f.from.ip;
      out.push({
        kind: 'deliver',
        node,
        actor: me ? `${me.namespace}/${me.name.value}` : node,
        src: sender ?? peer(f.from.ip),
        dst: peer(ip, last?.ip === ip ? last.port : undefined),
      });
    }
  }
  return out;
}
