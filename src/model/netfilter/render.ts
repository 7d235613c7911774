/**
 * Renders rules the way `iptables-save` prints them: `-s/-d` first, then `-i/-o`, then `-p`,
 * then the match modules in the order they were given, then the target; `--set-mark V/M`
 * printed as `--set-xmark V/(V|M)`, hosts as `/32`, marks in lower-case hex.
 */
import { hex } from '../addresses';
import type { Match, Rule, TableName, Tables, Target } from './types';

function neg(n: boolean): string {
  return n ? '! ' : '';
}

function markText(value: number, mask: number): string {
  return mask === 0xffffffff ? hex(value) : `${hex(value)}/${hex(mask)}`;
}

function matchText(m: Match, proto: string | undefined): string {
  switch (m.kind) {
    case 'src':
      return `${neg(m.negate)}-s ${m.cidr}`;
    case 'dst':
      return `${neg(m.negate)}-d ${m.cidr}`;
    case 'iif':
      return `${neg(m.negate)}-i ${m.name}`;
    case 'oif':
      return `${neg(m.negate)}-o ${m.name}`;
    case 'proto':
      return `${neg(m.negate)}-p ${m.proto}`;
    case 'port':
      return `-m ${proto ?? 'tcp'} ${neg(m.negate)}--${m.which} ${m.port}`;
    case 'set':
      return `-m set ${neg(m.negate)}--match-set ${m.set} ${m.dir}`;
    case 'mark':
      return `-m mark ${neg(m.negate)}--mark ${markText(m.value, m.mask)}`;
    case 'connmark':
      return `-m connmark ${neg(m.negate)}--mark ${markText(m.value, m.mask)}`;
    case 'l4-module':
      return `-m ${m.proto}`;
    case 'socket-exists':
      return '-m owner --socket-exists';
    case 'ctstate':
      return `-m conntrack ${neg(m.negate)}--ctstate ${m.states.join(',')}`;
    case 'comment':
      return `-m comment --comment "${m.text}"`;
  }
}

export function targetText(t: Target): string {
  switch (t.kind) {
    case 'jump':
      return `-j ${t.chain}`;
    case 'ACCEPT':
    case 'DROP':
    case 'RETURN':
      return `-j ${t.kind}`;
    case 'MARK':
      return `-j MARK --set-xmark ${hex(t.value)}/${hex(t.mask)}`;
    case 'CONNMARK-save':
      return `-j CONNMARK --save-mark --nfmask ${hex(t.nfmask)} --ctmask ${hex(t.ctmask)}`;
    case 'CONNMARK-restore':
      return `-j CONNMARK --restore-mark --nfmask ${hex(t.nfmask)} --ctmask ${hex(t.ctmask)}`;
    case 'CONNMARK-set':
      return `-j CONNMARK --set-xmark ${hex(t.value)}/${hex(t.mask)}`;
    case 'DNAT':
      return `-j DNAT --to-destination ${t.ip}${t.port === undefined ? '' : `:${t.port}`}`;
    case 'SNAT':
      return `-j SNAT --to-source ${t.ip}`;
    case 'REDIRECT':
      return `-j REDIRECT --to-ports ${t.port}`;
    case 'TPROXY':
      return `-j TPROXY --on-port ${t.onPort} --on-ip ${t.onIp} --tproxy-mark ${hex(t.mark)}/${hex(t.mask)}`;
    case 'LOG':
      return `-j LOG --log-prefix "${t.prefix}"`;
    case 'CT':
      return `-j CT --zone ${t.zone}`;
  }
}

const CORE_ORDER = ['src', 'dst', 'iif', 'oif', 'proto'] as const;

/** One rule as an `iptables-save` line: `-A chain ... -j TARGET ...`. */
export function ruleText(rule: Rule): string {
  const proto = rule.matches.find((m) => m.kind === 'proto');
  const protoName = proto?.kind === 'proto' ? proto.proto : undefined;
  const core = CORE_ORDER.flatMap((k) => rule.matches.filter((m) => m.kind === k));
  const modules = rule.matches.filter((m) => !(CORE_ORDER as readonly string[]).includes(m.kind));
  const parts = [`-A ${rule.chain}`, ...[...core, ...modules].map((m) => matchText(m, protoName))];
  parts.push(targetText(rule.target));
  return parts.join(' ');
}

