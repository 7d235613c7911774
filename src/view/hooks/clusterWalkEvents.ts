/**
 * Tells the page when a cluster reference's walk is replaced (a cluster saved again under its
 * name is walked again under the same reference). Apart from the cache that replaces it, which
 * loads on demand, so the page can listen before it has.
 */
const listeners = new Set<() => void>();
let version = 0;

/** Called when a reference is walked again (a cluster saved again under its name). */
export function subscribeClusterWalks(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Changes whenever a reference's walk is replaced. */
export const clusterWalksVersion = (): number => version;

/** Tells the page a reference's walk was replaced. */
export function clusterWalkReplaced(): void {
  version++;
  for (const l of [...listeners]) l();
}
