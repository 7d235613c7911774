/**
 * What an exported SVG carries instead of the page's stylesheet: each element's computed
 * style, written on the element, with every value concrete (no `var()`, no `light-dark()`, no
 * `color-mix()`), so the file draws the same in another browser, an editor or a slide tool.
 * Pure: it reads a computed style through a function, so tests give it plain maps.
 */

/** A computed style, as `getComputedStyle(el).getPropertyValue` reads it. */
export type StyleReader = (property: string) => string;

/**
 * Properties the diagram's stylesheets set that an SVG renderer understands, and that children
 * inherit: written on an element only where they differ from its parent's.
 */
export const INHERITED_PROPERTIES = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'stroke-linecap',
  'stroke-linejoin',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'letter-spacing',
  'text-anchor',
  'dominant-baseline',
  'paint-order',
  'visibility',
] as const;

/** Properties children do not inherit: written where they differ from the initial value. */
export const OWN_PROPERTIES = { opacity: '1' } as const;

/** What an SVG renderer assumes at the root when nothing says otherwise. */
export const SVG_INITIAL: Readonly<Record<(typeof INHERITED_PROPERTIES)[number], string>> = {
  fill: 'rgb(0, 0, 0)',
  'fill-opacity': '1',
  stroke: 'none',
  'stroke-width': '1',
  'stroke-opacity': '1',
  'stroke-dasharray': 'none',
  'stroke-linecap': 'butt',
  'stroke-linejoin': 'miter',
  'font-family': '',
  'font-size': '',
  'font-weight': '400',
  'font-style': 'normal',
  'letter-spacing': 'normal',
  'text-anchor': 'start',
  'dominant-baseline': 'auto',
  'paint-order': 'normal',
  visibility: 'visible',
};

const clamp255 = (v: number): number => Math.max(0, Math.min(255, Math.round(v * 255)));

/**
 * A computed colour as SVG 1.1 renderers read it. Chromium computes `color-mix(in srgb, …)` as
 * `color(srgb r g b)`, which Inkscape and librsvg do not know; that becomes `rgb()`/`rgba()`.
 */
export function normalizeColor(value: string): string {
  const m = /^color\(srgb\s+([\d.e-]+)\s+([\d.e-]+)\s+([\d.e-]+)(?:\s*\/\s*([\d.e-]+%?))?\)$/.exec(
    value.trim(),
  );
  if (!m) return value.trim();
  const [r, g, b] = [m[1], m[2], m[3]].map((x) => clamp255(Number(x)));
  const alphaText = m[4];
  const a =
    alphaText === undefined
      ? 1
      : alphaText.endsWith('%')
        ? Number(alphaText.slice(0, -1)) / 100
        : Number(alphaText);
  return a >= 1
    ? `rgb(${r}, ${g}, ${b})`
    : `rgba(${r}, ${g}, ${b}, ${Math.round(a * 1000) / 1000})`;
}

/** A value as the file writes it: concrete colours, unitless dash lengths and widths. */
export function normalizeValue(property: string, value: string): string {
  const v = value.trim();
  if (property === 'fill' || property === 'stroke') return normalizeColor(v);
  if (property === 'stroke-dasharray' || property === 'stroke-width')
    return v.replace(/(\d)px/g, '$1').replace(/,\s*/g, ' ');
  return v;
}

/**
 * The style attribute for one element: its inherited properties where they differ from its
 * parent's (or, at the root, from what a renderer assumes), and its own where they differ
 * from their initial value. Values are normalized first, so "5px, 4px" and "5 4" are equal.
 */
export function styleDeclarations(own: StyleReader, parent: StyleReader | null): string {
  const out: string[] = [];
  for (const p of INHERITED_PROPERTIES) {
    const value = normalizeValue(p, own(p));
    if (value === '') continue;
    const base = parent ? normalizeValue(p, parent(p)) : SVG_INITIAL[p];
    if (value !== base) out.push(`${p}: ${value}`);
  }
  for (const [p, initial] of Object.entries(OWN_PROPERTIES)) {
    const value = own(p).trim();
    if (value !== '' && value !== initial) out.push(`${p}: ${value}`);
  }
  return out.join('; ');
}

/** A computed CSS `matrix(a, b, c, d, e, f)` as an SVG transform attribute. */
export function matrixAttribute(computed: string): string | undefined {
  const m = /^matrix\(([^)]*)\)$/.exec(computed.trim());
  if (!m) return undefined;
  const n = m[1]!.split(',').map((x) => Number(x.trim()));
  if (n.length !== 6 || n.some((x) => !Number.isFinite(x))) return undefined;
  return `matrix(${n.map((x) => Math.round(x * 1000) / 1000).join(' ')})`;
}

/** Text as CSS `text-transform` shows it: an SVG renderer may not apply the property. */
export function transformText(text: string, transform: string): string {
  if (transform === 'uppercase') return text.toUpperCase();
  if (transform === 'lowercase') return text.toLowerCase();
  if (transform === 'capitalize') return text.replace(/\b\p{L}/gu, (c) => c.toUpperCase());
  return text;
}

/** CSS functions an exported file must not contain: they need the page's stylesheet. */
export const UNRESOLVED = /var\(|light-dark\(|color-mix\(|color\(srgb/;
