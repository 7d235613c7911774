/**
 * A small vocabulary for tests that read a walk hop by hop: find the hop where a thing happened
 * by its facts (never by its words), and fail with the walk's outline when it is not there.
 */
import type { HopFact, ZtunnelFact } from '../facts';
import type { Hop } from '../hop';
import type { Walk } from '.';

/** A deep partial of a fact; string fields may be given as a RegExp. */
export type FactQuery = { readonly [key: string]: unknown };

export interface HopQuery {
  readonly node?: string;
  readonly netns?: string;
  readonly fact?: FactQuery;
  /** The packet's skb mark after the hop. */
  readonly markAfter?: number;
  readonly connmarkAfter?: number;
  readonly flow?: string | RegExp;
}

function deepMatch(value: unknown, q: unknown): boolean {
  if (q instanceof RegExp) return typeof value === 'string' && q.test(value);
  if (q === null || typeof q !== 'object') return value === q;
  if (value === null || typeof value !== 'object') return false;
  return Object.entries(q as Record<string, unknown>).every(([k, v]) =>
    deepMatch((value as Record<string, unknown>)[k], v),
  );
}

function matchesText(value: string, q: string | RegExp | undefined): boolean {
  if (q === undefined) return true;
  return typeof q === 'string' ? value.includes(q) : q.test(value);
}

export function hopMatches(h: Hop, q: HopQuery): boolean {
  return (
    (q.node === undefined || h.where.node === q.node) &&
    (q.netns === undefined || h.where.netns === q.netns) &&
    (q.fact === undefined || deepMatch(h.fact, q.fact)) &&
    (q.markAfter === undefined || h.packetAfter?.skb.mark === q.markAfter) &&
    (q.connmarkAfter === undefined || h.packetAfter?.skb.connmark === q.connmarkAfter) &&
    matchesText(h.flow, q.flow)
  );
}

/** The walk as one line per hop, for failure messages. */
export function outline(w: Walk): string {
  return w.hops
    .map((h) => `${h.index + 1}. [${h.where.netns}] ${JSON.stringify(h.fact).slice(0, 160)}`)
    .join('\n');
}

/** The first hop at or after `from` that matches; throws with the walk's outline if none does. */
export function findHop(w: Walk, q: HopQuery, from = 0): Hop {
  const h = w.hops.slice(from).find((x) => hopMatches(x, q));
  if (!h)
    throw new Error(
      `no hop matches ${JSON.stringify(q, (_k, v) => (v instanceof RegExp ? String(v) : v))}\n${outline(w)}`,
    );
  return h;
}

/** Every hop that matches. */
export function allHops(w: Walk, q: HopQuery): Hop[] {
  return w.hops.filter((x) => hopMatches(x, q));
}

/** The hop's fact, narrowed to its kind (a test fails clearly if the kind is not the one asked). */
export function factOf<K extends HopFact['kind']>(h: Hop, kind: K): Extract<HopFact, { kind: K }> {
  if (h.fact.kind !== kind) throw new Error(`hop ${h.index + 1} is ${h.fact.kind}, not ${kind}`);
  return h.fact as Extract<HopFact, { kind: K }>;
}

/** A ztunnel hop's fact, narrowed to its step. */
export function ztunnelStep<S extends ZtunnelFact['step']>(
  h: Hop,
  step: S,
): Extract<ZtunnelFact, { step: S }> {
  const f = factOf(h, 'ztunnel');
  if (f.step !== step) throw new Error(`hop ${h.index + 1} is ztunnel ${f.step}, not ${step}`);
  return f as Extract<ZtunnelFact, { step: S }>;
}

/** Common queries, in the domain's words. */
export const q = {
  marks: (mark: number, where: Partial<HopQuery> = {}): HopQuery => ({
    ...where,
    fact: { kind: 'netfilter', target: 'MARK' },
    markAfter: mark,
  }),
  tproxy: (where: Partial<HopQuery> = {}): HopQuery => ({
    ...where,
    fact: { kind: 'netfilter', target: 'TPROXY' },
  }),
  route: (priority: number, where: Partial<HopQuery> = {}): HopQuery => ({
    ...where,
    fact: { kind: 'route', result: 'found', priority },
  }),
  tc: (program: string, where: Partial<HopQuery> = {}): HopQuery => ({
    ...where,
    fact: { kind: 'tc', program },
  }),
  ztunnel: (step: string, where: Partial<HopQuery> = {}): HopQuery => ({
    ...where,
    fact: { kind: 'ztunnel', step },
  }),
  policy: (engine: 'ztunnel' | 'envoy', decision?: string): HopQuery => ({
    fact: { kind: 'policy', engine, ...(decision ? { decision } : {}) },
  }),
};
