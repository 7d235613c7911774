/**
 * A hop as a figure for a file: the diagram the page draws (the same component, at rest, with
 * the landscape layout) with a caption under it, styled by the chosen theme and copied out with
 * every colour and font made concrete. One stage serves a whole export (the WebM's frames
 * too): it renders the diagram off screen once per hop.
 */
import { createRoot } from 'react-dom/client';
import { flushSync } from 'react-dom';
import type { PortableWalk as Walk } from '../../model';
import { createSettingsStore } from '../../store/settings';
import { Diagram } from '../diagram/Diagram';
import { layoutResource } from '../diagram/layoutCache';
import { legendFor } from '../diagram/legend';
import type { Layout } from '../diagram/shapes';
import { SettingsContext } from '../StoreContext';
import { captionText, wrapLines, type Measure } from './caption';
import { resolveColor, resolveFont, snapshotSvg } from './svgSnapshot';

const SVG_NS = 'http://www.w3.org/2000/svg';
const PAD = 32;
/** Caption type, in the figure's pixels. */
const TYPE = {
  position: { size: 18, weight: 400, lines: 1 },
  title: { size: 28, weight: 700, lines: 2 },
  narration: { size: 20, weight: 400, lines: 3 },
  footer: { size: 15, weight: 400, lines: 1 },
} as const;
const LEADING = 1.35;

export type FigureTheme = 'light' | 'dark';

export interface FigureStage {
  /** The figure's size in CSS pixels (the same for every hop of the walk). */
  readonly width: number;
  readonly height: number;
  /** The theme's page background, for the margins of a raster frame. */
  readonly background: string;
  /** The hop (0-based) as a standalone SVG document. */
  svgAt(index: number): string;
  dispose(): void;
}

/** Height of the caption block: every hop reserves the same, so frames of a walk line up. */
const captionHeight = (): number =>
  Object.values(TYPE).reduce((h, t) => h + t.size * LEADING * t.lines, 0) + 3 * 10;

export async function createFigureStage(walk: Walk, theme: FigureTheme): Promise<FigureStage> {
  const layout = await (layoutResource(walk, 'landscape') as Promise<Layout>);
  const host = document.createElement('div');
  host.setAttribute('aria-hidden', 'true');
  host.inert = true;
  host.style.cssText = `position:fixed;left:-100000px;top:0;width:${layout.width}px;color-scheme:${theme};pointer-events:none`;
  document.body.append(host);
  const root = createRoot(host);
  const store = createSettingsStore();
  const color = (v: string): string => resolveColor(host, `var(${v})`);
  const palette = { bg: color('--bg'), text: color('--text'), muted: color('--text-muted') };
  const font = resolveFont(host, 'var(--font)');
  const ctx = document.createElement('canvas').getContext('2d');
  const measureAt =
    (size: number, weight: number): Measure =>
    (s) => {
      if (!ctx) return s.length * size * 0.55;
      ctx.font = `${weight} ${size}px ${font}`;
      return ctx.measureText(s).width;
    };
  const width = layout.width + 2 * PAD;
  const height = PAD + layout.height + 24 + captionHeight() + PAD;
  const legend = legendFor(walk).map((b) => [b.label, color(`--c-${b.key}`)] as const);

  const text = (
    parent: Element,
    s: string,
    x: number,
    y: number,
    t: { size: number; weight: number },
    fill: string,
    anchor: 'start' | 'end' = 'start',
  ): void => {
    const el = document.createElementNS(SVG_NS, 'text');
    el.setAttribute('x', String(x));
    el.setAttribute('y', String(Math.round(y * 10) / 10));
    el.setAttribute('font-size', String(t.size));
    if (t.weight !== 400) el.setAttribute('font-weight', String(t.weight));
    el.setAttribute('fill', fill);
    if (anchor !== 'start') el.setAttribute('text-anchor', anchor);
    el.textContent = s;
    parent.append(el);
  };

  function compose(index: number, diagram: SVGSVGElement): SVGSVGElement {
    const c = captionText(walk, index);
    const svg = document.createElementNS(SVG_NS, 'svg');
    svg.setAttribute('xmlns', SVG_NS);
    svg.setAttribute('width', String(width));
    svg.setAttribute('height', String(height));
    svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
    svg.setAttribute('font-family', font);
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-labelledby', 'figure-title figure-desc');
    const title = document.createElementNS(SVG_NS, 'title');
    title.id = 'figure-title';
    title.textContent = `Ambient Packet Walk, ${c.walk}: ${c.position}. ${c.title}`;
    const desc = document.createElementNS(SVG_NS, 'desc');
    desc.id = 'figure-desc';
    desc.textContent = c.narration;
    const bg = document.createElementNS(SVG_NS, 'rect');
    for (const [k, v] of [
      ['width', width],
      ['height', height],
      ['fill', palette.bg],
    ] as const)
      bg.setAttribute(k, String(v));
    diagram.setAttribute('x', String(PAD));
    diagram.setAttribute('y', String(PAD));
    diagram.setAttribute('width', String(layout.width));
    diagram.setAttribute('height', String(layout.height));
    const caption = document.createElementNS(SVG_NS, 'g');
    caption.setAttribute('class', 'caption');
    const room = layout.width;
    let y = PAD + layout.height + 24;
    const block = (
      s: string,
      t: { size: number; weight: number; lines: number },
      fill: string,
      gap = 10,
    ): void => {
      const lines = wrapLines(s, room, measureAt(t.size, t.weight), t.lines);
      lines.forEach((line, i) =>
        text(caption, line, PAD, y + t.size + i * t.size * LEADING, t, fill),
      );
      // Lines follow one another; the room a shorter caption leaves is above the footer.
      y += t.size * LEADING * lines.length + gap;
    };
    block(c.position, TYPE.position, palette.muted);
    block(c.title, TYPE.title, palette.text);
    block(c.narration, TYPE.narration, palette.text);
    // The footer, at the same place on every hop: the legend on the left, the walk on the right.
    const f = TYPE.footer;
    y = height - PAD - f.size * LEADING;
    let x = PAD;
    const measureFooter = measureAt(f.size, f.weight);
    for (const [label, fill] of legend) {
      const sw = document.createElementNS(SVG_NS, 'rect');
      for (const [k, v] of [
        ['x', x],
        ['y', y + 3],
        ['width', 14],
        ['height', 14],
        ['rx', 3],
        ['fill', fill],
      ] as const)
        sw.setAttribute(k, String(v));
      caption.append(sw);
      text(caption, label, x + 20, y + f.size, f, palette.muted);
      x += 20 + measureFooter(label) + 18;
    }
    text(caption, c.walk, PAD + room, y + f.size, f, palette.muted, 'end');
    svg.append(title, desc, bg, diagram, caption);
    return svg;
  }

  return {
    width,
    height,
    background: palette.bg,
    svgAt(index) {
      flushSync(() =>
        root.render(
          <SettingsContext.Provider value={store}>
            <Diagram
              walk={walk}
              layout={layout}
              index={index}
              reduceMotion={true}
              speed={1}
              zoomable={false}
              idPrefix="export-diagram"
            />
          </SettingsContext.Provider>,
        ),
      );
      const live = host.querySelector('svg');
      if (!live) throw new Error('The diagram did not render for export.');
      const figure = compose(index, snapshotSvg(live));
      return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(figure)}\n`;
    },
    dispose() {
      root.unmount();
      host.remove();
    },
  };
}

/** The theme the page shows now (the app resolves `auto` onto <html data-theme>). */
export function shownTheme(): FigureTheme {
  return document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light';
}
