/**
 * The kinds of value a URL parameter takes — one of a list, a flag, a number in a range, a hop
 * number, an origin — each with its parser, its writer, its README wording and the words of its
 * notice, so every row of a table says only what is its own.
 */
import * as v from 'valibot';
import { parseColumns, serializeColumns, type CompareColumn } from '../model/compare/columnText';
import type { ParamRow } from './paramTable';

export type Kind<V> = Pick<
  ParamRow<unknown, V>,
  'values' | 'expected' | 'fallback' | 'parse' | 'serialize'
>;

/** One of a list of words (a picklist schema), with an optional note per word for the README. */
export function oneOf<V extends string>(
  schema: v.PicklistSchema<readonly V[], undefined>,
  fallback: V,
  notes: Partial<Record<V, string>> = {},
): Kind<V> {
  const words = schema.options;
  return {
    values: words.map((w) => (notes[w] ? `\`${w}\` (${notes[w]})` : `\`${w}\``)).join(', '),
    expected: `one of ${words.join(', ')}`,
    fallback: `Using ${fallback}.`,
    parse: (raw) => (v.is(schema, raw) ? raw : undefined),
    serialize: (value) => value,
  };
}

/** `1` or `0` (also `true` or `false`). */
export const flag: Kind<boolean> = {
  values: '`1`, `0`',
  expected: '1 or 0',
  parse: (raw) =>
    raw === '1' || raw === 'true' ? true : raw === '0' || raw === 'false' ? false : undefined,
  serialize: (value) => (value ? '1' : '0'),
};

/** A number from `min` to `max`, kept to two decimals. */
export function decimal(min: number, max: number, fallback: number): Kind<number> {
  return {
    values: `${min}–${max}`,
    expected: `a number from ${min} to ${max}`,
    fallback: `Using ${fallback}.`,
    parse: (raw) => {
      const n = Number(raw);
      return raw.trim() !== '' && Number.isFinite(n) && n >= min && n <= max
        ? Math.round(n * 100) / 100
        : undefined;
    },
    serialize: String,
  };
}

/** A hop: 1-based in the address, a 0-based index in the state. */
export const hopNumber: Kind<number> = {
  values: '`1`, `2`, …',
  expected: 'a whole number from 1',
  fallback: 'Starting at the first step.',
  parse: (raw) => (/^\d{1,4}$/.test(raw) && Number(raw) >= 1 ? Number(raw) - 1 : undefined),
  serialize: (index) => String(index + 1),
};

/** `https://example.com` from a URL-ish string, or undefined. */
export function parseOrigin(text: string): string | undefined {
  try {
    const u = new URL(text);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
    return u.origin;
  } catch {
    return undefined;
  }
}

/** An http(s) origin. */
export const origin: Kind<string | undefined> = {
  values: 'an http(s) origin',
  expected: 'an http(s) origin such as https://example.com',
  fallback: 'Commands from any parent are accepted.',
  parse: parseOrigin,
  serialize: (value) => value ?? '',
};

/** The prefix of a cluster kept in this browser, in `cluster=saved:<name>`. */
export const SAVED_CLUSTER = 'saved:';

/**
 * A cluster reference: `saved:<name>` or the URL of a scenario file. Whether the URL is on the
 * page's own origin, and whether the name is saved here, is the importer's to say (it knows the
 * page's address and this browser's storage); the address only refuses what cannot be either.
 */
export const clusterRef: Kind<string | undefined> = {
  // The README's words only; the production build leaves them out.
  values: import.meta.env.PROD
    ? ''
    : '`saved:<name>`, or a relative URL such as `clusters/bookinfo.json`',
  expected: 'saved:<name> or the relative URL of a scenario file',
  fallback: 'Showing the default walk.',
  parse: (raw) => {
    const text = raw.trim();
    if (text === '' || text.length > 500 || [...text].some((c) => c < ' ')) return undefined;
    if (text.startsWith(SAVED_CLUSTER) && text.length === SAVED_CLUSTER.length) return undefined;
    return text;
  },
  serialize: (value) => value ?? '',
};

/**
 * Compare's columns: `iptables,ebpf`, `1.18,1.20`, `none,httpbin`, `iptables_1.20,ebpf`. Each
 * value is a scenario knob's, so the scenario validator's words are the only ones accepted.
 */
export const compareColumns: Kind<readonly CompareColumn[] | undefined> = {
  // The README's words only; the production build leaves them out.
  values: import.meta.env.PROD
    ? ''
    : 'up to three columns of knob values, a column’s values joined by `_`',
  expected: 'up to three knob values, such as iptables,ebpf',
  fallback: 'Showing one walk.',
  parse: parseColumns,
  serialize: (columns) => (columns ? serializeColumns(columns) : ''),
};
