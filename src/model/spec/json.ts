/**
 * JSON.parse with an answer instead of an exception: the value, or where the text stops being
 * JSON (line and column, counted here since browsers word their messages differently).
 */
export type JsonResult =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly line: number; readonly column: number; readonly atEnd: boolean };

/** Line and column (1-based) of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      last = i;
    }
  }
  return { line, column: offset - last };
}

/** Parses JSON; on failure says where (the end of the text when it was cut short). */
export function parseJson(text: string): JsonResult {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const pos = /position (\d+)/.exec(message);
    const lc = /line (\d+) column (\d+)/.exec(message);
    const atEnd = /end of (JSON|data) input|Unterminated string/i.test(message) || !pos;
    const offset = pos ? Number(pos[1]) : text.length;
    const where = lc ? { line: Number(lc[1]), column: Number(lc[2]) } : lineColumn(text, offset);
    return { ok: false, ...where, atEnd: atEnd || offset >= text.trimEnd().length };
  }
}
