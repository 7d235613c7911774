/** Words for what a combination teaches (the notes beside the walk). */
import type { Cluster } from '../cluster/types';
import type { Lesson } from '../facts';
import { clientName, destinationName } from './context';

export function narrateLesson(l: Lesson, cluster: Cluster): string {
  const client = clientName(cluster);
  const destination = destinationName(cluster);
  switch (l.kind) {
    case 'client-waypoint-skipped':
      return `${client} has its own waypoint (${l.waypoints.join(', ')}), and it is skipped: ztunnel consults only the destination's waypointAddresses. Waypoints are server-side only.`;
    case 'same-node-fast-path':
      return 'Same node: ztunnel 1.18–1.20 uses the node-local fast path. No HBONE and no mTLS on the wire; RBAC is still checked.';
    case 'deny-cannot-match-plaintext':
      return `The DENY rule names ${client}'s principal, but a client outside the mesh arrives in plaintext with no identity, so the rule cannot match: the request is allowed. Deny by default with ALLOW policies instead.`;
    case 'l7-deny-enforced-at-l4':
      return `The L7 policy reached ztunnel without its HTTP parts (method ${cluster.request.method}, path ${cluster.request.path}): with no waypoint to enforce them, ztunnel enforces the rest of the DENY rule, so every connection from ${client} is denied, not just ${cluster.request.method} ${cluster.request.path}.`;
    case 'waypoint-skips-l4-policy':
      return `The L4 policy ${l.policies.join(', ')} selects ${destination}'s pods, but ztunnel 1.18–1.21 skips L4 policy for connections from ${destination}'s waypoint, and the 1.18 waypoint only applies policies that select it (istio.io/gateway-name). The request is delivered. Attach the policy to the waypoint to enforce it there.`;
    case 'plaintext-hairpin-to-waypoint':
      return `${client} is outside the mesh, but ${destination} has a waypoint: ztunnel (1.18) hairpins the plaintext connection to the waypoint itself, without checking L4 policy first.`;
  }
}
