import { afterEach, describe, expect, it } from 'vitest';
import type { CommandContext } from '../commands/commands';
import { createPacketSession } from '../machine/packetSession';
import { carryIndex, summarize } from '../machine/steps';
import { DEFAULT_SCENARIO, walkScenario } from '../model';
import { createSettingsStore } from '../store/settings';
import { DEFAULT_URL_STATE } from '../store/urlState';
import { startUrlSync, type UrlTarget } from '../store/urlSync';
import { startEmbedBridge } from './bridge';

const PARENT_ORIGIN = 'https://blog.example.org';

/** An iframe's window as the bridge sees it: a parent that records what it is sent. */
function fakeFrame() {
  const posted: Record<string, unknown>[] = [];
  const parent = { postMessage: (m: Record<string, unknown>) => posted.push(m) };
  const handlers: Array<(e: MessageEvent) => void> = [];
  const win = {
    parent,
    addEventListener: (_type: string, h: (e: MessageEvent) => void) => handlers.push(h),
    removeEventListener: () => undefined,
  } as unknown as Window;
  const fromParent = (data: unknown): void => {
    for (const h of handlers)
      h({ data, source: parent, origin: PARENT_ORIGIN } as unknown as MessageEvent);
  };
  const hopMessages = () => posted.filter((m) => m.type === 'ambient-walk:hop');
  return { win, posted, fromParent, hopMessages };
}

function fakeAddress(): { target: UrlTarget; search: () => string } {
  const target: UrlTarget = {
    location: { pathname: '/', search: '', hash: '' },
    history: {
      replaceState: (_d, _u, url) => {
        (target.location as { search: string }).search = new URL(url ?? '', 'http://x').search;
      },
    },
  };
  return { target, search: () => target.location.search };
}

/** The page as app.tsx wires it: the two owners, the address following both, the bridge. */
function embeddedPage() {
  const store = createSettingsStore({ ...DEFAULT_URL_STATE, embed: true }, []);
  const session = createPacketSession({ detail: () => store.getState().detail });
  session.show(walkScenario(store.getState().scenario));
  const ctx: CommandContext = { session, store };
  const address = fakeAddress();
  const stopSync = startUrlSync(store, session, address.target, { delayMs: 0 });
  const frame = fakeFrame();
  const root = { getBoundingClientRect: () => ({ height: 600 }) } as HTMLElement;
  const warnings: string[] = [];
  const bridge = startEmbedBridge({ win: frame.win, ctx, root, warn: (m) => warnings.push(m) });
  stops.push(() => {
    bridge.stop();
    stopSync();
    session.stop();
  });
  /** What PacketProvider does once React has the walk of the store's scenario. */
  const walkLoads = (): void => session.show(walkScenario(store.getState().scenario));
  return { store, session, address, frame, warnings, walkLoads };
}

const stops: Array<() => void> = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
});

const command = (fields: Record<string, unknown>) => ({
  type: 'ambient-walk:command',
  ...fields,
});

describe('an embed set command with a hop', () => {
  it('with the scenario shown, moves the view, the address and the hop message together', () => {
    const page = embeddedPage();
    page.frame.fromParent(command({ command: 'set', scenario: { redirect: 'iptables' }, hop: 5 }));
    // The view draws the machine's hop; the address and the parent hear the same one.
    expect(page.session.snapshot()?.context.index).toBe(4);
    expect(new URLSearchParams(page.address.search()).get('hop')).toBe('5');
    expect(page.frame.hopMessages().at(-1)).toMatchObject({ index: 4, hop: 5 });
  });

  it('with a new scenario, lands at that hop of the new walk once it loads', () => {
    const page = embeddedPage();
    page.frame.fromParent(command({ command: 'goto', hop: 2 }));
    expect(page.frame.hopMessages().at(-1)).toMatchObject({ hop: 2 });
    page.frame.fromParent(command({ command: 'set', scenario: { redirect: 'ebpf' }, hop: 4 }));
    // Until the walk arrives, the address already says where the page is going.
    expect(page.store.getState().scenario.redirect).toBe('ebpf');
    expect(page.address.search()).toBe('?redirect=ebpf&hop=4&embed=1');
    page.walkLoads();
    const ebpf = walkScenario({ ...DEFAULT_SCENARIO, redirect: 'ebpf' });
    expect(page.session.walk()?.scenario.redirect).toBe('ebpf');
    expect(page.session.snapshot()?.context.index).toBe(3);
    expect(page.address.search()).toBe('?redirect=ebpf&hop=4&embed=1');
    expect(page.frame.hopMessages().at(-1)).toMatchObject({
      index: 3,
      hop: 4,
      total: ebpf.hops.length,
      title: ebpf.hops[3]!.title,
    });
  });

  it('without a hop, keeps the step on the new walk (DNS hops come first, so not the hop number)', () => {
    const page = embeddedPage();
    page.frame.fromParent(command({ command: 'goto', hop: 6 }));
    const before = page.session.walk()!;
    // At 1.19, where ztunnel answers DNS (at 1.18 the lookup fails and the walk ends there).
    page.frame.fromParent(command({ command: 'set', scenario: { dns: 'on', istio: '1.19' } }));
    page.walkLoads();
    const after = page.session.walk()!;
    const index = page.session.snapshot()!.context.index;
    expect(index).toBe(carryIndex(summarize(before), 5, summarize(after), 'overview'));
    expect(after.hops[index]!.group).toBe(before.hops[5]!.group);
    expect(index).not.toBe(5);
    expect(page.frame.hopMessages().at(-1)).toMatchObject({ hop: index + 1 });
  });

  it('a later set back to the scenario shown wins over a hop still waiting for its walk', () => {
    const page = embeddedPage();
    page.frame.fromParent(command({ command: 'set', scenario: { redirect: 'ebpf' }, hop: 9 }));
    page.frame.fromParent(command({ command: 'set', scenario: { redirect: 'iptables' }, hop: 3 }));
    expect(page.session.snapshot()?.context.index).toBe(2);
    // Hop 3 is where the overview opens the walk (the end of step 1): the address leaves it out.
    expect(page.session.opening()).toBe(2);
    expect(page.address.search()).toBe('?embed=1');
    page.walkLoads();
    expect(page.session.snapshot()?.context.index).toBe(2);
  });
});

