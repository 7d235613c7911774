/**
 * The words of one rule, in two dialects from the same expressions and statements:
 * - `written`: as istio-cni passes the rule to knftables (`mark and 0xfff != 0x539`,
 *   `oifname lo`, `snat to …`), which is what the upstream goldens hold;
 * - `listed`: as `nft list ruleset` prints it back (`meta mark & 0x00000fff != 0x00000539`,
 *   `oifname "lo"`, `snat ip to …`, counters with their values, `/32` dropped, a `ct mark set`
 *   mask printed as the kernel's mask|xor). The listed forms were checked against nft 1.0.6.
 */
import { hex } from '../addresses';
import type { NftBaseSpec, NftExpr, NftHook, NftRuleSpec, NftStmt } from './types';

export type NftDialect = 'written' | 'listed';

/** nft prints 32-bit marks zero-padded to eight hex digits. */
function hex8(n: number): string {
  return `0x${(n >>> 0).toString(16).padStart(8, '0')}`;
}

const FULL = 0xffffffff;

function neg(op: '==' | '!='): string {
  return op === '!=' ? '!= ' : '';
}

function maskedText(
  subject: string,
  mask: number,
  op: '==' | '!=',
  value: number,
  d: NftDialect,
  andWord = false,
  spaceAfterMask = false,
): string {
  const num = d === 'listed' ? hex8 : hex;
  // An unmasked compare prints like any other (implicit `==`); a masked one always names its op.
  if (mask >>> 0 === FULL) return `${subject} ${neg(op)}${num(value)}`;
  const gap = spaceAfterMask ? '  ' : ' ';
  return `${subject} ${andWord ? 'and' : '&'} ${num(mask)}${gap}${op} ${num(value)}`;
}

/** One expression as `d` spells it. */
export function exprText(e: NftExpr, d: NftDialect): string {
  switch (e.kind) {
    case 'l4proto':
      return `meta l4proto ${e.proto}`;
    case 'addr': {
      const full = e.l3 === 'ip' ? 32 : 128;
      // nft drops a host-length prefix when it prints; istio-cni writes it.
      const showPrefix = e.prefix !== undefined && (d === 'written' || e.prefix < full);
      return `${e.l3} ${e.field} ${neg(e.op)}${e.addr}${showPrefix ? `/${e.prefix}` : ''}`;
    }
    case 'addr-set':
      return `${e.l3} ${e.field} ${neg(e.op)}@${e.set}`;
    case 'port':
      return `${e.proto} ${e.field} ${neg(e.op)}${e.port}`;
    case 'ifname': {
      const name = d === 'listed' ? `"${e.name}"` : e.name;
      return `${e.dir}name ${neg(e.op)}${name}`;
    }
    case 'mark': {
      if (d === 'listed') return maskedText(`${e.key} mark`, e.mask, e.op, e.value, d);
      const s = e.spelling;
      const subject = e.key === 'ct' ? 'ct mark' : s && !s.metaWord ? 'mark' : 'meta mark';
      return maskedText(subject, e.mask, e.op, e.value, d, s?.andWord, s?.spaceAfterMask);
    }
    case 'skuid':
      return `${d === 'written' && e.bare ? '' : 'meta '}skuid ${neg(e.op)}${e.uid}`;
  }
}

function markSetSource(s: Extract<NftStmt, { kind: 'mark-set' }>, d: NftDialect): string {
  const num = d === 'listed' ? hex8 : hex;
  if (!s.source) return num(s.value);
  const src = `${s.source} mark`;
  if (d === 'written') {
    const and = s.mask >>> 0 === FULL ? '' : ` & ${hex(s.mask)}`;
    const or = s.value === 0 ? '' : ` |${s.spaceAfterOr ? '  ' : ' '}${hex(s.value)}`;
    return `${src}${and}${or}`;
  }
  // The kernel keeps (x & mask) ^ xor; nft prints it back as x & (mask | xor) | xor.
  if (s.value === 0) return s.mask >>> 0 === FULL ? src : `${src} & ${hex8(s.mask)}`;
  const shown = (s.mask | s.value) >>> 0;
  return shown === FULL
    ? `${src} | ${hex8(s.value)}`
    : `${src} & ${hex8(shown)} | ${hex8(s.value)}`;
}

/** One statement as `d` spells it. */
export function stmtText(s: NftStmt, d: NftDialect): string {
  switch (s.kind) {
    case 'counter':
      // The model does not count: a freshly loaded ruleset shows zeros, as on a new pod.
      return d === 'listed' ? 'counter packets 0 bytes 0' : 'counter';
    case 'accept':
    case 'drop':
    case 'return':
      return s.kind;
    case 'jump':
    case 'goto':
      return `${s.kind} ${s.chain}`;
    case 'redirect':
      return `redirect to :${s.port}`;
    case 'snat':
      // In an inet table nft names the family it translates; istio-cni leaves it implied.
      return d === 'written' && s.bare ? `snat to ${s.addr}` : `snat ${s.l3} to ${s.addr}`;
    case 'mark-set':
      return `${s.target} mark set ${markSetSource(s, d)}`;
    case 'ct-zone-set':
      return `ct zone set ${s.zone}`;
  }
}

/** The rule's body (expressions, then statements), as `d` spells it. */
export function ruleBodyText(r: Pick<NftRuleSpec, 'exprs' | 'stmts'>, d: NftDialect): string {
  return [...r.exprs.map((e) => exprText(e, d)), ...r.stmts.map((s) => stmtText(s, d))].join(' ');
}

/**
 * The standard priority names nft prints (nft(8) "Standard priority names") for the ip, ip6 and
 * inet families (the only ones modelled), with the hooks a name is valid at; none means every hook.
 */
const STD_PRIORITIES: ReadonlyArray<{
  readonly name: string;
  readonly value: number;
  readonly hooks?: readonly NftHook[];
}> = [
  { name: 'raw', value: -300 },
  { name: 'mangle', value: -150 },
  { name: 'dstnat', value: -100, hooks: ['prerouting'] },
  { name: 'filter', value: 0 },
  { name: 'security', value: 50 },
  { name: 'srcnat', value: 100, hooks: ['postrouting'] },
];

/**
 * A base chain's priority as `nft list` prints it: a standard name, a name with an offset of at
 * most 10 (`mangle + 10`), or the number (`-100` at the output hook, where `dstnat` is not valid).
 */
export function priorityText(hook: NftHook, priority: number): string {
  for (const p of STD_PRIORITIES) {
    if (p.hooks && !p.hooks.includes(hook)) continue;
    const offset = priority - p.value;
    if (offset === 0) return p.name;
    if (Math.abs(offset) <= 10) return `${p.name} ${offset > 0 ? '+' : '-'} ${Math.abs(offset)}`;
  }
  return String(priority);
}

/** `type nat hook prerouting priority dstnat; policy accept;` */
export function baseChainListedText(b: NftBaseSpec): string {
  return `type ${b.type} hook ${b.hook} priority ${priorityText(b.hook, b.priority)}; policy ${b.policy};`;
}
