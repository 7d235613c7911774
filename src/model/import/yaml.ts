/**
 * A small YAML reader for what `istioctl … -o yaml` and `kubectl … -o yaml` print (the JSON
 * they would print, through sigs.k8s.io/yaml): block mappings and sequences (indented or at
 * the key's column), plain, single- and double-quoted scalars (folded over several lines),
 * literal and folded blocks (`|`, `|-`, `>`), `[]`, `{}`, short flow lists, comments and the
 * first `---` document. Not anchors, tags or complex keys: those fail with a line number.
 * Loaded on demand, only when a YAML input arrives.
 */

export class YamlError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`${message} (line ${line})`);
  }
}

interface Line {
  readonly n: number;
  readonly indent: number;
  readonly text: string;
}

const MAX_DEPTH = 200;
const KEY =
  /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"{[\]}&*!|>%@`-][^:#]*?|-[^\s:][^:#]*?)\s*:(?:\s+|$)(.*)$/;

function lex(text: string): Line[] {
  const out: Line[] = [];
  const raw = text.split(/\r?\n/);
  let started = false;
  for (let i = 0; i < raw.length; i++) {
    const line = (raw[i] ?? '').replace(/\t/g, '  ');
    const trimmed = line.trim();
    if (trimmed === '---' || trimmed.startsWith('--- ')) {
      if (started) break;
      started = true;
      continue;
    }
    if (trimmed === '...') break;
    if (trimmed === '' || trimmed.startsWith('#')) {
      // Blank lines inside a literal block are kept (as empty text) for the block to read.
      out.push({ n: i + 1, indent: -1, text: '' });
      continue;
    }
    started = true;
    out.push({ n: i + 1, indent: line.length - line.trimStart().length, text: line.trimStart() });
  }
  return out;
}

