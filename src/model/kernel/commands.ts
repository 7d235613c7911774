/**
 * The live command that shows a hop's rule on a real kind cluster. Node namespaces are the
 * kind node containers (`docker exec`); pod namespaces are reached with an ephemeral debug
 * container that shares the pod's network namespace.
 */
import type { Netns } from '../cluster/types';

export function inNetns(ns: Netns, podNamespace: string, command: string): string {
  if (ns.kind === 'node') return `docker exec ${ns.node} ${command}`;
  return `kubectl debug -n ${podNamespace} ${ns.label} -it --image=nicolaka/netshoot --profile=netadmin -- ${command}`;
}
