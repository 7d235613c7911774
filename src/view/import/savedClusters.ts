/**
 * Imported clusters kept in this browser (localStorage), each as its scenario file under a
 * name. Reading is defensive: a damaged or foreign entry is skipped, never thrown; a full or
 * blocked storage is reported to the caller, and nothing already saved is lost.
 */
import type { ClusterSpec } from '../../model/spec';

const KEY = 'apw.savedClusters.v1';

export interface SavedCluster {
  readonly id: string;
  readonly name: string;
  readonly savedAt: string;
  readonly spec: ClusterSpec;
}

function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

/** Every saved cluster, newest first. */
export function listSaved(): SavedCluster[] {
  try {
    const raw = storage()?.getItem(KEY);
    const list: unknown = raw ? JSON.parse(raw) : [];
    if (!Array.isArray(list)) return [];
    return list.filter(
      (x): x is SavedCluster =>
        typeof x === 'object' &&
        x !== null &&
        typeof (x as SavedCluster).id === 'string' &&
        typeof (x as SavedCluster).name === 'string' &&
        typeof (x as SavedCluster).spec === 'object',
    );
  } catch {
    return [];
  }
}

function write(list: readonly SavedCluster[]): string | undefined {
  const s = storage();
  if (!s) return 'This browser does not let the page keep data (private mode?).';
  try {
    s.setItem(KEY, JSON.stringify(list));
    return undefined;
  } catch (e) {
    return `The browser refused to keep it (${e instanceof Error ? e.name : 'storage error'}): the storage may be full.`;
  }
}

/** Saves a cluster under a name; returns the new list, or why it could not be kept. */
export function saveCluster(
  name: string,
  spec: ClusterSpec,
): { list: SavedCluster[]; error?: string } {
  const entry: SavedCluster = {
    id: `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`,
    name: name.trim() || spec.name,
    savedAt: new Date().toISOString(),
    spec: { ...spec, name: name.trim() || spec.name },
  };
  const list = [entry, ...listSaved()];
  const error = write(list);
  return error ? { list: listSaved(), error } : { list };
}

export function renameSaved(id: string, name: string): { list: SavedCluster[]; error?: string } {
  const list = listSaved().map((c) =>
    c.id === id && name.trim()
      ? { ...c, name: name.trim(), spec: { ...c.spec, name: name.trim() } }
      : c,
  );
  const error = write(list);
  return error ? { list: listSaved(), error } : { list };
}

export function deleteSaved(id: string): { list: SavedCluster[]; error?: string } {
  const list = listSaved().filter((c) => c.id !== id);
  const error = write(list);
  return error ? { list: listSaved(), error } : { list };
}

/** The scenario file's text, as exported. */
export function scenarioFileText(spec: ClusterSpec): string {
  return `${JSON.stringify(spec, null, 2)}\n`;
}
