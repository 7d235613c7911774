/**
 * Steps every ztunnel listener can end in: the L4 policy check at the destination's ztunnel,
 * and the last connection, to the workload's own port. Shared helpers, not a process.
 */
import type { Ipv4 } from '../addresses';
import { EPHEMERAL } from '../cluster/kind';
import type { ProcessId } from '../cluster/types';
import type { Stage } from '../hop';
import type { IpPacket, StreamLayer } from '../packet';
import { isEmptyMatch, type PolicyDecision } from '../policy/evaluate';
import { verified } from '../provenance';
import { SRC } from '../upstream';
import type { Walker } from '../walk/walker';
import { acceptHop, expectSocket, ztunnelLog } from './common';
import type { Outcome } from './types';

/** ztunnel opens the last connection, to the application's port, and the app takes it. */
export function connectWorkload(
  w: Walker,
  a: {
    readonly netns: string;
    readonly process: ProcessId;
    readonly sourceIp: Ipv4;
    readonly target: { readonly ip: Ipv4; readonly port: number };
    readonly layers: readonly StreamLayer[];
    readonly stage: Stage;
  },
): Outcome {
  const ns = w.ns(a.netns);
  const label = w.cluster.processes[a.process]?.label ?? ns.label;
  const flow = `${label} → ${a.target.ip}:${a.target.port}`;
  const mark = w.socketMark(ns.id, a.process);
  const sock = w.socket({
    netns: ns.id,
    localIp: a.sourceIp,
    localPort: EPHEMERAL.ztunnelIn,
    remoteIp: a.target.ip,
    remotePort: a.target.port,
    process: a.process,
    transparent: true,
    mark,
  });
  const syn = w.packetFrom(sock, a.layers);
  w.hop(a.stage, flow, {
    fact: {
      kind: 'ztunnel',
      step: 'connect-workload',
      process: a.process,
      from: { ip: a.sourceIp, port: EPHEMERAL.ztunnelIn },
      to: a.target,
    },
    where: w.sim.where(ns, { anchor: 'proc', componentLabel: label }),
    packetBefore: null,
    packetAfter: syn,
    changes: ['*'],
    sources: [w.cluster.release.zt.inbound],
    provenance: verified(
      w.cluster.release.zt.inbound,
      'handle_inbound: freebind_connect(orig_src, addr)',
    ),
    command: ztunnelLog(w, ns.node),
    // In a pod's netns (mark 0x539) the original source rests on IP_TRANSPARENT, best effort.
    ...(mark && a.sourceIp !== w.sim.pod(ns)?.ip.value
      ? {
          uncertain:
            "In-pod, IP_TRANSPARENT is best effort (maybe_set_transparent; ENABLE_ORIG_SRC unset, requireOriginalSource null). The walk takes transparent=true, as users' logs mostly show; with transparent=false ztunnel connects from the pod's own IP, the app sees no client address and the connmark/table-100 return path is not needed (domain file §1.10 #4).",
        }
      : {}),
  });
  const arrival = expectSocket(w.sendLeg('to-app', flow, sock, syn), 'connection to the workload');
  const acc = w.accept(arrival, sock);
  acceptHop(w, acc, flow);
  return w.deliver(acc, flow);
}

/** ztunnel's L4 RBAC decision at the destination, as a hop. */
export function l4PolicyHop(
  w: Walker,
  netns: string,
  stage: Stage,
  flow: string,
  a: {
    readonly checker: string;
    readonly decision: PolicyDecision & { readonly trace?: readonly string[] };
    readonly principal: string | undefined;
    readonly target: string;
    readonly packet: IpPacket;
    readonly node: string;
    readonly fastPath?: boolean;
  },
): void {
  const ns = w.ns(netns);
  const dropped = w.cluster.ztunnelStore.policies.flatMap((p) =>
    p.dropped.map((x) => `${p.namespace}/${p.name}: ${x}`),
  );
  w.hop(stage, flow, {
    fact: {
      kind: 'policy',
      netns: ns.id,
      engine: 'ztunnel',
      decision: a.decision.allowed ? 'allow' : 'deny',
      reason: a.decision.reason,
      ...(a.principal ? { principal: a.principal } : {}),
      target: a.target,
      evaluated: a.decision.evaluated,
      checker: a.checker,
      ...(a.fastPath ? { fastPath: true } : {}),
      ...(dropped.length ? { dropped } : {}),
      ...(a.decision.trace?.length ? { trace: a.decision.trace } : {}),
    },
    where: w.sim.where(ns, { anchor: 'proc', componentLabel: a.checker }),
    packetBefore: a.packet,
    packetAfter: a.packet,
    changes: [],
    sources: [
      w.cluster.release.zt.assertRbac,
      w.cluster.release.zt.rbac,
      SRC.l4PolicyDoc,
      ...(dropped.length ? [w.cluster.release.src.authzTranslation] : []),
    ],
    provenance: verified(
      w.cluster.release.zt.assertRbac,
      'assert_rbac: deny policies first; with allow policies one must match (Authorization::matches in src/rbac.rs)',
    ),
    command: ztunnelLog(w, a.node),
  });
  // A DENY left with an empty match by istiod never matches: the policy had no effect.
  const emptyDenies = w.cluster.ztunnelStore.policies.filter(
    (p) =>
      p.action === 'Deny' &&
      a.decision.evaluated.some((e) => e.policy === `${p.namespace}/${p.name}` && !e.matched) &&
      p.groups.some((rule) => rule.some((clause) => clause.some(isEmptyMatch))),
  );
  if (emptyDenies.length)
    w.teach({
      kind: 'l7-deny-no-effect',
      policies: emptyDenies.map((p) => `${p.namespace}/${p.name}`),
    });
}
