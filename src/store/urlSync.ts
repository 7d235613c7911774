/**
 * Keeps the address bar in step with the settings: every change is written with
 * history.replaceState (no history entry per click), so a reload or a shared link reproduces
 * the view exactly.
 */
import { serializeUrlState } from './urlState';
import { urlStateOf, type SettingsStore } from './settings';

export interface UrlTarget {
  readonly location: { readonly pathname: string; readonly search: string; readonly hash: string };
  readonly history: { replaceState(data: unknown, unused: string, url?: string): void };
}

/** Starts syncing; returns the unsubscribe function. */
export function startUrlSync(store: SettingsStore, target: UrlTarget): () => void {
  let last = '';
  const write = (): void => {
    const search = serializeUrlState(urlStateOf(store.getState()));
    if (search === last) return;
    last = search;
    if (search === target.location.search) return;
    try {
      target.history.replaceState(
        null,
        '',
        `${target.location.pathname}${search}${target.location.hash}`,
      );
    } catch {
      // Some sandboxed iframes forbid replaceState; the view still works without URL sync.
    }
  };
  write();
  return store.subscribe(write);
}
