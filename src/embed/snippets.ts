/**
 * What the Embed dialog gives an author to paste, per platform: plain HTML (an iframe and the
 * host script), Hugo (a shortcode call with named arguments and the shortcode's template) and
 * Docusaurus (an MDX element, a client module with the host script, and the config line that
 * loads it). Pure functions of the author's choices; each block says where it goes.
 */
import {
  appOrigin,
  escapeAttr,
  widgetSrc,
  type EmbedChoices,
  type PlatformSnippets,
} from './snippetsAddress';
import { docusaurusSnippet } from './snippetsDocusaurus';
import { hostScript } from './snippetsHost';
import { hugoSnippet } from './snippetsHugo';

export * from './snippetsAddress';

export function iframeHtml(c: EmbedChoices): string {
  return [
    '<iframe',
    `  src="${escapeAttr(widgetSrc(c))}"`,
    `  title="${escapeAttr(c.title)}"`,
    '  loading="lazy"',
    '  allow="fullscreen"',
    `  style="width: 100%; height: ${c.height}px; border: 0"`,
    '></iframe>',
  ].join('\n');
}

function htmlSnippet(c: EmbedChoices): PlatformSnippets {
  const code = c.autoHeight
    ? `${iframeHtml(c)}\n<script>\n${hostScript(appOrigin(c))}\n</script>`
    : iframeHtml(c);
  return {
    platform: 'html',
    label: 'HTML',
    blocks: [
      {
        id: 'html',
        label: c.autoHeight ? 'iframe and host script' : 'iframe',
        target: {
          place: c.autoHeight
            ? 'In the page, where the walk goes; the script once per page'
            : 'In the page, where the walk goes',
        },
        code,
      },
    ],
  };
}

/** Every platform's snippets for the author's choices. */
export function embedSnippets(c: EmbedChoices): readonly PlatformSnippets[] {
  return [htmlSnippet(c), hugoSnippet(c), docusaurusSnippet(c)];
}
