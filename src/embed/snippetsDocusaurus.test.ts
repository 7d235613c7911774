/**
 * The Docusaurus snippets compiled and run by MDX 3 (@mdx-js/mdx, what Docusaurus 3 builds pages
 * with), and the client module and config line run as the modules they are.
 * The positive control is the snippet the dialog used to give: an MDX element followed by the
 * auto-height <script>, which MDX cannot parse.
 */
import { compile, evaluate } from '@mdx-js/mdx';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_URL_STATE } from '../store/urlState';
import { widgetSrc, type EmbedChoices } from './snippets';
import {
  DOCUSAURUS_CLIENT_MODULE,
  docusaurusClientModule,
  docusaurusConfig,
  docusaurusMdx,
  docusaurusSnippet,
} from './snippetsDocusaurus';

const choices: EmbedChoices = {
  appUrl: 'https://walk.example/ambient/',
  state: {
    ...DEFAULT_URL_STATE,
    scenario: { ...DEFAULT_URL_STATE.scenario, waypoint: 'httpbin', policy: 'deny-l7' },
  },
  theme: 'auto',
  hop: 5,
  detail: 'overview',
  height: 720,
  parentOrigin: 'https://docs.example.org',
  autoHeight: true,
  title: 'Ambient Packet Walk: a "waypoint" & an L7 deny',
};

/** A docs page as an author writes it, with the dialog's element pasted in. */
const page = (element: string): string =>
  `---\ntitle: Ambient mesh\n---\n\n# How a request gets there\n\nSome prose.\n\n${element}\n\nMore prose.\n`;

interface Element {
  readonly type: unknown;
  readonly props: Record<string, unknown>;
}

/**
 * Runs the compiled page with a JSX runtime that records elements (the embed layer imports no
 * React), and returns the elements it made: what React would be handed.
 */
async function elementsOf(source: string): Promise<Element[]> {
  const made: Element[] = [];
  const jsx = (type: unknown, props: Record<string, unknown>): Element => {
    const e = { type, props };
    made.push(e);
    return e;
  };
  const { default: Content } = await evaluate(source, {
    Fragment: Symbol('Fragment'),
    jsx,
    jsxs: jsx,
    baseUrl: import.meta.url,
  });
  (Content as (props: object) => unknown)({});
  return made;
}

/** What the dialog gave before: the element, and the auto-height script pasted below it. */
const OLD_SNIPPET = `<iframe
  src="https://walk.example/ambient/?hop=6&amp;embed=1"
  title="Ambient Packet Walk: iptables, hop 6"
  loading="lazy"
  allow="fullscreen"
  style={{ width: '100%', height: 640, border: 0 }}
/>

<script>
  // Size each Ambient Packet Walk iframe to its content.
  addEventListener('message', (e) => {
    if (e.origin !== 'https://walk.example' || !e.data || e.data.type !== 'ambient-walk:resize') return;
    for (const f of document.querySelectorAll('iframe')) {
      if (f.contentWindow === e.source) f.style.height = e.data.height + 'px';
    }
  });
</script>`;

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('the Docusaurus snippet in MDX 3', () => {
  it('compiles in a page and renders the iframe at the widget’s address, sized by a style object', async () => {
    const source = page(docusaurusMdx(choices));
    await expect(compile(source)).resolves.toBeDefined();
    const iframes = (await elementsOf(source)).filter((e) => e.type === 'iframe');
    expect(iframes).toHaveLength(1);
    expect(iframes[0]!.props).toEqual({
      src: widgetSrc(choices),
      title: choices.title,
      loading: 'lazy',
      allow: 'fullscreen',
      style: { width: '100%', height: 720, border: 0 },
    });
  });

  it('has no <script> in what goes in the page', () => {
    const mdx = docusaurusSnippet(choices).blocks.find((b) => b.id === 'docusaurus-mdx')!;
    expect(mdx.code).not.toContain('<script');
  });

  it('positive control: the snippet the dialog gave before does not compile', async () => {
    await expect(compile(page(OLD_SNIPPET))).rejects.toThrow(
      /Could not parse expression with acorn/,
    );
  });
});

describe('the Docusaurus client module and config', () => {
  const write = (name: string, text: string): string => {
    const dir = mkdtempSync(join(tmpdir(), 'ambient-docusaurus-'));
    dirs.push(dir);
    const file = join(dir, name);
    writeFileSync(file, text);
    return pathToFileURL(file).href;
  };

  it('the config line loads the module from the path the dialog names', async () => {
    const config = (await import(
      /* @vite-ignore */ write('docusaurus.config.mjs', docusaurusConfig())
    )) as {
      default: { clientModules: string[] };
    };
    expect(config.default.clientModules).toEqual([`./${DOCUSAURUS_CLIENT_MODULE}`]);
  });

  it('the module does nothing while Docusaurus renders on the server, and listens in the browser', async () => {
    const url = write('ambient-walk.mjs', docusaurusClientModule(choices));
    expect('window' in globalThis).toBe(false);
    await import(/* @vite-ignore */ `${url}?server`);
    const listened: string[] = [];
    const g = globalThis as Record<string, unknown>;
    g.window = { addEventListener: (type: string) => listened.push(type) };
    g.document = {
      documentElement: { getAttribute: () => 'dark', classList: { contains: () => false } },
      body: null,
      getElementsByTagName: () => [],
      addEventListener: () => undefined,
    };
    g.MutationObserver = class {
      observe(): void {}
    };
    try {
      await import(/* @vite-ignore */ `${url}?browser`);
      expect(listened).toEqual(['message']);
      expect((g.window as Record<string, unknown>).ambientWalkHost).toBe(true);
    } finally {
      delete g.window;
      delete g.document;
      delete g.MutationObserver;
    }
  });
});
