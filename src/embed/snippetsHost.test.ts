import { describe, expect, it } from 'vitest';
import { hostScript } from './snippetsHost';

const APP = 'https://walk.example';

/** A page as the host script sees it: <html>, <body>, iframes, messages and observers. */
function fakePage(opts: { htmlTheme?: string; bodyDark?: boolean } = {}) {
  const attrs = new Map<string, string>(opts.htmlTheme ? [['data-theme', opts.htmlTheme]] : []);
  const htmlClasses = new Set<string>();
  const bodyClasses = new Set<string>(opts.bodyDark ? ['dark'] : []);
  const observers: Array<() => void> = [];
  const listeners: Array<(e: unknown) => void> = [];
  const frame = (src: string) => {
    const posted: unknown[] = [];
    return {
      src,
      style: { height: '300px' },
      posted,
      contentWindow: { postMessage: (m: unknown, target: string) => posted.push({ m, target }) },
    };
  };
  const frames = [
    frame(`${APP}/ambient/?embed=1&hop=2&theme=auto`),
    frame(`${APP}/ambient/?embed=1&theme=light`),
    frame('https://video.example/embed/1'),
  ];
  const classList = (set: Set<string>) => ({ contains: (c: string) => set.has(c) });
  const document = {
    documentElement: {
      getAttribute: (n: string) => attrs.get(n) ?? null,
      classList: classList(htmlClasses),
    },
    body: { classList: classList(bodyClasses) },
    getElementsByTagName: () => frames,
    addEventListener: () => undefined,
  };
  const window: Record<string, unknown> = {
    addEventListener: (_t: string, h: (e: unknown) => void) => listeners.push(h),
  };
  class MutationObserver {
    constructor(private readonly cb: () => void) {}
    observe(): void {
      observers.push(this.cb);
    }
  }
  const run = (): void =>
    new Function('window', 'document', 'MutationObserver', hostScript(APP))(
      window,
      document,
      MutationObserver,
    );
  const send = (data: unknown, from = frames[0]!, origin = APP): void => {
    for (const l of listeners) l({ data, origin, source: from.contentWindow });
  };
  const themeChanges = (): void => observers.forEach((o) => o());
  return { run, send, frames, attrs, htmlClasses, themeChanges, listeners };
}

const themesSent = (f: { posted: unknown[] }) =>
  f.posted.map((p) => (p as { m: { theme: string }; target: string }).m.theme);

describe('the host script', () => {
  it('sizes the iframe that reported its height, and no other', () => {
    const page = fakePage();
    page.run();
    page.send({ type: 'ambient-walk:resize', height: 812.2 });
    expect(page.frames[0]!.style.height).toBe('813px');
    expect(page.frames[1]!.style.height).toBe('300px');
  });

  it('believes only the app’s origin, a widget iframe and a sane height', () => {
    const page = fakePage();
    page.run();
    page.send({ type: 'ambient-walk:resize', height: 900 }, page.frames[0], 'https://evil.example');
    page.send({ type: 'ambient-walk:resize', height: 900 }, page.frames[2]);
    page.send({ type: 'ambient-walk:resize', height: '900' });
    page.send({ type: 'ambient-walk:resize', height: -5 });
    page.send({ type: 'ambient-walk:resize', height: 1e9 });
    page.send(null);
    page.send('ambient-walk:resize');
    expect(page.frames.map((f) => f.style.height)).toEqual(['300px', '300px', '300px']);
  });

  it('passes the page’s data-theme to a widget in theme=auto when it is ready, and again when it changes', () => {
    const page = fakePage({ htmlTheme: 'dark' });
    page.run();
    page.send({ type: 'ambient-walk:ready' });
    page.send({ type: 'ambient-walk:ready' }, page.frames[1]);
    expect(themesSent(page.frames[0]!)).toEqual(['dark']);
    expect(page.frames[0]!.posted[0]).toEqual({
      m: { type: 'ambient-walk:command', command: 'set', theme: 'dark' },
      target: APP,
    });
    // The widget the author fixed to light keeps it.
    expect(themesSent(page.frames[1]!)).toEqual([]);
    page.attrs.set('data-theme', 'light');
    page.themeChanges();
    expect(themesSent(page.frames[0]!)).toEqual(['dark', 'light']);
    expect(themesSent(page.frames[1]!)).toEqual([]);
    expect(page.frames[2]!.posted).toEqual([]);
  });

  it('reads a dark class, whose absence means light once the page has shown it; nothing means auto', () => {
    const page = fakePage();
    page.run();
    page.send({ type: 'ambient-walk:ready' });
    page.htmlClasses.add('dark');
    page.themeChanges();
    page.htmlClasses.delete('dark');
    page.themeChanges();
    expect(themesSent(page.frames[0]!)).toEqual(['auto', 'dark', 'light']);
    const body = fakePage({ bodyDark: true });
    body.run();
    body.send({ type: 'ambient-walk:ready' });
    expect(themesSent(body.frames[0]!)).toEqual(['dark']);
  });

  it('does nothing the second time it is included', () => {
    const page = fakePage();
    page.run();
    page.run();
    expect(page.listeners).toHaveLength(1);
  });
});
