import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSettingsStore } from './settings';
import { DEFAULT_URL_STATE } from './urlState';
import { startUrlSync, urlFor, type UrlTarget } from './urlSync';

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
    const { target, writes } = fakeWindow();
    startUrlSync(store, target, { delayMs: 150 });
    for (let hop = 1; hop <= 5; hop++) store.getState().setHop(hop);
    expect(writes).toEqual([]);
    vi.advanceTimersByTime(150);
    expect(writes).toEqual(['/walk/?hop=6']);
  });

  it('writes what is pending when the page is hidden, and when stopped', () => {
    const store = createSettingsStore(DEFAULT_URL_STATE, []);
    const { target, writes, listeners } = fakeWindow();
    const stop = startUrlSync(store, target, { delayMs: 150 });
    store.getState().setHop(2);
    listeners.get('pagehide')?.();
    expect(writes).toEqual(['/walk/?hop=3']);
    store.getState().setHop(3);
    stop();
    expect(writes).toEqual(['/walk/?hop=3', '/walk/?hop=4']);
    expect(listeners.has('pagehide')).toBe(false);
  });

  it('with no delay, writes on every change', () => {
    const store = createSettingsStore(DEFAULT_URL_STATE, []);
    const { target, writes } = fakeWindow();
    startUrlSync(store, target, { delayMs: 0 });
    store.getState().setHop(1);
    store.getState().setHop(2);
    expect(writes).toEqual(['/walk/?hop=2', '/walk/?hop=3']);
  });

  it('builds links from the settings, not from an address that may lag', () => {
    const store = createSettingsStore(DEFAULT_URL_STATE, []);
    store.getState().setHop(4);
    expect(urlFor(store, { present: true }, '/walk/')).toBe('/walk/?hop=5&present=1');
  });
});
