/**
 * Predict mode's questions: before a hop is shown, "which rule acts?", "which port takes it?"
 * or "where does the packet go next?", with the hop's real answer and two or three wrong ones
 * drawn from the model — the other rules, programs and routes of the same walk, the other
 * listening ports and the other places of its cluster (a waypoint, when the cluster has one).
 * Built from facts and topology, never from a hop's words; the same hop always gets the same
 * choices in the same order (seeded by the scenario and the hop).
 */
import type { Hop } from '../hop';
import type { Topology } from '../portable';
import { scenarioKey, type Scenario } from '../scenario';
import { actingPhrase } from '../compare/acting';

export type QuestionKind = 'rule' | 'program' | 'port' | 'place';

export interface Question {
  readonly kind: QuestionKind;
  /** The hop asked about (0-based). */
  readonly hop: number;
  /** Three or four choices, the answer among them. */
  readonly choices: readonly string[];
  /** The index of the right choice in `choices`. */
  readonly answer: number;
}

/** What a question needs of a walk. */
export interface QuestionWalk {
  readonly scenario: Scenario;
  readonly hops: readonly Pick<Hop, 'fact' | 'where'>[];
  readonly cluster: Pick<Topology, 'netns' | 'pods'>;
}

const RULE_FACTS: ReadonlySet<string> = new Set(['netfilter', 'route', 'geneve']);
const MAX_CHOICES = 4;

/** FNV-1a: a stable 32-bit seed from text. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: a small seeded generator, so the same hop gets the same choices everywhere. */
function generator(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** Where a hop happened, as a choice names it: the interface and its namespace, or the place. */
export function placeOf(where: Hop['where']): string {
  return where.iface ? `${where.iface} (${where.netnsLabel})` : where.componentLabel;
}

/**
 * Every place of the cluster a packet can be (each namespace's stack and interfaces) but the
 * namespace it is in: another name for the same namespace would be a second right answer.
 */
function clusterPlaces(cluster: QuestionWalk['cluster'], except: string): string[] {
  const out: string[] = [];
  for (const ns of Object.values(cluster.netns)) {
    if (ns.id === except) continue;
    const pod = cluster.pods.find((p) => p.netns === ns.id);
    out.push(pod ? pod.name.value : ns.label);
    for (const i of ns.ifaces) out.push(`${i.name} (${ns.label})`);
  }
  return out;
}

/** Every listening port of the cluster's proxies, as the port question names them. */
function clusterPorts(cluster: QuestionWalk['cluster']): string[] {
  return Object.values(cluster.netns).flatMap((ns) =>
    ns.listeners
      .filter((l) => l.role !== 'app')
      .map((l) => `${l.process.split('@')[0]} port ${l.port} (${l.name})`),
  );
}

/** Every TC program attachment of the cluster, as the program question names them. */
function clusterPrograms(cluster: QuestionWalk['cluster']): string[] {
  return Object.values(cluster.netns).flatMap((ns) =>
    ns.tc.map((t) => `${t.program} (${t.iface} ${t.direction}) TC_ACT_OK`),
  );
}

interface Subject {
  readonly kind: QuestionKind;
  readonly answer: string;
  /** Where wrong answers come from, the likeliest first; none: the cluster's places. */
  readonly tiers?: readonly (readonly (string | null)[])[];
}

/** The question's kind and answer for a hop: what acted, when a rule or program did. */
function subject(walk: QuestionWalk, hop: Pick<Hop, 'fact' | 'where'>): Subject {
  const phrase = actingPhrase(hop.fact);
  const kind: QuestionKind =
    phrase === null
      ? 'place'
      : hop.fact.kind === 'tc'
        ? 'program'
        : hop.fact.kind === 'accept'
          ? 'port'
          : RULE_FACTS.has(hop.fact.kind)
            ? 'rule'
            : 'place';
  if (kind === 'place' || phrase === null) return { kind: 'place', answer: placeOf(hop.where) };
  const same = walk.hops
    .filter((h) => h.fact.kind === hop.fact.kind)
    .map((h) => actingPhrase(h.fact));
  const related =
    kind === 'program'
      ? clusterPrograms(walk.cluster)
      : kind === 'port'
        ? clusterPorts(walk.cluster)
        : walk.hops.filter((h) => RULE_FACTS.has(h.fact.kind)).map((h) => actingPhrase(h.fact));
  return { kind, answer: phrase, tiers: [same, related] };
}

/**
 * The question asked before hop `index` is shown.
 *
 * @example
 * const q = questionFor(walk, 3); // the iptables walk's capture
 * q.kind; // "rule"
 * q.choices[q.answer]; // "mangle ztunnel-PREROUTING mark 0x0 → 0x100"
 */
export function questionFor(walk: QuestionWalk, index: number): Question {
  const hop = walk.hops[index];
  if (!hop) throw new RangeError(`no hop ${index}`);
  const random = generator(hash(`${scenarioKey(walk.scenario)}#${index}`));
  let s = subject(walk, hop);
  // A waypoint, when the cluster has one (the client's, which the walk may skip, above all):
  // the place a learner most often expects a request to pass.
  const waypoints = walk.cluster.pods
    .filter((p) => p.role.endsWith('-waypoint') && p.netns !== hop.where.netns)
    .map((p) => p.name.value);
  const placeTiers = (): (string | null)[][] => [
    shuffled(waypoints, random).slice(0, 1),
    walk.hops.filter((h) => h.where.netns !== hop.where.netns).map((h) => placeOf(h.where)),
    clusterPlaces(walk.cluster, hop.where.netns),
  ];
  const pick = (answer: string, tiers: readonly (readonly (string | null)[])[]): string[] => {
    const out: string[] = [];
    for (const tier of tiers)
      for (const c of shuffled(tier, random))
        if (c !== null && c !== answer && !out.includes(c) && out.length < MAX_CHOICES - 1)
          out.push(c);
    return out;
  };
  let wrong = pick(s.answer, s.tiers ?? placeTiers());
  // Too few rules of the kind to ask about: ask where the packet is instead.
  if (wrong.length < 2) {
    s = { kind: 'place', answer: placeOf(hop.where) };
    wrong = pick(s.answer, placeTiers());
  }
  const choices = shuffled([s.answer, ...wrong], random);
  return { kind: s.kind, hop: index, choices, answer: choices.indexOf(s.answer) };
}

/**
 * The hop to ask about when the reader moves from hop `from` to hop `to` (a whole overview step
 * at once): the first on the way where a rule, program, port or proxy decided, since that is
 * what the step teaches; the stop itself when nothing on the way decided.
 */
export function hopToAsk(hops: readonly Pick<Hop, 'fact'>[], from: number, to: number): number {
  for (let i = from + 1; i <= to; i++) {
    const hop = hops[i];
    if (hop && actingPhrase(hop.fact) !== null) return i;
  }
  return to;
}
