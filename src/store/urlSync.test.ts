import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSettingsStore } from './settings';
import { DEFAULT_URL_STATE } from './urlState';
import { startUrlSync, urlFor, type HopSource, type UrlTarget } from './urlSync';

/** A hop owner as the packet session is one: a hop and a way to hear it change. */
function fakeHops(): HopSource & { go(hop: number): void } {
  let hop = 0;
  const listeners = new Set<() => void>();
  return {
    hop: () => hop,
    subscribe: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    go: (to) => {
      hop = to;
      for (const l of listeners) l();
    },
  };
}

function fakeWindow(search = '') {
  const writes: string[] = [];
  const listeners = new Map<string, () => void>();
  const target: UrlTarget = {
    location: { pathname: '/walk/', search, hash: '' },
    history: {
      replaceState: (_d, _u, url) => {
        writes.push(url ?? '');
        (target.location as { search: string }).search = new URL(url ?? '', 'http://x').search;
      },
    },
    addEventListener: (type, l) => listeners.set(type, l),
    removeEventListener: (type) => listeners.delete(type),
  };
  return { target, writes, listeners };
}

describe('URL sync', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('coalesces a burst of changes into one replaceState with the latest state', () => {
    const store = createSettingsStore(DEFAULT_URL_STATE, []);
    const hops = fakeHops();
    const { target, writes } = fakeWindow();
    startUrlSync(store, hops, target, { delayMs: 150 });
    for (let hop = 1; hop <= 5; hop++) hops.go(hop);
    expect(writes).toEqual([]);
    vi.advanceTimersByTime(150);
    expect(writes).toEqual(['/walk/?hop=6']);
  });

  it('writes what is pending when the page is hidden, and when stopped', () => {
    const store = createSettingsStore(DEFAULT_URL_STATE, []);
    const hops = fakeHops();
    const { target, writes, listeners } = fakeWindow();
    const stop = startUrlSync(store, hops, target, { delayMs: 150 });
    hops.go(2);
    listeners.get('pagehide')?.();
    expect(writes).toEqual(['/walk/?hop=3']);
    hops.go(3);
    stop();
    expect(writes).toEqual(['/walk/?hop=3', '/walk/?hop=4']);
    expect(listeners.has('pagehide')).toBe(false);
    hops.go(7);
    store.getState().setDetail('full');
    vi.advanceTimersByTime(1000);
    expect(writes).toHaveLength(2);
  });

  it('with no delay, writes on every change', () => {
    const store = createSettingsStore(DEFAULT_URL_STATE, []);
    const hops = fakeHops();
    const { target, writes } = fakeWindow();
    startUrlSync(store, hops, target, { delayMs: 0 });
    hops.go(1);
    hops.go(2);
    expect(writes).toEqual(['/walk/?hop=2', '/walk/?hop=3']);
  });

  it("follows both owners: the store's settings and the machine's hop", () => {
    const store = createSettingsStore(DEFAULT_URL_STATE, []);
    const hops = fakeHops();
    const { target, writes } = fakeWindow();
    startUrlSync(store, hops, target, { delayMs: 0 });
    store.getState().setDetail('full');
    hops.go(4);
    store.getState().setSpeed(2);
    expect(writes).toEqual([
      '/walk/?detail=full',
      '/walk/?hop=5&detail=full',
      '/walk/?hop=5&detail=full&speed=2',
    ]);
  });

  it('builds links from the settings, not from an address that may lag', () => {
    const store = createSettingsStore(DEFAULT_URL_STATE, []);
    const hops = fakeHops();
    hops.go(4);
    expect(urlFor(store, hops, { present: true }, '/walk/')).toBe('/walk/?hop=5&present=1');
  });
});