describe('an embed goto command', () => {
  it('past the last hop goes to the last hop, and says so', () => {
    const page = embeddedPage();
    const total = page.session.walk()!.hops.length;
    page.frame.fromParent(command({ command: 'goto', hop: total + 5 }));
    expect(page.frame.hopMessages().at(-1)).toMatchObject({ hop: total });
    expect(page.warnings).toEqual([
      `ambient-walk: goto hop ${total + 5} is past the last hop (${total}); going to ${total}`,
    ]);
  });
});

describe('paging past the ends', () => {
  const pages = (posted: Record<string, unknown>[]) =>
    posted.filter((m) => m.type === 'ambient-walk:page').map((m) => m.direction);

  it('a prev command at the first step and a next at the last tell the parent to page, and do not move', () => {
    const page = embeddedPage();
    page.frame.fromParent(command({ command: 'prev' }));
    expect(pages(page.frame.posted)).toEqual(['prev']);
    // The walk opens (overview) where step 1 ends, and there is no step before it.
    expect(page.session.snapshot()?.context.index).toBe(page.session.opening());
    page.frame.fromParent(command({ command: 'next' }));
    expect(pages(page.frame.posted)).toEqual(['prev']);
    const total = page.session.walk()!.hops.length;
    page.frame.fromParent(command({ command: 'goto', hop: total }));
    page.frame.fromParent(command({ command: 'next' }));
    expect(pages(page.frame.posted)).toEqual(['prev', 'next']);
    expect(page.session.snapshot()?.context.index).toBe(total - 1);
    expect(page.frame.hopMessages().at(-1)).toMatchObject({ hop: total });
  });

  it('pageAtEnd pages only at the end it names', () => {
    const store = createSettingsStore({ ...DEFAULT_URL_STATE, embed: true }, []);
    const session = createPacketSession();
    session.show(walkScenario(DEFAULT_SCENARIO));
    const frame = fakeFrame();
    const root = { getBoundingClientRect: () => ({ height: 600 }) } as HTMLElement;
    const bridge = startEmbedBridge({ win: frame.win, ctx: { session, store }, root });
    stops.push(() => {
      bridge.stop();
      session.stop();
    });
    expect(bridge.pageAtEnd('next')).toBe(false);
    expect(bridge.pageAtEnd('prev')).toBe(true);
    session.send({ type: 'LAST' });
    expect(bridge.pageAtEnd('prev')).toBe(false);
    expect(bridge.pageAtEnd('next')).toBe(true);
    expect(pages(frame.posted)).toEqual(['prev', 'next']);
  });
});

describe('an embed set command with a theme', () => {
  it('hands the theme to the store, which the address follows; the hop stays', () => {
    const page = embeddedPage();
    page.frame.fromParent(command({ command: 'goto', hop: 3 }));
    page.frame.fromParent(command({ command: 'set', theme: 'dark' }));
    expect(page.store.getState().theme).toBe('dark');
    expect(page.address.search()).toContain('theme=dark');
    expect(page.session.snapshot()?.context.index).toBe(2);
    page.frame.fromParent(command({ command: 'set', theme: 'purple' }));
    expect(page.store.getState().theme).toBe('dark');
    expect(page.warnings.at(-1)).toMatch(/theme must be auto, light or dark/);
  });
});
