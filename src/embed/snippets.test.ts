import { describe, expect, it } from 'vitest';
import { DEFAULT_URL_STATE, parseUrlState, type UrlState } from '../store/urlState';
import { embedSnippets, widgetSrc, type EmbedChoices, type PlatformSnippets } from './snippets';
import { HUGO_ARGUMENTS, HUGO_TEMPLATE_PATH, hugoCall, hugoTemplate } from './snippetsHugo';

const ebpf: UrlState = {
  ...DEFAULT_URL_STATE,
  scenario: { ...DEFAULT_URL_STATE.scenario, redirect: 'ebpf', istio: '1.20', waypoint: 'both' },
  hop: 9,
  present: true,
  autoplay: true,
  theme: 'dark',
};

const choices = (over: Partial<EmbedChoices> = {}): EmbedChoices => ({
  appUrl: 'https://docs.example.org/ambient/',
  state: ebpf,
  theme: 'auto',
  hop: 3,
  detail: 'full',
  height: 700,
  autoHeight: true,
  title: 'Ambient Packet Walk: eBPF, hop 4',
  ...over,
});

const block = (all: readonly PlatformSnippets[], id: string): string =>
  all.flatMap((p) => p.blocks).find((b) => b.id === id)!.code;

describe('the widget address of an embed', () => {
  it('opens the chosen scenario at the chosen hop and detail, embedded and paused, in theme=auto', () => {
    const src = widgetSrc(choices());
    expect(src.startsWith('https://docs.example.org/ambient/?')).toBe(true);
    expect(new URL(src).searchParams.get('theme')).toBe('auto');
    const { state, notices } = parseUrlState(new URL(src).search);
    expect(notices).toEqual([]);
    expect(state).toMatchObject({
      embed: true,
      present: false,
      autoplay: false,
      hop: 3,
      detail: 'full',
      theme: 'auto',
      scenario: { redirect: 'ebpf', waypoint: 'both' },
    });
  });

  it('never writes the author’s own theme unless chosen, and carries parentOrigin when given', () => {
    expect(widgetSrc(choices())).not.toContain('theme=dark');
    expect(widgetSrc(choices({ theme: 'light' }))).toContain('theme=light');
    const q = new URL(widgetSrc(choices({ parentOrigin: 'https://blog.example' }))).searchParams;
    expect(q.get('parentOrigin')).toBe('https://blog.example');
    const noOrigin = widgetSrc(choices({ state: { ...ebpf, parentOrigin: 'https://x.test' } }));
    expect(noOrigin).not.toContain('parentOrigin');
  });

  it('writes hop 1 too, so the author sees where it opens', () => {
    expect(new URL(widgetSrc(choices({ hop: 0 }))).searchParams.get('hop')).toBe('1');
  });
});

describe('the HTML snippet', () => {
  it('is an iframe with a title, lazy loading, full screen and the height, then the host script', () => {
    const code = block(embedSnippets(choices()), 'html');
    expect(code).toContain('title="Ambient Packet Walk: eBPF, hop 4"');
    expect(code).toContain('loading="lazy"');
    expect(code).toContain('allow="fullscreen"');
    expect(code).toContain('height: 700px');
    expect(code).toMatch(
      /<\/iframe>\n<script>\n[\s\S]*"https:\/\/docs\.example\.org"[\s\S]*<\/script>$/,
    );
  });

  it('escapes the address and the title for HTML', () => {
    const code = block(embedSnippets(choices({ title: 'a "b" <c> & d' })), 'html');
    expect(code).toContain('title="a &quot;b&quot; &lt;c> &amp; d"');
    const src = /src="([^"]*)"/.exec(code)![1]!.replace(/&amp;/g, '&');
    expect(src).toBe(widgetSrc(choices()));
    const iframe = code.slice(0, code.indexOf('</iframe>'));
    expect(iframe).not.toMatch(/&(?!amp;|quot;|lt;)/);
  });

  it('leaves the script out when auto-height is off', () => {
    expect(block(embedSnippets(choices({ autoHeight: false })), 'html')).not.toContain('<script');
  });
});

/** What the shortcode's template does with a call: its named arguments, through querify. */
function hugoRendersSrc(call: string, appUrl: string): string {
  const args = Object.fromEntries(
    [...call.matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1]!, m[2]!]),
  );
  const q = new URLSearchParams({ embed: '1' });
  for (const name of HUGO_ARGUMENTS) if (args[name]) q.set(name, args[name]);
  return `${appUrl}?${q.toString()}`;
}

describe('the Hugo snippet', () => {
  it('calls the shortcode with named arguments and no address, so nothing is escaped twice', () => {
    const call = hugoCall(choices());
    expect(call).toMatch(/^\{\{< ambient-walk .* >\}\}$/);
    expect(call).not.toContain('&');
    expect(call).not.toContain('src=');
    expect(call).toContain('redirect="ebpf"');
    expect(call).toContain('hop="4"');
    expect(call).toContain('theme="auto"');
    expect(call).toContain('height="700"');
  });

  it('gives the template what it needs to build the same address as the iframe', () => {
    const c = choices({ parentOrigin: 'https://blog.example' });
    const viaHugo = parseUrlState(new URL(hugoRendersSrc(hugoCall(c), c.appUrl)).search);
    const direct = parseUrlState(new URL(widgetSrc(c)).search);
    expect(viaHugo.notices).toEqual([]);
    expect(viaHugo.state).toEqual(direct.state);
  });

  it('names its template file, bakes in where the app is, and adds the script once per page', () => {
    const all = embedSnippets(choices());
    const hugo = all.find((p) => p.platform === 'hugo')!;
    expect(hugo.blocks.map((b) => b.target)).toContainEqual({ file: HUGO_TEMPLATE_PATH });
    const template = hugoTemplate(choices());
    expect(template).toContain('$app := "https://docs.example.org/ambient/"');
    expect(template).toContain('querify $query');
    expect(template).toContain('{{- if not (.Page.Store.Get "ambient-walk-host") }}');
    expect(template.match(/<script>/g)).toHaveLength(1);
    for (const name of HUGO_ARGUMENTS) expect(template).toContain(`"${name}"`);
    expect(hugoTemplate(choices({ autoHeight: false }))).not.toContain('<script>');
  });

  it('quotes a title with quotes in it the way Hugo reads it', () => {
    expect(hugoCall(choices({ title: 'say "hi"' }))).toContain('title="say \\"hi\\""');
  });
});
