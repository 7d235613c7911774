/**
 * How much room a label takes, estimated without a browser (the layout runs at build time and
 * in tests): characters × type size × the font's average character width. One estimate, used
 * by the layout to size and place things and by the tests to check that nothing overlaps.
 */
import type { Font } from './dimensions';

export function textWidth(text: string, font: Font): number {
  return text.length * font.size * font.em;
}

/** A label's box, from its anchor point and text-anchor, for overlap checks. */
export interface TextBox {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/**
 * The box of a text whose baseline is at `y`: from about the cap height above it to the
 * descenders below.
 */
export function textBox(
  text: string,
  font: Font,
  x: number,
  y: number,
  anchor: 'start' | 'middle' | 'end',
): TextBox {
  const w = textWidth(text, font);
  const left = anchor === 'start' ? x : anchor === 'middle' ? x - w / 2 : x - w;
  return { x: left, y: y - font.size * 0.8, w, h: font.size };
}

/** The first of the candidates (longest first) that fits in `width`; the last one if none does. */
export function fitting(candidates: readonly string[], font: Font, width: number): string {
  for (const c of candidates) if (textWidth(c, font) <= width) return c;
  return candidates[candidates.length - 1] ?? '';
}

/** A piece of a label, and what joins it to the piece before on one line. */
interface Piece {
  readonly text: string;
  readonly glue: '' | ' ';
}

/** A label's pieces: its words, and the parts of a word too long for `width`, broken after hyphens. */
function pieces(text: string, font: Font, width: number): Piece[] {
  return text.split(' ').flatMap((word): Piece[] => {
    if (textWidth(word, font) <= width) return [{ text: word, glue: ' ' }];
    return word.split(/(?<=-)/).map((part, i) => ({ text: part, glue: i === 0 ? ' ' : '' }));
  });
}

/** The widest piece a label can be broken into for `width` (what a box must hold at least). */
export function widestPiece(text: string, font: Font, width: number): number {
  return Math.max(0, ...pieces(text, font, width).map((p) => textWidth(p.text, font)));
}

/**
 * Breaks a label into as few lines as fit in `width`: at spaces, and after hyphens inside a
 * word too long for a line (a piece longer still stays whole).
 */
export function wrapWords(text: string, font: Font, width: number): string[] {
  const lines: string[] = [];
  for (const piece of pieces(text, font, width)) {
    const last = lines[lines.length - 1];
    const joined = `${last}${piece.glue}${piece.text}`;
    if (last !== undefined && textWidth(joined, font) <= width) lines[lines.length - 1] = joined;
    else lines.push(piece.text);
  }
  return lines;
}
