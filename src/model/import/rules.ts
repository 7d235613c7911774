/**
 * A pod's pasted rules read for what the importer must know: whether they parse (each line
 * through the model's own iptables parser, so what is understood here is what the walk can
 * evaluate), which chains are not istio-cni's, which release's shape they have (TPROXY in
 * mangle: 1.21–1.23; REDIRECT to 15006 in nat: 1.24+; nftables tables: 1.28+; node chains:
 * 1.18–1.20), DNS capture, the mark they exempt, and the return path in `ip rule` / `ip route`.
 * Nothing is dropped: unknown lines are listed with the reason.
 */
import { parseCommand } from '../netfilter/parse';
import type { InputKind } from './classify';

export type RuleShape = 'tproxy' | 'redirect' | 'nftables' | 'legacy';

export interface UnknownRule {
  readonly line: number;
  readonly text: string;
  readonly reason: string;
}

export interface RulesReport {
  readonly kind: InputKind;
  /** The text as the spec keeps it (iptables `-S` output gets `*table` headers). */
  readonly text: string;
  readonly rules: number;
  readonly unknown: readonly UnknownRule[];
  /** Chains istio-cni does not write (a sidecar's, another CNI's, the user's). */
  readonly foreignChains: readonly string[];
  readonly istioChains: boolean;
  readonly shape?: RuleShape;
  readonly dnsCapture?: boolean;
  /** The socket mark the rules exempt (`! --mark 0x539/0xfff` → 1337). */
  readonly exemptMark?: number;
  readonly tablesInferred?: boolean;
  /** `ip rule`: fwmark 0x111/0xfff → table 100; `ip route`: local default dev lo table 100. */
  readonly returnPath?: boolean;
}

const BUILTIN = new Set(['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING']);
const ISTIO = new Set(['ISTIO_PRERT', 'ISTIO_OUTPUT', 'ISTIO_OUTPUT_DNS', 'ISTIO_PRERT_DNS']);
const LEGACY = /^ztunnel-(PREROUTING|POSTROUTING|OUTPUT|INPUT|FORWARD)$/;
const TARGETS = new Set([
  'ACCEPT',
  'DROP',
  'RETURN',
  'MARK',
  'CONNMARK',
  'TPROXY',
  'DNAT',
  'SNAT',
  'REDIRECT',
  'LOG',
  'CT',
]);
const MAX_UNKNOWN = 200;

/** Which table `iptables -S` output was taken from, by what its rules do. */
function guessTable(lines: readonly string[]): string {
  const t = lines.join('\n');
  if (/-j TPROXY|-j CONNMARK|-j MARK/.test(t)) return 'mangle';
  if (/-j (REDIRECT|DNAT|SNAT|MASQUERADE)/.test(t)) return 'nat';
  if (/-j CT\b/.test(t)) return 'raw';
  return 'filter';
}

/** `iptables -S` (no table headers) as iptables-save text, one section per `-P PREROUTING`/`-P INPUT` run. */
function withTables(text: string): { text: string; inferred: boolean } {
  if (/^\*\s?\w+/m.test(text)) return { text, inferred: false };
  const sections: string[][] = [];
  let current: string[] = [];
  let policies = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const p = /^-P (\S+)/.exec(line);
    if (p && policies.has(p[1] as string)) {
      sections.push(current);
      current = [];
      policies = new Set();
    }
    if (p) policies.add(p[1] as string);
    current.push(line);
  }
  sections.push(current);
  const out = sections
    .filter((s) => s.some((l) => l.trim()))
    .map((s) => `*${guessTable(s)}\n${s.filter((l) => !l.startsWith('-P ')).join('\n')}\nCOMMIT`)
    .join('\n');
  return { text: out, inferred: true };
}

