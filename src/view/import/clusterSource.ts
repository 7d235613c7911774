/**
 * Where a `cluster=` reference leads: `saved:<name>`, a cluster kept in this browser, or the
 * relative URL of a scenario file served with the site (same origin only). Each failure is a
 * diagnostic that says what was wrong and what to do; nothing here throws.
 */
import { readClusterSpec, type ClusterSpec, type Diagnostic } from '../../model/import';
import { listSaved } from './savedClusters';

const SAVED = 'saved:';

export interface ClusterSource {
  readonly spec?: ClusterSpec;
  readonly diagnostics: Diagnostic[];
}

const problem = (code: string, message: string, fix: string, where: string): ClusterSource => ({
  diagnostics: [{ code, severity: 'error', message, fix, where }],
});

/** The `cluster=` value of a cluster saved here under `name`. */
export const savedRef = (name: string): string => `${SAVED}${name}`;

/** A cluster saved in this browser, by name (the newest of that name). */
export function loadSaved(ref: string): ClusterSource {
  const name = ref.slice(SAVED.length);
  const found = listSaved().find((c) => c.name === name);
  return found
    ? { spec: found.spec, diagnostics: [] }
    : problem(
        'E_CLUSTER_NOT_SAVED',
        `No cluster is saved as “${name}” in this browser. A saved cluster stays in the browser that saved it.`,
        'Ask for its scenario file (Export scenario file) and open it with Import, or serve the file with the site and link it as ?cluster=<its relative URL>.',
        ref,
      );
}

/** Reads `?cluster=<relative URL>`: a scenario file served with this site, same origin only. */
export async function loadClusterUrl(url: string): Promise<ClusterSource> {
  let u: URL;
  try {
    u = new URL(url, window.location.href);
  } catch {
    u = new URL('about:blank');
  }
  if (u.origin !== window.location.origin)
    return problem(
      'E_CLUSTER_URL',
      `“${url}” is not on this site; only a scenario file served with the page is loaded.`,
      'Put the file next to your page and link it by a relative URL, e.g. ?cluster=clusters/bookinfo.json.',
      url,
    );
  try {
    const res = await fetch(u, { credentials: 'same-origin' });
    if (!res.ok)
      return problem(
        'E_CLUSTER_URL',
        `“${url}” answered ${res.status}.`,
        'Check the path of the scenario file.',
        url,
      );
    const r = readClusterSpec(await res.text(), url);
    return { ...(r.spec ? { spec: r.spec } : {}), diagnostics: [...r.diagnostics] };
  } catch (e) {
    return problem(
      'E_CLUSTER_URL',
      `“${url}” could not be fetched (${e instanceof Error ? e.message : 'network error'}).`,
      'Check the path of the scenario file.',
      url,
    );
  }
}

/** The cluster a `cluster=` value names. */
export function loadCluster(ref: string): Promise<ClusterSource> {
  return ref.startsWith(SAVED) ? Promise.resolve(loadSaved(ref)) : loadClusterUrl(ref);
}
