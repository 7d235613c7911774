/**
 * Words for what a combination teaches (the notes beside the walk), and for the surprise that
 * explains an outcome in one phrase ("Delivered — the L7-only DENY never matches at ztunnel").
 */
import type { Cluster } from '../cluster/types';
import type { Lesson } from '../facts';
import type { OutcomeKind } from '../labels';
import { clientName, destinationName } from './context';

/** The note for a lesson. */
export function narrateLesson(l: Lesson, cluster: Cluster): string {
  const client = clientName(cluster);
  const destination = destinationName(cluster);
  const rel = cluster.release;
  switch (l.kind) {
    case 'client-waypoint-skipped':
      return `${client} has its own waypoint (${l.waypoints.join(', ')}), and it is skipped: ztunnel consults only the destination's waypoint. Waypoints are server-side only.`;
    case 'same-node-fast-path':
      return `Same node: ztunnel ${rel.tags.ztunnel} uses the node-local fast path. No HBONE and no mTLS on the wire; RBAC is still checked.`;
    case 'deny-cannot-match-plaintext':
      return `The DENY rule names ${client}'s principal, but a client outside the mesh arrives in plaintext with no identity, so the rule cannot match: the request is allowed. Deny by default with ALLOW policies instead.`;
    case 'l7-deny-no-effect':
      return `${l.policies.join(', ')} denies only HTTP attributes (method ${cluster.request.method}, path ${cluster.request.path}). With no waypoint, istiod sends ztunnel an empty match for them ("For DENY they will always match", its comment says), but ztunnel never matches an empty match: the DENY has no effect and the request is delivered (istio/istio#61126). Attach the policy to a waypoint to enforce it.`;
    case 'waypoint-skips-l4-policy':
      return `The L4 policy ${l.policies.join(', ')} selects ${destination}'s pods, but ztunnel ${rel.tags.ztunnel} skips L4 policy for connections from ${destination}'s waypoint, and the waypoint applies only policies attached to it (${rel.waypoint.attaches.join(' or ')}). The request is delivered. Attach the policy to the waypoint to enforce it there.`;
    case 'plaintext-hairpin-to-waypoint':
      return `${client} is outside the mesh, but ${destination} has a waypoint: ztunnel ${rel.tags.ztunnel} hairpins the plaintext connection to the waypoint itself, without checking L4 policy first.`;
    case 'waypoint-hides-client':
      return `The ${rel.label} waypoint opens its HBONE connection without a Forwarded header, so ${destination}'s ztunnel connects from the waypoint's address: ${destination} sees ${l.waypoint}, not ${client}'s IP.`;
    case 'hairpin-certificate-refused':
      return `To hairpin, the ztunnel on ${l.node} needs a certificate for ${client}'s identity, and istiod's CA refuses it: no pod with that service account runs on ${l.node}. Composed from the code, not run on a cluster.`;
    case 'no-dns-proxy':
      return `ztunnel ${l.release} has no DNS proxy (it first shipped in 1.19), yet istio-cni DNATs captured DNS to :15053: the query finds nothing listening and the name does not resolve.`;
  }
}

/** The phrase that explains a surprising outcome, from the lessons that caused it. */
export function surpriseOf(
  lessons: readonly Lesson[],
  cluster: Cluster,
  outcome: OutcomeKind,
): string | undefined {
  const destination = destinationName(cluster);
  const client = clientName(cluster);
  const has = (k: Lesson['kind']): boolean => lessons.some((l) => l.kind === k);
  if (outcome === 'failed') {
    if (has('no-dns-proxy')) return `ztunnel ${cluster.release.tags.ztunnel} has no DNS proxy`;
    if (has('hairpin-certificate-refused'))
      return `istiod's CA refuses ztunnel a certificate for ${client}'s identity (likely; not run on a cluster)`;
    return undefined;
  }
  if (outcome !== 'delivered' && outcome !== 'not-captured') return undefined;
  const parts: string[] = [];
  if (has('l7-deny-no-effect'))
    parts.push('the L7-only DENY never matches at ztunnel (no waypoint)');
  if (has('waypoint-skips-l4-policy'))
    parts.push(`ztunnel skips L4 policy for traffic from ${destination}'s waypoint`);
  if (has('deny-cannot-match-plaintext'))
    parts.push('a DENY naming a principal cannot match a client without identity');
  if (has('waypoint-hides-client'))
    parts.push(`${destination} sees the waypoint's address, not ${client}'s`);
  return parts.length ? parts.join('; ') : undefined;
}
