/**
 * What istio-cni's nftables backend (Istio 1.28+, `values.global.nativeNftables=true`) shares
 * between the pod and the host rules: the releases read, their sources, the constants of
 * `cni/pkg/config/config.go`, and knftables' way of laying one table out in a transaction
 * (`addIstioTableRules`: add table, flush it, add the chains that are used, then the rules).
 */
import { verified } from '../provenance';
import type { NftBaseWritten, NftOp } from './transaction';
import type { NftExpr, NftRuleSpec, NftSource, NftStmt } from './types';

/** The releases whose `cni/pkg/nftables/` was read: 1.28.0 (the first) and 1.30.3 (the newest). */
export type NftRelease = '1.28' | '1.30';

export const NFT_RELEASE_TAGS: Readonly<Record<NftRelease, string>> = {
  '1.28': '1.28.0',
  '1.30': '1.30.3',
};

/** `istio/istio@<tag>:<path>` for a file of istio-cni at the release's tag. */
export function cniRef(release: NftRelease, path: string): string {
  return `istio/istio@${NFT_RELEASE_TAGS[release]}:${path}`;
}

/** A source in `cni/pkg/nftables/<file>`, function `func`. */
export function nftSource(release: NftRelease, file: string, func: string): NftSource {
  return { prov: verified(cniRef(release, `cni/pkg/nftables/${file}`)), func };
}

/** The constants of `cni/pkg/config/config.go` the rules use (identical at 1.28.0 and 1.30.3). */
export const INPOD = {
  /** InpodMark: "needs to match the inpod config mark in ztunnel" (1337). */
  mark: 0x539,
  mask: 0xfff,
  /** InpodTProxyMark / InpodTProxyMask: the connmark of connections ztunnel accepted. */
  tproxyMark: 0x111,
  tproxyMask: 0xfff,
  dnsPort: 15053,
  inboundPort: 15008,
  outboundPort: 15001,
  inboundPlaintextPort: 15006,
  probeSet: 'istio-inpod-probes',
} as const;

/** `cni/pkg/nodeagent/options.go` DefaultHostProbeSNATIP / DefaultHostProbeSNATIPV6. */
export const DEFAULT_PROBE_SNAT = '169.254.7.127';
export const DEFAULT_PROBE_SNAT_V6 = 'fd16:9254:7127:1337:ffff:ffff:ffff:ffff';

export const NAT_TABLE = 'istio-ambient-nat';
export const MANGLE_TABLE = 'istio-ambient-mangle';
export const RAW_TABLE = 'istio-ambient-raw';

/** knftables' named priorities as numbers (`knftables.ParsePriority`, family inet). */
export const PRIORITY = { raw: -300, mangle: -150, dstnat: -100, srcnat: 100 } as const;

/** The short forms the builders write rules with. */
export const x = {
  tcp: { kind: 'l4proto', proto: 'tcp' } as NftExpr,
  counter: { kind: 'counter' } as NftStmt,
  accept: { kind: 'accept' } as NftStmt,
  addr(l3: 'ip' | 'ip6', field: 'saddr' | 'daddr', op: '==' | '!=', text: string): NftExpr {
    const [addr = '', prefix] = text.split('/');
    return prefix === undefined
      ? { kind: 'addr', l3, field, op, addr }
      : { kind: 'addr', l3, field, op, addr, prefix: Number(prefix) };
  },
  redirect(port: number): NftStmt {
    return { kind: 'redirect', port };
  },
};

/** A rule of table `table` in chain `chain`, family inet, as istio-cni appends it. */
export function inetRule(
  src: NftSource,
  table: string,
  chain: string,
  exprs: readonly NftExpr[],
  stmts: readonly NftStmt[],
  why: string,
  tag?: string,
): NftRuleSpec {
  return { family: 'inet', table, chain, exprs, stmts, src, why, ...(tag ? { tag } : {}) };
}

export interface ChainDecl {
  readonly name: string;
  readonly base?: NftBaseWritten;
}

/**
 * One table's part of a transaction, as `addIstioTableRules` lays it out: nothing if no chain
 * is used; else add the table, flush it (so a re-run replaces, never duplicates), add every
 * declared chain that has rules or is jumped to, in declaration order, then the rules in the
 * order they were appended.
 */
export function tableOps(
  src: NftSource,
  table: string,
  chains: readonly ChainDecl[],
  rules: readonly NftRuleSpec[],
): NftOp[] {
  const mine = rules.filter((r) => r.table === table);
  const jumpedTo = new Set(
    mine.flatMap((r) => r.stmts.flatMap((s) => (s.kind === 'jump' ? [s.chain] : []))),
  );
  const used = chains.filter((c) => mine.some((r) => r.chain === c.name) || jumpedTo.has(c.name));
  if (used.length === 0) return [];
  const at = { family: 'inet', table } as const;
  return [
    { ...at, op: 'add-table' },
    { ...at, op: 'flush-table' },
    ...used.map((c): NftOp => ({ ...at, op: 'add-chain', ...c, src })),
    ...mine.map((rule): NftOp => ({ op: 'add-rule', rule })),
  ];
}
