/**
 * Keeps the address bar in step with the page: it follows the settings store and the packet
 * machine's hop (each the one owner of its facts), and writes changes with
 * history.replaceState (no history entry per click), so a reload or a shared link reproduces
 * the view exactly. Writes are coalesced: replaceState costs a millisecond or two in Chromium,
 * too much to pay inside every Next-hop click or every hop of a playing walk, so the address
 * follows at most `delayMs` behind and is written at once when the page is hidden.
 */
import { serializeUrlState, type UrlState } from './urlState';
import { urlStateOf, type SettingsStore } from './settings';

export interface UrlTarget {
  readonly location: { readonly pathname: string; readonly search: string; readonly hash: string };
  readonly history: { replaceState(data: unknown, unused: string, url?: string): void };
  addEventListener?(type: 'pagehide', listener: () => void): void;
  removeEventListener?(type: 'pagehide', listener: () => void): void;
}

/** Where the hop comes from: the packet session (the store does not import the machine). */
export interface HopSource {
  /** The hop, 0-based. */
  hop(): number;
  /** Where the walk opens at the current detail level: the address leaves that hop out. */
  opening?(): number;
  subscribe(listener: () => void): () => void;
}

export interface UrlSyncOptions {
  /** How long changes may gather before one write; 0 writes on every change. */
  readonly delayMs?: number;
}

/** Starts syncing; returns a stop function that writes anything pending first. */
export function startUrlSync(
  store: SettingsStore,
  hops: HopSource,
  target: UrlTarget,
  { delayMs = 150 }: UrlSyncOptions = {},
): () => void {
  let last = '';
  let cancel: (() => void) | undefined;
  const write = (): void => {
    cancel = undefined;
    const search = serializeUrlState(urlStateOf(store.getState(), addressHop(hops)));
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
  const schedule = (): void => {
    if (delayMs <= 0) write();
    else cancel ??= later(write, delayMs);
  };
  const flush = (): void => {
    if (cancel === undefined) return;
    cancel();
    write();
  };
  write();
  const unsubscribeStore = store.subscribe(schedule);
  const unsubscribeHop = hops.subscribe(schedule);
  target.addEventListener?.('pagehide', flush);
  return () => {
    unsubscribeStore();
    unsubscribeHop();
    target.removeEventListener?.('pagehide', flush);
    flush();
  };
}

/**
 * Runs `cb` after `delayMs`, in the browser's idle time after that where it has some (so the
 * write lands between frames, not in one), and by `4 × delayMs` at the latest.
 */
function later(cb: () => void, delayMs: number): () => void {
  let idle: number | undefined;
  const timer = setTimeout(() => {
    if (typeof requestIdleCallback === 'function') {
      idle = requestIdleCallback(cb, { timeout: 3 * delayMs });
    } else cb();
  }, delayMs);
  return () => {
    clearTimeout(timer);
    if (idle !== undefined) cancelIdleCallback(idle);
  };
}

/**
 * The address of the current view with some settings changed, from the settings rather than
 * the address bar (which may be a moment behind): for links such as "Present" and "Exit".
 */
export function urlFor(
  store: SettingsStore,
  hops: Pick<HopSource, 'hop' | 'opening'>,
  patch: Partial<UrlState>,
  pathname: string = typeof location === 'undefined' ? '/' : location.pathname,
): string {
  return `${pathname}${serializeUrlState({ ...urlStateOf(store.getState(), addressHop(hops)), ...patch })}`;
}

/** The hop as the address writes it: none where the walk opens by itself. */
function addressHop(hops: Pick<HopSource, 'hop' | 'opening'>): number | undefined {
  const hop = hops.hop();
  return hop === (hops.opening?.() ?? 0) ? undefined : hop;
}