function readIptables(kind: InputKind, input: string): RulesReport {
  const { text, inferred } =
    kind === 'iptables-rules' ? withTables(input) : { text: input, inferred: false };
  const unknown: UnknownRule[] = [];
  const declared = new Set<string>();
  const foreign = new Set<string>();
  let table = '';
  let rules = 0;
  let tproxy = false;
  let redirectInbound = false;
  let legacy = false;
  let dns = false;
  let mark: number | undefined;
  const jumps: { to: string; line: number; text: string }[] = [];
  text.split(/\r?\n/).forEach((raw, idx) => {
    const line = raw.replace(/^\[\d+:\d+\]\s+/, '').trim();
    const n = idx + 1;
    if (line === '' || line.startsWith('#') || line === 'COMMIT') return;
    const t = /^\*\s?(\w+)/.exec(line);
    if (t) return void (table = t[1] as string);
    const chain = /^:(\S+)/.exec(line) ?? /^-N (\S+)/.exec(line);
    if (chain) {
      const name = chain[1] as string;
      declared.add(name);
      if (LEGACY.test(name)) legacy = true;
      else if (!BUILTIN.has(name) && !ISTIO.has(name)) foreign.add(name);
      return;
    }
    if (/^-[PF] /.test(line)) return;
    if (!/^-[AI] /.test(line)) {
      if (unknown.length < MAX_UNKNOWN)
        unknown.push({ line: n, text: line, reason: 'not an iptables rule' });
      return;
    }
    rules++;
    try {
      const cmd = parseCommand(line);
      if (!BUILTIN.has(cmd.chain) && !ISTIO.has(cmd.chain) && !LEGACY.test(cmd.chain))
        foreign.add(cmd.chain);
      if (LEGACY.test(cmd.chain)) legacy = true;
      const target = cmd.target;
      if (target?.kind === 'jump') jumps.push({ to: target.chain, line: n, text: line });
      if (target?.kind === 'TPROXY' && table === 'mangle' && cmd.chain === 'ISTIO_PRERT')
        tproxy = true;
      if (target?.kind === 'REDIRECT' && target.port === 15006 && cmd.chain === 'ISTIO_PRERT')
        redirectInbound = true;
      if (target?.kind === 'REDIRECT' && target.port === 15053) dns = true;
      for (const m of cmd.matches)
        if (m.kind === 'mark' && m.negate && m.mask === 0xfff && mark === undefined) mark = m.value;
    } catch (e) {
      if (unknown.length < MAX_UNKNOWN)
        unknown.push({ line: n, text: line, reason: e instanceof Error ? e.message : String(e) });
    }
  });
  for (const j of jumps) {
    if (
      !declared.has(j.to) &&
      !BUILTIN.has(j.to) &&
      !TARGETS.has(j.to) &&
      unknown.length < MAX_UNKNOWN
    )
      unknown.push({ line: j.line, text: j.text, reason: `target ${j.to} is not understood` });
  }
  const istioChains =
    [...declared].some((c) => ISTIO.has(c)) || /-[AI] ISTIO_(PRERT|OUTPUT) /.test(text);
  const shape: RuleShape | undefined = legacy
    ? 'legacy'
    : tproxy
      ? 'tproxy'
      : redirectInbound
        ? 'redirect'
        : undefined;
  return {
    kind,
    text,
    rules,
    unknown,
    foreignChains: [...foreign].sort(),
    istioChains,
    ...(shape ? { shape } : {}),
    ...(istioChains ? { dnsCapture: dns } : {}),
    ...(mark !== undefined ? { exemptMark: mark } : {}),
    ...(inferred ? { tablesInferred: true } : {}),
  };
}

function readNft(text: string): RulesReport {
  const istio = /table inet istio-ambient-(nat|mangle|raw)/.test(text);
  const tables = [...text.matchAll(/table (?:inet|ip|ip6|arp|bridge|netdev) ([\w-]+)/g)].map(
    (m) => m[1] as string,
  );
  const foreign = [...new Set(tables.filter((t) => !t.startsWith('istio-ambient-')))].sort();
  const mark = /mark and 0xfff\s+!= (0x[0-9a-f]+)/.exec(text);
  return {
    kind: 'nftables',
    text,
    rules: (
      text.match(/^\s*(add rule|[a-z].* (accept|drop|redirect|jump|goto|counter).*)$/gm) ?? []
    ).length,
    unknown: [],
    foreignChains: foreign,
    istioChains: istio,
    ...(istio ? { shape: 'nftables' as const, dnsCapture: /redirect to :15053/.test(text) } : {}),
    ...(mark ? { exemptMark: Number(mark[1]) } : {}),
  };
}

/** Reads one pasted rules text of a pod; never throws. */
export function readRules(kind: InputKind, text: string): RulesReport {
  if (kind === 'iptables-save' || kind === 'iptables-rules') return readIptables(kind, text);
  if (kind === 'nftables') return readNft(text);
  const lines = text.split(/\r?\n/).filter((l) => l.trim());
  const returnPath =
    kind === 'ip-rule'
      ? lines.some((l) => /fwmark 0x111\/0xfff (lookup|table) 100\b/.test(l))
      : lines.some((l) => /^local (default|0\.0\.0\.0\/0) dev lo\b.*table 100\b/.test(l));
  return {
    kind,
    text,
    rules: lines.length,
    unknown: [],
    foreignChains: [],
    istioChains: false,
    returnPath,
  };
}
