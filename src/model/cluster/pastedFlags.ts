/** What the walk says about a pasted line it does not evaluate (see pastedRules.ts). */

/** Which pasted input a flagged line is in: the field of `SpecPodRules` that holds it. */
export type PastedInput = 'iptables' | 'ip6tables' | 'nftables' | 'ipRule' | 'ipRoute';

/**
 * A pasted line the walk does not evaluate, and why: `unevaluated` when the model cannot read
 * or evaluate it (kept out of the walk), `superseded` when it is read but the walk takes that
 * fact from the cluster instead (the pod's main and local routes come from its interfaces).
 */
export interface FlaggedRule {
  readonly input: PastedInput;
  /** 1-based line in that input; 0 when the whole input is meant. */
  readonly line: number;
  readonly text: string;
  readonly reason: string;
  readonly kind: 'unevaluated' | 'superseded';
}
