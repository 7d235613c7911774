/**
 * A table of URL parameters and what it drives: parsing an address into a state with notices,
 * writing a state back as an address, the list of known names, and the README's table. A
 * parameter is one row; nothing else in the page spells out its name, values or default.
 *
 * Parsing never throws: a malformed value becomes a notice naming the parameter, and the
 * parameter keeps its default. A row may also check its value against the rest of the state
 * (a release that the chosen mode does not have); the state then takes the row's fallback,
 * with a notice when the address gave the value and silently when the value was a default.
 */

export interface Notice {
  readonly id: string;
  readonly param: string;
  readonly message: string;
}

/** What a cross-parameter check returns when the value does not fit the rest of the state. */
export interface Fallback<V> {
  readonly value: V;
  readonly message: string;
}

/**
 * One URL parameter. Members are methods so a table of rows with different value types can be
 * held as `Param<S>`; `param()` checks each row against its own value type.
 */
export interface ParamRow<S, V> {
  readonly key: string;
  /** Which of the README's tables lists it. */
  readonly group: 'scenario' | 'view';
  /** The values it takes, as Markdown for the README. */
  readonly values: string;
  /** What it does, as Markdown for the README. */
  readonly doc: string;
  readonly default: V;
  /** The typed value from the address's text; undefined when malformed. */
  parse(raw: string): V | undefined;
  serialize(value: V): string;
  /** The notice's words: “key” must be {expected}; got "x". {fallback} */
  readonly expected: string;
  readonly fallback?: string;
  get(state: S): V;
  /** A copy of the state with this parameter set (undefined removes an optional one). */
  set(state: S, value: V): S;
  /** A rule over the whole state, run once every parameter is read. */
  check?(value: V, state: S): Fallback<V> | undefined;
  /**
   * The value this state falls back to when the address leaves the parameter out (the mode's
   * own release); `default` when absent. The address writes only what differs from it.
   */
  implied?(state: S): V;
}

export type Param<S> = ParamRow<S, unknown>;

/** A row, type-checked against its own value type, for a table of mixed rows. */
export function param<S, V>(row: ParamRow<S, V>): Param<S> {
  return row as Param<S>;
}

/** Query parameters that link trackers add; ignored without a notice. */
const IGNORED = /^(utm_[a-z]+|fbclid|gclid|ref|_ga)$/;

const MAX_VALUE_SHOWN = 40;

/** A value as a notice quotes it: JSON-quoted and cut short. */
export function shown(value: string): string {
  const v = value.length > MAX_VALUE_SHOWN ? `${value.slice(0, MAX_VALUE_SHOWN)}…` : value;
  return JSON.stringify(v);
}

export interface ParamTable<S> {
  readonly rows: readonly Param<S>[];
  readonly keys: readonly string[];
  readonly defaults: S;
  parse(search: string): { state: S; notices: Notice[] };
  serialize(state: S): string;
  /** The table's parameters of `source` (anything with the state's fields), and nothing else. */
  pick(source: S): S;
}

/**
 * The parser, writer and snapshot a list of rows defines. `fields` names every field of the
 * state once, in the order states keep them (they are compared as JSON in places); the rows
 * give every field its value.
 */
export function paramTable<S extends object>(
  rows: readonly Param<S>[],
  fields: { readonly [K in keyof S]-?: null },
): ParamTable<S> {
  const base = { ...fields } as unknown as S;
  const defaults = rows.reduce((s, r) => r.set(s, r.default), base);
  const keys = rows.map((r) => r.key);
  const byKey = new Map(rows.map((r) => [r.key, r]));

  const parse = (search: string): { state: S; notices: Notice[] } => {
    const notices: Notice[] = [];
    const note = (param: string, message: string): void => {
      notices.push({ id: `${param}:${notices.length}`, param, message });
    };
    let params: URLSearchParams;
    try {
      params = new URLSearchParams(search);
    } catch {
      const message = 'The address could not be read; showing the default walk.';
      return { state: defaults, notices: [{ id: 'url', param: 'url', message }] };
    }
    const seen = new Set<string>();
    const given = new Map<string, string>();
    for (const [key, value] of params) {
      if (seen.has(key)) {
        note(key, `“${key}” is given more than once; using the first value.`);
        continue;
      }
      seen.add(key);
      if (byKey.has(key)) given.set(key, value);
      else if (!IGNORED.test(key))
        note(key, `Unknown parameter “${key.slice(0, MAX_VALUE_SHOWN)}” ignored.`);
    }
    let state = defaults;
    for (const row of rows) {
      const raw = given.get(row.key);
      if (raw === undefined) continue;
      const value = row.parse(raw);
      if (value !== undefined) state = row.set(state, value);
      else
        note(
          row.key,
          `“${row.key}” must be ${row.expected}; got ${shown(raw)}.${row.fallback ? ` ${row.fallback}` : ''}`,
        );
    }
    for (const row of rows) {
      // Left out, a row whose default follows earlier rows (the mode's release, that release's
      // DNS capture) takes the value they imply, before its own check.
      if (!given.has(row.key) && row.implied) state = row.set(state, row.implied(state));
      const wrong = row.check?.(row.get(state), state);
      if (!wrong) continue;
      state = row.set(state, wrong.value);
      if (given.has(row.key)) note(row.key, wrong.message);
    }
    return { state, notices };
  };

  const serialize = (state: S): string => {
    const p = new URLSearchParams();
    for (const row of rows) {
      const value = row.get(state);
      const implied = row.implied ? row.implied(state) : row.default;
      if (value !== implied && value !== undefined) p.set(row.key, row.serialize(value));
    }
    // Commas are safe in a query and read better unescaped (`compare=iptables,ebpf`).
    const s = `${p}`.replace(/%2C/g, ',');
    return s ? `?${s}` : '';
  };

  const pick = (source: S): S => rows.reduce((s, r) => r.set(s, r.get(source)), base);

  return { rows, keys, defaults, parse, serialize, pick };
}

// ---- the README's tables -------------------------------------------------------------------

const cell = (text: string): string => text.replace(/\|/g, '\\|');

/** The README's table of one group of parameters, laid out as Prettier lays out Markdown. */
export function markdownTable<S>(rows: readonly Param<S>[], group: Param<S>['group']): string {
  const body = rows
    .filter((r) => r.group === group)
    .map((r) => [
      `\`${r.key}\``,
      cell(r.values),
      r.default === undefined ? 'none' : `\`${r.serialize(r.default)}\``,
      cell(r.doc),
    ]);
  const head = ['parameter', 'values', 'default', 'what it sets'];
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: readonly string[]): string =>
    `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(head), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...body.map(line)]
    .join('\n')
    .concat('\n');
}
