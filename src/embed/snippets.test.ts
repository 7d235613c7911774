import { describe, expect, it } from 'vitest';
import { DEFAULT_URL_STATE, parseUrlState } from '../store/urlState';
import { embedSnippets } from './snippets';

describe('embed snippets', () => {
  const s = embedSnippets({
    appUrl: 'https://docs.example.org/ambient/',
    state: {
      ...DEFAULT_URL_STATE,
      scenario: { ...DEFAULT_URL_STATE.scenario, redirect: 'ebpf', istio: '1.20' },
      hop: 4,
      present: true,
    },
    theme: 'dark',
    title: 'Ambient Packet Walk: eBPF',
  });

  it('points the iframe at the same scenario and hop, embedded, with the theme', () => {
    const q = new URL(s.src).search;
    const { state, notices } = parseUrlState(q);
    expect(notices).toEqual([]);
    expect(state).toMatchObject({
      embed: true,
      present: false,
      hop: 4,
      theme: 'dark',
      scenario: { redirect: 'ebpf' },
    });
  });

  it('has a title, lazy loading and full screen allowed', () => {
    expect(s.iframe).toContain('title="Ambient Packet Walk: eBPF"');
    expect(s.iframe).toContain('loading="lazy"');
    expect(s.iframe).toContain('allow="fullscreen"');
    expect(s.docusaurus).toContain("style={{ width: '100%'");
    expect(s.hugoShortcode).toMatch(
      /^\{\{< ambient-walk src="https:\/\/docs\.example\.org\/ambient\/\?/,
    );
  });

  it('gives a resize script that only trusts the app origin', () => {
    expect(s.resizeScript).toContain("e.origin !== 'https://docs.example.org'");
    expect(s.resizeScript).toContain('ambient-walk:resize');
  });

  it('escapes quotes in attributes', () => {
    const q = embedSnippets({
      appUrl: 'https://x.test/',
      state: DEFAULT_URL_STATE,
      theme: 'auto',
      title: 'a "b" <c>',
    });
    expect(q.iframe).toContain('title="a &quot;b&quot; &lt;c>"');
  });
});
