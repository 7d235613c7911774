/**
 * Turning the notes the cluster's data carries (a rule's or a route's `why`, written where the
 * rule is installed, often as a phrase) into sentences a reader can follow.
 */

/** Words that keep their lower case at the start of a sentence: names of things. */
const LOWER_CASE_NAMES =
  /^(ztunnel|kindnet|kube-proxy|ptp|iptables|ipset|curl|httpbin|sleep|eth\d|veth|istio|pistio|ip\b|tc\b|eBPF)/;

/** One note as a sentence: capitalised unless it starts with a name, ending in a full stop. */
export function sentence(note: string): string {
  const t = note.trim();
  if (!t) return '';
  const head = /^[a-z]/.test(t) && !LOWER_CASE_NAMES.test(t) ? t[0]!.toUpperCase() + t.slice(1) : t;
  return /[.!?:]["”)]?$/.test(head) ? head : `${head}.`;
}

/** Several notes as one paragraph of sentences; empty notes are left out. */
export function sentences(...notes: readonly (string | undefined | null | false)[]): string {
  return notes
    .filter((n): n is string => typeof n === 'string' && n.trim() !== '')
    .map(sentence)
    .join(' ');
}
