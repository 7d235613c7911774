/**
 * The FIB lookup with policy routing (net/core/fib_rules.c): rules in priority order; a rule
 * whose selector matches either looks up a table (longest prefix wins; no match means "carry
 * on with the next rule") or jumps (`goto`) to a later priority.
 */
import { inCidr, prefixLength, type Ipv4 } from '../addresses';
import type { IpRule, Route, TableId } from './types';

export interface RouteQuery {
  readonly dst: Ipv4;
  readonly mark: number;
  /** Incoming interface, or undefined for locally generated packets. */
  readonly iif?: string;
  readonly src?: Ipv4;
}

export interface RuleStep {
  readonly rule: IpRule;
  readonly matched: boolean;
  /** For a matching lookup rule: whether its table had a route. */
  readonly found?: boolean;
}

export interface RouteDecision {
  readonly rule: IpRule;
  readonly route: Route;
  /** The rules looked at, in order, with whether each applied: the "why" of the decision. */
  readonly steps: readonly RuleStep[];
}

export function ruleSelects(rule: IpRule, q: RouteQuery): boolean {
  if (rule.fwmark && (q.mark & rule.fwmark.mask) >>> 0 !== rule.fwmark.value) return false;
  if (rule.iif !== undefined && rule.iif !== (q.iif ?? 'lo')) return false;
  if (rule.from && (!q.src || !inCidr(q.src, rule.from))) return false;
  return true;
}

/** Longest-prefix match within one table. */
export function lookupTable(
  routes: readonly Route[],
  table: TableId,
  dst: Ipv4,
): Route | undefined {
  let best: Route | undefined;
  for (const r of routes) {
    if (r.table !== table || !inCidr(dst, r.dst)) continue;
    if (!best || prefixLength(r.dst) > prefixLength(best.dst)) best = r;
  }
  return best;
}

/** Resolves a route for the query, or undefined (no route to host). */
export function fibLookup(
  rules: readonly IpRule[],
  routes: readonly Route[],
  q: RouteQuery,
): RouteDecision | undefined {
  const ordered = [...rules].sort((a, b) => a.priority - b.priority);
  const steps: RuleStep[] = [];
  let i = 0;
  while (i < ordered.length) {
    const rule = ordered[i] as IpRule;
    if (!ruleSelects(rule, q)) {
      steps.push({ rule, matched: false });
      i++;
      continue;
    }
    if (rule.action.kind === 'goto') {
      steps.push({ rule, matched: true });
      const target = rule.action.priority;
      const next = ordered.findIndex((r) => r.priority >= target);
      i = next === -1 ? ordered.length : next;
      continue;
    }
    const route = lookupTable(routes, rule.action.table, q.dst);
    steps.push({ rule, matched: true, found: route !== undefined });
    if (route) return { rule, route, steps };
    i++;
  }
  return undefined;
}
