/**
 * ztunnel access-log lines, in either format it writes (`ztunnel/src/proxy/metrics.rs`
 * `access_log!`): text — `<time>\t<level>\taccess\tconnection complete\tk=v …`, values quoted
 * or not — and JSON (`LOG_FORMAT=json`) — one object a line with `"scope": "access"`. Other
 * lines (`--snip--`, other scopes) are skipped and counted.
 */

export interface AccessLogEntry {
  /** 1-based line number in the pasted text. */
  readonly line: number;
  readonly time?: string;
  /** `connection complete`, or `connection failed` for an early denial. */
  readonly message: string;
  /** `src.addr`, `dst.hbone_addr`, `direction`, `error`, … as strings. */
  readonly fields: Readonly<Record<string, string>>;
}

export interface AccessLog {
  readonly entries: readonly AccessLogEntry[];
  readonly skipped: number;
}

const PAIR = /([\w.]+)=("((?:[^"\\]|\\.)*)"|\S+)/g;

function textEntry(raw: string, line: number): AccessLogEntry | undefined {
  const m = /^(\S+)\s+\w+\s+access\s+(connection \w+)\s+(.*)$/.exec(raw.trim());
  if (!m) return undefined;
  const fields: Record<string, string> = {};
  for (const p of (m[3] ?? '').matchAll(PAIR))
    fields[p[1] as string] = p[3] !== undefined ? p[3].replace(/\\(.)/g, '$1') : (p[2] as string);
  return { line, time: m[1] as string, message: m[2] as string, fields };
}

function jsonEntry(raw: string, line: number): AccessLogEntry | undefined {
  let o: unknown;
  try {
    o = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (typeof o !== 'object' || o === null || Array.isArray(o)) return undefined;
  const r = o as Record<string, unknown>;
  if (r.scope !== 'access') return undefined;
  const fields: Record<string, string> = {};
  for (const [k, v] of Object.entries(r))
    if (!['level', 'time', 'scope', 'message'].includes(k) && v !== null && typeof v !== 'object')
      fields[k] = String(v);
  return {
    line,
    ...(typeof r.time === 'string' ? { time: r.time } : {}),
    message: typeof r.message === 'string' ? r.message : '',
    fields,
  };
}

/** Reads every access-log line of a pasted text; never throws. */
export function parseAccessLog(text: string): AccessLog {
  const entries: AccessLogEntry[] = [];
  let skipped = 0;
  text.split(/\r?\n/).forEach((raw, i) => {
    if (!raw.trim()) return;
    const e = raw.trimStart().startsWith('{') ? jsonEntry(raw, i + 1) : textEntry(raw, i + 1);
    if (e) entries.push(e);
    else skipped++;
  });
  return { entries, skipped };
}
