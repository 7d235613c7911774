/**
 * A small vocabulary for tests that read a walk hop by hop: find the hop where a thing happened,
 * and fail with the walk's outline when it is not there.
 */
import type { Hop } from '../hop';
import type { Walk } from '.';

export interface HopQuery {
  readonly node?: string;
  readonly netns?: string;
  readonly actor?: Hop['actor']['kind'];
  readonly title?: string | RegExp;
  readonly text?: string | RegExp;
  readonly flow?: string | RegExp;
}

function matches(value: string, q: string | RegExp | undefined): boolean {
  if (q === undefined) return true;
  return typeof q === 'string' ? value.includes(q) : q.test(value);
}

export function hopMatches(h: Hop, q: HopQuery): boolean {
  return (
    (q.node === undefined || h.where.node === q.node) &&
    (q.netns === undefined || h.where.netns === q.netns) &&
    (q.actor === undefined || h.actor.kind === q.actor) &&
    matches(h.title, q.title) &&
    matches(h.actor.text, q.text) &&
    matches(h.flow, q.flow)
  );
}

export function outline(w: Walk): string {
  return w.hops.map((h) => `${h.index + 1}. [${h.where.netns}] ${h.title}`).join('\n');
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

export function allHops(w: Walk, q: HopQuery): Hop[] {
  return w.hops.filter((x) => hopMatches(x, q));
}
