/**
 * nftables as data: tables of a family, base chains hooked into netfilter at a priority, regular
 * chains, sets, and rules made of expressions (what a packet must look like) and statements
 * (what to do with it). This is nftables' own model, not iptables under other names: every base
 * chain at a hook runs, in priority order; `accept` ends one base chain, `drop` ends them all;
 * NAT statements are terminal; sets belong to their table.
 */
import type { TransportProto } from '../packet';
import type { Provenance } from '../provenance';

/** The address families istio-cni and users write tables in (nft(8) ADDRESS FAMILIES). */
export type NftFamily = 'inet' | 'ip' | 'ip6';
export type NftHook = 'prerouting' | 'input' | 'forward' | 'output' | 'postrouting';
/** `route` reroutes a locally generated packet whose mark or address a rule changed. */
export type NftChainType = 'filter' | 'nat' | 'route';
export type NftPolicy = 'accept' | 'drop';
export type NftCmp = '==' | '!=';
/** The network-layer keyword of an expression: `ip` (IPv4) or `ip6`. */
export type NftL3 = 'ip' | 'ip6';

/** Where an object comes from: the file at its tag (`repo@tag:path`) and the function that wrote it. */
export interface NftSource {
  readonly prov: Provenance;
  readonly func: string;
}

/**
 * How istio-cni spelled a mark expression in the string it handed to `knftables.Concat`: nft
 * accepts `mark` or `meta mark`, `and` or `&`; the transaction text keeps the writer's words.
 */
export interface MarkSpelling {
  /** `meta mark …` rather than the bare `mark …` (meta marks only). */
  readonly metaWord: boolean;
  /** `and` rather than `&`. */
  readonly andWord: boolean;
  /** The mask token was passed with a trailing space (`"mark and 0xfff "`), so two spaces follow. */
  readonly spaceAfterMask?: boolean;
}

/** What a rule matches, one expression at a time, all of which must hold. */
export type NftExpr =
  /** `meta l4proto tcp` */
  | { readonly kind: 'l4proto'; readonly proto: TransportProto }
  /** `ip saddr 169.254.7.127`, `ip daddr != 127.0.0.1/32`, `ip6 daddr != ::1/128` */
  | {
      readonly kind: 'addr';
      readonly l3: NftL3;
      readonly field: 'saddr' | 'daddr';
      readonly op: NftCmp;
      readonly addr: string;
      /** Present when written with a prefix length (`/32` is kept as written). */
      readonly prefix?: number;
    }
  /** `ip daddr @istio-inpod-probes-v4`: a lookup in a set of the rule's table. */
  | {
      readonly kind: 'addr-set';
      readonly l3: NftL3;
      readonly field: 'saddr' | 'daddr';
      readonly op: NftCmp;
      readonly set: string;
    }
  /** `tcp dport != 15008`, `udp sport 53` */
  | {
      readonly kind: 'port';
      readonly proto: TransportProto;
      readonly field: 'sport' | 'dport';
      readonly op: NftCmp;
      readonly port: number;
    }
  /** `oifname lo`, `iifname != eth0` */
  | {
      readonly kind: 'ifname';
      readonly dir: 'iif' | 'oif';
      readonly op: NftCmp;
      readonly name: string;
    }
  /** `meta mark & 0xfff == 0x539`, `ct mark and 0xfff == 0x111` */
  | {
      readonly kind: 'mark';
      readonly key: 'meta' | 'ct';
      readonly mask: number;
      readonly op: NftCmp;
      readonly value: number;
      readonly spelling?: MarkSpelling;
    }
  /** `meta skuid 1000`: the owner of the packet's local socket. */
  | {
      readonly kind: 'skuid';
      readonly op: NftCmp;
      readonly uid: number;
      /** Written `skuid 1000`, without `meta` (istio-cni's host rule). */
      readonly bare?: boolean;
    };

/** What a rule does when its expressions hold, in order. */
export type NftStmt =
  | { readonly kind: 'counter' }
  | { readonly kind: 'accept' }
  | { readonly kind: 'drop' }
  | { readonly kind: 'return' }
  | { readonly kind: 'jump'; readonly chain: string }
  | { readonly kind: 'goto'; readonly chain: string }
  /** `redirect to :15001`: DNAT to the address of the incoming interface (or 127.0.0.1). */
  | { readonly kind: 'redirect'; readonly port: number }
  /** `snat to 169.254.7.127` */
  | {
      readonly kind: 'snat';
      readonly l3: NftL3;
      readonly addr: string;
      /** Written `snat to …` without the family word (istio-cni's host rule). */
      readonly bare?: boolean;
    }
  /**
   * `ct mark set ct mark & 0xfffff000 | 0x111`, `meta mark set ct mark`, `ct mark set 0x5`:
   * target = (source & mask) | value, where a missing source reads as 0.
   */
  | {
      readonly kind: 'mark-set';
      readonly target: 'meta' | 'ct';
      readonly source?: 'meta' | 'ct';
      readonly mask: number;
      readonly value: number;
      /** The `|` token was passed with a trailing space (`"… | "`), so two spaces follow it. */
      readonly spaceAfterOr?: boolean;
    }
  /** `ct zone set 1`: only meaningful before conntrack (priority below -200). */
  | { readonly kind: 'ct-zone-set'; readonly zone: number };

/** A rule as the installer writes it: no id or position yet. */
export interface NftRuleSpec {
  readonly family: NftFamily;
  readonly table: string;
  readonly chain: string;
  readonly exprs: readonly NftExpr[];
  readonly stmts: readonly NftStmt[];
  readonly src: NftSource;
  /** Why the rule exists, from the upstream code comment (`// DESC: …`) where there is one. */
  readonly why: string;
  /**
   * The domain file's name for the rule (inpod-and-import.md §1.2: M1, P2, O6, R1…), which the
   * iptables rule doing the same job shares, so a walk can say which is which in either engine.
   */
  readonly tag?: string;
}

/** A rule in a chain: `inet/istio-ambient-nat/istio-output/5` (0-based, in chain order). */
export interface NftRule extends NftRuleSpec {
  readonly id: string;
}

export interface NftBaseSpec {
  readonly type: NftChainType;
  readonly hook: NftHook;
  readonly priority: number;
  readonly policy: NftPolicy;
}

export interface NftChain {
  readonly name: string;
  /** Present for base chains; regular chains are reached only by `jump`/`goto`. */
  readonly base?: NftBaseSpec;
  readonly rules: readonly NftRule[];
  readonly src: NftSource;
}

export interface NftSetElement {
  readonly key: string;
  readonly comment?: string;
  readonly src: NftSource;
}

export interface NftSet {
  readonly name: string;
  readonly type: 'ipv4_addr' | 'ipv6_addr';
  readonly comment?: string;
  readonly elements: readonly NftSetElement[];
  readonly src: NftSource;
}

export interface NftTable {
  readonly family: NftFamily;
  readonly name: string;
  /** In creation order, which is also the order `nft list ruleset` prints them in. */
  readonly chains: readonly NftChain[];
  readonly sets: readonly NftSet[];
}

/** Every table of one network namespace, in creation order. */
export interface NftRuleset {
  readonly tables: readonly NftTable[];
}

/** The empty ruleset of a namespace nothing has written nftables into. */
export const EMPTY_RULESET: NftRuleset = { tables: [] };
