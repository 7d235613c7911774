/**
 * Docusaurus (MDX 3): the iframe as a JSX element (a style object, not a string; no <script>,
 * which MDX cannot parse), and the host script as a client module that the site's config
 * loads on every page. Docusaurus also runs client modules while it renders pages on the
 * server, where there is no window, so the module checks for one.
 */
import { hostScript } from './snippetsHost';
import { appOrigin, widgetSrc, type EmbedChoices, type PlatformSnippets } from './snippetsAddress';

export const DOCUSAURUS_CLIENT_MODULE = 'src/clientModules/ambient-walk.js';

/** Text for a JSX attribute string: MDX decodes character references there, as HTML does. */
function jsxAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
}

export function docusaurusMdx(c: EmbedChoices): string {
  return [
    '<iframe',
    `  src="${jsxAttr(widgetSrc(c))}"`,
    `  title="${jsxAttr(c.title)}"`,
    '  loading="lazy"',
    '  allow="fullscreen"',
    `  style={{ width: '100%', height: ${c.height}, border: 0 }}`,
    '/>',
  ].join('\n');
}

export function docusaurusClientModule(c: EmbedChoices): string {
  return [
    '// Sizes each Ambient Packet Walk to its content and passes the site’s theme on.',
    "if (typeof window !== 'undefined') {",
    hostScript(appOrigin(c))
      .split('\n')
      .map((l) => `  ${l}`)
      .join('\n'),
    '}',
    '',
  ].join('\n');
}

export function docusaurusConfig(): string {
  return [
    'export default {',
    '  // …the rest of your config…',
    `  clientModules: ['./${DOCUSAURUS_CLIENT_MODULE}'],`,
    '};',
  ].join('\n');
}

export function docusaurusSnippet(c: EmbedChoices): PlatformSnippets {
  const element = {
    id: 'docusaurus-mdx',
    label: 'MDX element',
    target: { place: 'In the page’s .mdx file, where the walk goes' },
    code: docusaurusMdx(c),
  };
  return {
    platform: 'docusaurus',
    label: 'Docusaurus',
    blocks: c.autoHeight
      ? [
          element,
          {
            id: 'docusaurus-module',
            label: 'Client module (host script)',
            target: { file: DOCUSAURUS_CLIENT_MODULE },
            code: docusaurusClientModule(c),
          },
          {
            id: 'docusaurus-config',
            label: 'Load the client module on every page (add clientModules)',
            target: { file: 'docusaurus.config.js' },
            code: docusaurusConfig(),
          },
        ]
      : [element],
  };
}
