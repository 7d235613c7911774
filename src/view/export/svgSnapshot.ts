/**
 * A live, styled SVG element copied into a file's worth of SVG: every element's computed style
 * written on it (styleInline.ts decides what), CSS-placed boxes turned into SVG attributes
 * (`transform`, a rect's `width`/`height`), text transforms applied to the text, classes and
 * ARIA wiring dropped. The live element must be in the document (computed styles need it).
 */
import { matrixAttribute, styleDeclarations, transformText, type StyleReader } from './styleInline';

const reader =
  (cs: CSSStyleDeclaration): StyleReader =>
  (p) =>
    cs.getPropertyValue(p);

/** Attributes that only make sense in the page (its stylesheet, its ids, its handlers). */
const PAGE_ATTRIBUTES = [
  'class',
  'style',
  'role',
  'tabindex',
  'aria-describedby',
  'aria-labelledby',
  'aria-label',
  'aria-hidden',
  'data-orientation',
];

function copyStyles(live: Element, clone: Element, parent: CSSStyleDeclaration | null): void {
  const cs = getComputedStyle(live);
  if (cs.display === 'none') {
    clone.remove();
    return;
  }
  const inlineTransform = (live as SVGElement).style?.transform;
  const decl = styleDeclarations(reader(cs), parent ? reader(parent) : null);
  for (const a of PAGE_ATTRIBUTES) clone.removeAttribute(a);
  for (const a of [...clone.attributes])
    if (a.name.startsWith('data-')) clone.removeAttribute(a.name);
  if (inlineTransform) {
    const m = matrixAttribute(cs.transform);
    if (m) clone.setAttribute('transform', m);
  }
  if (live.tagName === 'rect') {
    // The diagram sizes boxes in CSS (so they can grow smoothly); a file says it in attributes.
    for (const p of ['width', 'height'] as const) {
      const v = parseFloat(cs.getPropertyValue(p));
      if (Number.isFinite(v) && (live as SVGElement).style?.[p]) clone.setAttribute(p, String(v));
    }
  }
  if (decl) clone.setAttribute('style', decl);
  if (cs.textTransform && cs.textTransform !== 'none') {
    for (const n of clone.childNodes)
      if (n.nodeType === Node.TEXT_NODE)
        n.textContent = transformText(n.textContent ?? '', cs.textTransform);
  }
  const pairs = [...live.children].map((c, i) => [c, clone.children[i]!] as const);
  for (const [l, c] of pairs) copyStyles(l, c, cs);
}

/** The SVG element as a standalone copy, its looks written on it. */
export function snapshotSvg(live: SVGSVGElement): SVGSVGElement {
  const clone = live.cloneNode(true) as SVGSVGElement;
  copyStyles(live, clone, null);
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  return clone;
}

/** A colour the page's theme names (`var(--text)`), resolved where `within` is. */
export function resolveColor(within: Element, cssColor: string): string {
  const probe = document.createElement('span');
  probe.style.color = cssColor;
  within.append(probe);
  const value = getComputedStyle(probe).color;
  probe.remove();
  return value;
}

/** A font stack the page's theme names (`var(--font)`), resolved where `within` is. */
export function resolveFont(within: Element, cssFont: string): string {
  const probe = document.createElement('span');
  probe.style.fontFamily = cssFont;
  within.append(probe);
  const value = getComputedStyle(probe).fontFamily;
  probe.remove();
  return value;
}