/** Parses the first YAML document of `text` into plain JSON values; throws YamlError. */
export function parseYaml(text: string): unknown {
  const lines = lex(text);
  let i = 0;
  const skipBlank = (): void => {
    while (i < lines.length && lines[i]!.indent < 0) i++;
  };
  const fail = (message: string): never => {
    throw new YamlError(message, lines[Math.min(i, lines.length - 1)]?.n ?? 0);
  };

  const scalar = (first: string, parentIndent: number): unknown => {
    let s = stripComment(first);
    // A quoted or plain scalar may be folded over the following, deeper lines.
    const open = (s.startsWith('"') && !closed(s, '"')) || (s.startsWith("'") && !closed(s, "'"));
    if (open || (!/^[[{"'|>]/.test(s) && s !== '')) {
      while (i < lines.length) {
        const l = lines[i]!;
        if (l.indent < 0) {
          if (!open) break;
          i++;
          s += '\n';
          continue;
        }
        if (l.indent <= parentIndent && !open) break;
        if (!open && (KEY.test(l.text) || l.text.startsWith('- '))) break;
        s += (s.endsWith('\n') ? '' : ' ') + stripComment(l.text);
        i++;
        if (open && closed(s, s[0] as string)) break;
      }
    }
    return value(s.trim(), lines[i - 1]?.n ?? 0);
  };

  const block = (header: string, parentIndent: number): string => {
    const keep = header.includes('+');
    const strip = header.includes('-');
    const folded = header.startsWith('>');
    const parts: string[] = [];
    let indent = -1;
    while (i < lines.length) {
      const l = lines[i]!;
      if (l.indent >= 0 && l.indent <= parentIndent) break;
      if (l.indent >= 0 && indent < 0) indent = l.indent;
      parts.push(l.indent < 0 ? '' : ' '.repeat(l.indent - indent) + l.text);
      i++;
    }
    let body = folded ? parts.join(' ').replace(/ {2,}/g, ' ') : parts.join('\n');
    if (strip) body = body.replace(/\n+$/, '');
    else if (!keep) body = body.replace(/\n*$/, '\n');
    return body;
  };

  const node = (indent: number, depth: number): unknown => {
    if (depth > MAX_DEPTH) fail('nested too deeply');
    skipBlank();
    const l = lines[i];
    if (!l || l.indent < indent) return null;
    if (l.text === '-' || l.text.startsWith('- ')) return sequence(l.indent, depth);
    if (KEY.test(l.text)) return mapping(l.indent, depth);
    i++;
    return scalar(l.text, l.indent - 1);
  };

  const sequence = (indent: number, depth: number): unknown[] => {
    const out: unknown[] = [];
    for (skipBlank(); i < lines.length; skipBlank()) {
      const l = lines[i]!;
      if (l.indent !== indent || !(l.text === '-' || l.text.startsWith('- '))) break;
      const rest = l.text.slice(1).trimStart();
      if (rest === '') {
        i++;
        out.push(node(indent + 1, depth + 1));
      } else if (KEY.test(rest)) {
        // "- key: value": a mapping whose first entry sits on the dash's line.
        lines[i] = { n: l.n, indent: indent + 2, text: rest };
        out.push(mapping(indent + 2, depth + 1));
      } else if (rest.startsWith('- ')) {
        lines[i] = { n: l.n, indent: indent + 2, text: rest };
        out.push(sequence(indent + 2, depth + 1));
      } else {
        i++;
        out.push(/^[|>]/.test(rest) ? block(rest, indent) : scalar(rest, indent));
      }
    }
    return out;
  };

  const mapping = (indent: number, depth: number): Record<string, unknown> => {
    const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    for (skipBlank(); i < lines.length; skipBlank()) {
      const l = lines[i]!;
      if (l.indent !== indent) {
        if (l.indent > indent) fail('unexpected indentation');
        break;
      }
      const m = KEY.exec(l.text);
      if (!m) {
        if (l.text.startsWith('- ')) break;
        fail(`expected "key: value", got ${JSON.stringify(l.text.slice(0, 40))}`);
      }
      const key = String(value((m![1] as string).trim(), l.n));
      const rest = stripComment(m![2] ?? '');
      i++;
      let v: unknown;
      if (rest === '') {
        skipBlank();
        const next = lines[i];
        v =
          next && (next.indent > indent || (next.indent === indent && next.text.startsWith('- ')))
            ? node(next.indent, depth + 1)
            : null;
      } else if (/^[|>][-+]?\d*$/.test(rest)) v = block(rest, indent);
      else v = scalar(rest, indent);
      out[key] = v;
    }
    return { ...out };
  };

  skipBlank();
  if (i >= lines.length) return null;
  const result = node(0, 0);
  skipBlank();
  if (i < lines.length) fail('unexpected content');
  return result;
}

function closed(s: string, q: string): boolean {
  if (s.length < 2) return false;
  if (q === "'") return /^'(?:[^']|'')*'\s*$/.test(s);
  return /^"(?:[^"\\]|\\.)*"\s*$/.test(s);
}

function stripComment(s: string): string {
  if (s.startsWith('"') || s.startsWith("'")) return s.trim();
  const at = s.search(/\s#/);
  return (at >= 0 ? s.slice(0, at) : s).trim();
}

function value(s: string, line: number): unknown {
  if (s === '' || s === '~' || s === 'null' || s === 'Null' || s === 'NULL') return null;
  if (s === 'true' || s === 'True') return true;
  if (s === 'false' || s === 'False') return false;
  if (/^[-+]?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?$/.test(s)) return Number(s);
  if (s.startsWith("'")) return s.slice(1, s.lastIndexOf("'")).replace(/''/g, "'");
  if (s.startsWith('"')) {
    try {
      return JSON.parse(
        s.replace(/\\x([0-9a-fA-F]{2})/g, '\\u00$1').replace(/\n/g, ' '),
      ) as unknown;
    } catch {
      throw new YamlError('bad double-quoted string', line);
    }
  }
  if (s === '[]') return [];
  if (s === '{}') return {};
  if (s.startsWith('[') && s.endsWith(']'))
    return s
      .slice(1, -1)
      .split(',')
      .map((x) => value(x.trim(), line));
  if (
    s.startsWith('{') ||
    s.startsWith('[') ||
    s.startsWith('&') ||
    s.startsWith('*') ||
    s.startsWith('!')
  )
    throw new YamlError(`unsupported YAML (${s.slice(0, 20)})`, line);
  return s;
}
