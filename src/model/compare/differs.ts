/**
 * "What differs at this step": for two or three walks of the same request at the same overview
 * step, what acted in each that did not act in all. Built from the hops' facts (actingPhrase),
 * so a walk whose narration changes still compares the same.
 */
import type { Hop } from '../hop';
import { actingPhrases } from './acting';

/** One walk's side of the comparison: its name and the hops of the step it is at. */
export interface CompareSide {
  readonly label: string;
  readonly hops: readonly Pick<Hop, 'fact'>[];
}

export interface StepDifference {
  readonly label: string;
  /** What acted on this side only (or not on every side). */
  readonly only: readonly string[];
}

/**
 * What each side did at the step that not every side did; an empty list when every side did
 * the same (or nothing).
 *
 * @example
 * differences([{ label: 'iptables', hops }, { label: 'eBPF', hops: other }]);
 * // [{ label: 'iptables', only: ['mangle ztunnel-PREROUTING mark 0x0 → 0x100'] },
 * //  { label: 'eBPF', only: ['app_outbound (veth6d3e0c2b ingress) bpf_redirect to vethb7c4e1d0'] }]
 */
export function differences(sides: readonly CompareSide[]): StepDifference[] {
  const phrases = sides.map((s) => actingPhrases(s.hops));
  const everywhere = (p: string): boolean => phrases.every((ps) => ps.includes(p));
  const out = sides.map((s, i) => ({
    label: s.label,
    only: (phrases[i] ?? []).filter((p) => !everywhere(p)),
  }));
  return out.some((d) => d.only.length > 0) ? out : [];
}

/** The differences as one line: "iptables: a, b; eBPF: c", or null when there are none. */
export function differsLine(sides: readonly CompareSide[]): string | null {
  const d = differences(sides);
  if (d.length === 0) return null;
  return d.map((s) => `${s.label}: ${s.only.length ? s.only.join(', ') : 'nothing'}`).join('; ');
}
