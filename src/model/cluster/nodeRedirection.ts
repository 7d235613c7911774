/**
 * Node redirection (1.18–1.20) on one node: ztunnel's own listeners and netns rules, then the
 * node's rules, tunnels, ipset or TC programs, as `iptablesMode.ts` and `ebpfMode.ts` install
 * them. Split out of the cluster builder so each era's installer reads on its own.
 */
import type { NodeRelease } from '../releases';
import type { Scenario } from '../scenario';
import { installEbpfNode, installEbpfZtunnel } from './ebpfMode';
import { installIptablesNode, installIptablesZtunnel } from './iptablesMode';
import type { NodeFacts } from './kind';
import { ztunnelListeners } from './listeners';
import type { NetnsBuilder } from './netnsBuilder';
import type { Placed } from './placement';
import type { ProcessId } from './types';

/** ztunnel's listeners and the rules in its own netns, in node redirection. */
export function installNodeZtunnel(
  ns: NetnsBuilder,
  pid: ProcessId,
  zt: Placed,
  node: NodeFacts,
  s: Scenario,
  rel: NodeRelease,
): void {
  ztunnelListeners(ns, pid, s, rel);
  if (s.redirect === 'iptables') installIptablesZtunnel(ns, zt.facts.ip, node.hostIp, rel);
  else installEbpfZtunnel(ns, zt.facts.ip, s.dns === 'on', rel);
}

/** The node's side of node redirection: iptables + GENEVE, or the eBPF programs. */
export function installNodeSide(
  nodeNs: NetnsBuilder,
  node: NodeFacts,
  here: readonly Placed[],
  s: Scenario,
  rel: NodeRelease,
): void {
  const zt = here.find((p) => p.facts.role === 'ztunnel') as Placed;
  const ambientHere = here.filter((p) => p.ambient);
  const captureDns = s.dns === 'on';
  if (s.redirect === 'iptables') {
    installIptablesNode({
      node: nodeNs,
      ztIp: zt.facts.ip,
      ztVeth: zt.facts.hostVeth,
      hostIp: node.hostIp,
      ambientPods: ambientHere.map((p) => ({
        ip: p.facts.ip,
        uid: p.facts.uid,
        name: p.facts.name,
      })),
      captureDns,
      ifindexIn: 14,
      ifindexOut: 15,
      rel,
    });
  } else {
    installEbpfNode({
      node: nodeNs,
      hostIp: node.hostIp,
      ztVeth: zt.facts.hostVeth,
      ztVethIfindex: zt.facts.hostVethIfindex,
      ztMac: zt.facts.mac,
      captureDns,
      ambientPods: ambientHere.map((p) => ({
        ip: p.facts.ip,
        hostVeth: p.facts.hostVeth,
        ifindex: p.facts.hostVethIfindex,
        mac: p.facts.mac,
        name: p.facts.name,
      })),
      rel,
    });
  }
}
