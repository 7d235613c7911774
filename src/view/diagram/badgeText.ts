/**
 * What a badge says and how wide it is: a namespace's rule listings, a TC program with the way
 * the packets it sees travel, a listening socket by its port and a short form of its name.
 */
import type { Listener } from '../../model';
import type { Dimensions } from './dimensions';
import {
  listenerBadgeId,
  ruleAnchorId,
  tcBadgeId,
  type RuleKind,
  type TcDirection,
} from './elementIds';
import type { BadgeKind, FontName } from './shapes';
import { flow, rowsOf, type Placed } from './rows';
import { textWidth } from './textExtent';

export interface Chip {
  readonly id: string;
  readonly morphKey: string;
  readonly kind: BadgeKind;
  readonly netns: string;
  readonly text: string;
  readonly title: string;
  readonly w: number;
}

export type Edge = 'top' | 'bottom' | 'left' | 'right';

const MIN_CHIP = 44;

export function chipWidth(text: string, font: FontName, d: Dimensions): number {
  return Math.max(MIN_CHIP, Math.ceil(textWidth(text, d.fonts[font]) + 2 * d.chip.pad));
}

const RULE_WORDS: Readonly<Record<RuleKind, readonly string[]>> = {
  iptables: ['iptables'],
  routes: ['ip rule · routes', 'routes'],
  conntrack: ['conntrack'],
};

/** A chip whose words can be longer or shorter, to fit the row it goes in. */
export interface ChipChoice {
  readonly words: readonly string[];
  readonly make: (text: string) => Chip;
}

export function ruleChoice(
  netns: string,
  kind: RuleKind,
  ownerKey: string,
  d: Dimensions,
  netfilterWords?: readonly string[],
): ChipChoice {
  const words = kind === 'iptables' && netfilterWords ? netfilterWords : RULE_WORDS[kind];
  return { words, make: (text) => ruleChip(netns, kind, ownerKey, text, d) };
}

function ruleChip(
  netns: string,
  kind: RuleKind,
  ownerKey: string,
  text: string,
  d: Dimensions,
): Chip {
  return {
    id: ruleAnchorId(netns, kind),
    morphKey: `${ownerKey}#${kind}`,
    kind,
    netns,
    text,
    title: `${text}: show this namespace's rules`,
    w: chipWidth(text, 'badge', d),
  };
}

/** Shorter words for listeners' names, where a pod box is narrow (keyed by the name). */
const LISTENER_WORDS: Readonly<Record<string, string>> = {
  'inbound plaintext': 'plaintext',
  'inbound (HBONE)': 'HBONE',
  'DNS proxy': 'DNS',
  connect_terminate: 'HBONE',
};

export function listenerChoice(
  netns: string,
  l: Listener,
  ownerKey: string,
  podName: string,
  d: Dimensions,
): ChipChoice {
  const port = `:${l.port}`;
  // A socket named after its pod ("httpbin" in httpbin) says nothing its port does not.
  const names = l.name === podName ? [] : [l.name, LISTENER_WORDS[l.name] ?? l.name];
  return {
    // Level by level (whole name, short name, port alone), so chips shorten together.
    words: [...names.map((n) => `${port} ${n}`), port],
    make: (text) => listenerChip(netns, l, ownerKey, text, d),
  };
}

function listenerChip(
  netns: string,
  l: Listener,
  ownerKey: string,
  text: string,
  d: Dimensions,
): Chip {
  return {
    id: listenerBadgeId(netns, l.proto, l.port),
    morphKey: `${ownerKey}#listen-${l.proto}-${l.port}`,
    kind: 'listener',
    netns,
    text,
    title: `listens on ${l.proto} ${l.ip}:${l.port} (${l.name}${l.mark ? `, SO_MARK 0x${l.mark.toString(16)}` : ''})`,
    w: chipWidth(text, 'listener', d),
  };
}

/** The way packets a TC hook sees travel, for a port on the given edge of its namespace's box. */
export function tcArrow(edge: Edge, direction: TcDirection): string {
  const inward: Record<Edge, string> = { top: '↓', bottom: '↑', left: '→', right: '←' };
  const outward: Record<Edge, string> = { top: '↑', bottom: '↓', left: '←', right: '→' };
  return direction === 'ingress' ? inward[edge] : outward[edge];
}

export function tcChip(
  netns: string,
  att: { readonly iface: string; readonly direction: TcDirection; readonly program: string },
  portKey: string,
  edge: Edge,
  d: Dimensions,
): Chip {
  const text = `${att.program} ${tcArrow(edge, att.direction)}`;
  return {
    id: tcBadgeId(netns, att.iface, att.direction),
    morphKey: `${portKey}#${att.direction}`,
    kind: 'ebpf',
    netns,
    text,
    title: `${att.program}: eBPF at TC ${att.direction} of ${att.iface}`,
    w: chipWidth(text, 'program', d),
  };
}

/**
 * Sets chips in rows between `x0` and `x1` with the longest words that fit in `maxRows` rows
 * (or in as few as the shortest words need, if that is more). `lead` reserves room for a label
 * before the first chip: `placed[0]` is then its place.
 */
export function flowChips(
  choices: readonly ChipChoice[],
  x0: number,
  x1: number,
  d: Dimensions,
  { lead = 0, maxRows = 1 }: { lead?: number; maxRows?: number } = {},
): { chips: Chip[]; placed: Placed[] } {
  const levels = Math.max(1, ...choices.map((c) => c.words.length));
  const at = (level: number) => {
    const chips = choices.map((c) => c.make(c.words[Math.min(level, c.words.length - 1)] ?? ''));
    const widths = lead > 0 ? [lead, ...chips.map((c) => c.w)] : chips.map((c) => c.w);
    return { chips, placed: flow(widths, x0, x1, d.chip.gap) };
  };
  const shortest = at(levels - 1);
  const allowed = Math.max(maxRows, rowsOf(shortest.placed));
  for (let level = 0; level < levels - 1; level++) {
    const tried = at(level);
    const fits = tried.chips.every((c) => c.w <= x1 - x0);
    if (fits && rowsOf(tried.placed) <= allowed) return tried;
  }
  return shortest;
}
