import { describe, expect, it } from 'vitest';
import {
  matrixAttribute,
  normalizeColor,
  styleDeclarations,
  transformText,
  UNRESOLVED,
  type StyleReader,
} from './styleInline';

const style =
  (m: Record<string, string>): StyleReader =>
  (p) =>
    m[p] ?? '';

describe('style inlining for exported SVG', () => {
  it('turns the color(srgb …) Chromium computes for color-mix into rgb() and rgba()', () => {
    expect(normalizeColor('color(srgb 0.5 0.25 1)')).toBe('rgb(128, 64, 255)');
    expect(normalizeColor('color(srgb 0 0 0 / 0.5)')).toBe('rgba(0, 0, 0, 0.5)');
    expect(normalizeColor('color(srgb 1 1 1 / 25%)')).toBe('rgba(255, 255, 255, 0.25)');
    expect(normalizeColor('rgb(29, 95, 194)')).toBe('rgb(29, 95, 194)');
    expect(normalizeColor('none')).toBe('none');
  });

  it('writes at the root what differs from what an SVG renderer assumes', () => {
    const decl = styleDeclarations(
      style({ fill: 'rgb(0, 0, 0)', stroke: 'rgb(1, 2, 3)', 'font-size': '17px', opacity: '1' }),
      null,
    );
    expect(decl).toBe('stroke: rgb(1, 2, 3); font-size: 17px');
  });

  it('writes an inherited property on a child only where it differs from its parent', () => {
    const parent = style({ fill: 'rgb(10, 10, 10)', 'stroke-width': '2px' });
    expect(styleDeclarations(style({ fill: 'rgb(10, 10, 10)', 'stroke-width': '2' }), parent)).toBe(
      '',
    );
    // Black on a child of a red parent must be written, or the child would inherit red.
    expect(
      styleDeclarations(style({ fill: 'rgb(0, 0, 0)' }), style({ fill: 'rgb(255, 0, 0)' })),
    ).toBe('fill: rgb(0, 0, 0)');
  });

  it('writes opacity, which children do not inherit, wherever it is not 1', () => {
    expect(styleDeclarations(style({ opacity: '0.6' }), style({ opacity: '0.6' }))).toBe(
      'opacity: 0.6',
    );
  });

  it('writes dash arrays and widths without px and commas', () => {
    expect(
      styleDeclarations(style({ 'stroke-dasharray': '5px, 4px', 'stroke-width': '1.5px' }), null),
    ).toBe('stroke-width: 1.5; stroke-dasharray: 5 4');
  });

  it('leaves no CSS variable or theme function in what it writes', () => {
    const decl = styleDeclarations(
      style({ fill: 'color(srgb 0.2 0.3 0.4)', stroke: 'rgb(1, 1, 1)' }),
      null,
    );
    expect(UNRESOLVED.test(decl)).toBe(false);
    expect(UNRESOLVED.test('fill: var(--bg)')).toBe(true);
    expect(UNRESOLVED.test('fill: light-dark(#fff, #000)')).toBe(true);
  });

  it('turns a computed CSS matrix into an SVG transform attribute', () => {
    expect(matrixAttribute('matrix(1, 0, 0, 1, 120.5, 40)')).toBe('matrix(1 0 0 1 120.5 40)');
    expect(matrixAttribute('none')).toBeUndefined();
    expect(matrixAttribute('matrix(1, 0, 0)')).toBeUndefined();
  });

  it('applies text-transform to the text itself', () => {
    expect(transformText('host network', 'uppercase')).toBe('HOST NETWORK');
    expect(transformText('Host', 'none')).toBe('Host');
  });
});
