/**
 * The snippets the Embed dialog offers: an iframe, a Hugo shortcode, a Docusaurus (MDX)
 * element, and a few lines for the parent page that size the iframe to its content.
 */
import { serializeUrlState, type UrlState } from '../store/urlState';

export interface SnippetInput {
  /** Where the app is served: origin + path, e.g. https://example.org/ambient-walk/. */
  readonly appUrl: string;
  readonly state: UrlState;
  readonly theme: 'light' | 'dark' | 'auto';
  readonly title: string;
}

export interface Snippets {
  readonly src: string;
  readonly iframe: string;
  readonly hugoShortcode: string;
  readonly hugoTemplate: string;
  readonly docusaurus: string;
  readonly resizeScript: string;
}

const HEIGHT = 640;

function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

export function embedSnippets(input: SnippetInput): Snippets {
  const state: UrlState = {
    ...input.state,
    embed: true,
    present: false,
    autoplay: false,
    theme: input.theme,
  };
  const search = serializeUrlState(state);
  const src = `${input.appUrl}${search}`;
  const origin = new URL(input.appUrl).origin;
  const title = escapeAttr(input.title);
  const iframe = `<iframe src="${escapeAttr(src)}" title="${title}" loading="lazy" allow="fullscreen" style="width: 100%; height: ${HEIGHT}px; border: 0;"></iframe>`;
  const hugoShortcode = `{{< ambient-walk src="${escapeAttr(src)}" title="${title}" >}}`;
  const hugoTemplate = [
    '{{/* layouts/shortcodes/ambient-walk.html */}}',
    `<iframe src="{{ .Get "src" }}" title="{{ .Get "title" }}" loading="lazy" allow="fullscreen"`,
    `  style="width: 100%; height: ${HEIGHT}px; border: 0;" data-ambient-walk></iframe>`,
  ].join('\n');
  const docusaurus = [
    '<iframe',
    `  src="${escapeAttr(src)}"`,
    `  title="${title}"`,
    '  loading="lazy"',
    '  allow="fullscreen"',
    `  style={{ width: '100%', height: ${HEIGHT}, border: 0 }}`,
    '/>',
  ].join('\n');
  const resizeScript = [
    '<script>',
    '  // Size each Ambient Packet Walk iframe to its content.',
    "  addEventListener('message', (e) => {",
    `    if (e.origin !== '${origin}' || !e.data || e.data.type !== 'ambient-walk:resize') return;`,
    "    for (const f of document.querySelectorAll('iframe')) {",
    "      if (f.contentWindow === e.source) f.style.height = e.data.height + 'px';",
    '    }',
    '  });',
    '</script>',
  ].join('\n');
  return { src, iframe, hugoShortcode, hugoTemplate, docusaurus, resizeScript };
}