export interface ListingLine {
  readonly text: string;
  /** The rule, route or map entry this line shows, for highlighting. */
  readonly id?: string;
  /** A line the panel points at whatever the hop: the workload's waypoint. */
  readonly emphasis?: 'waypoint';
}

export const TABLE_ORDER: readonly TableName[] = ['raw', 'mangle', 'nat', 'filter'];

/**
 * The namespace's `iptables-save` output. Tables never loaded are left out, as the tool does;
 * a loaded table with no rules prints its built-in chains (1.18's `iptables -t nat -F OUTPUT`
 * in the ztunnel netns gives an empty `*nat`). `filter` selects rules (e.g. Istio's only).
 */
export function iptablesSave(
  tables: Tables,
  filter: (r: Rule) => boolean = () => true,
): ListingLine[] {
  const lines: ListingLine[] = [];
  for (const name of TABLE_ORDER) {
    const table = tables[name];
    const all = table.chains.flatMap((c) => c.rules);
    const rules = all.filter(filter);
    // A loaded table with no rules at all still prints; one whose rules are filtered out does not.
    if (rules.length === 0 && !(table.loaded && all.length === 0)) continue;
    // Built-in chains in kernel order, then user chains sorted by name, as libiptc keeps them.
    const used = table.chains.filter(
      (c) =>
        c.builtin ||
        rules.some(
          (r) => r.chain === c.name || (r.target.kind === 'jump' && r.target.chain === c.name),
        ),
    );
    const usedChains = [
      ...used.filter((c) => c.builtin),
      ...used
        .filter((c) => !c.builtin)
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    ];
    lines.push({ text: `*${name}` });
    for (const c of usedChains)
      lines.push({ text: `:${c.name} ${c.builtin ? 'ACCEPT' : '-'} [0:0]` });
    for (const c of usedChains) {
      for (const r of c.rules) if (filter(r)) lines.push({ text: ruleText(r), id: r.id });
    }
    lines.push({ text: 'COMMIT' });
  }
  return lines;
}

function matchInWords(m: Match): string {
  const not = 'negate' in m && m.negate ? 'not ' : '';
  switch (m.kind) {
    case 'src':
      return `${not}from ${m.cidr.replace(/\/32$/, '')}`;
    case 'dst':
      return `${not}to ${m.cidr.replace(/\/32$/, '')}`;
    case 'iif':
      return `${not}arriving on ${m.name}`;
    case 'oif':
      return `${not}leaving by ${m.name}`;
    case 'proto':
      return '';
    case 'port':
      return `${not}${m.which === 'dport' ? 'to' : 'from'} port ${m.port}`;
    case 'set':
      return `whose ${m.dir === 'src' ? 'source' : 'destination'} is ${not}in the ipset ${m.set}`;
    case 'mark':
      return `${m.negate ? 'without' : 'with'} mark ${markText(m.value, m.mask)}`;
    case 'connmark':
      return `whose connection is ${not}marked ${markText(m.value, m.mask)}`;
    case 'l4-module':
      return '';
    case 'socket-exists':
      return 'sent by a local socket';
    case 'ctstate':
      return `${not}in conntrack state ${m.states.join(' or ')}`;
    case 'comment':
      return '';
  }
}

/** The rule's matches as a phrase: "a TCP packet whose source is in the ipset ztunnel-pods-ips". */
export function matchesInWords(rule: Rule): string {
  const proto = rule.matches.find((m) => m.kind === 'proto');
  const noun =
    proto?.kind === 'proto'
      ? `${proto.negate ? 'non-' : ''}${proto.proto.toUpperCase()} packet`
      : 'packet';
  const parts = rule.matches.map(matchInWords).filter(Boolean);
  if (parts.length === 0) return proto ? `any ${noun}` : 'every packet';
  return `a ${noun} ${parts.join(', ')}`;
}
