/**
 * Netfilter as data: tables of chains of rules, with the matches and targets istio-cni and
 * kube-proxy use. Rules are written in the form the tools pass to `iptables` (see `parse.ts`)
 * and rendered the way `iptables-save` prints them (see `render.ts`).
 */
import type { Cidr, Ipv4 } from '../addresses';
import type { Provenance } from '../provenance';
import type { TransportProto } from '../packet';

export type TableName = 'raw' | 'mangle' | 'nat' | 'filter';
export type Hook = 'PREROUTING' | 'INPUT' | 'FORWARD' | 'OUTPUT' | 'POSTROUTING';

/** Built-in chains of each table (include/uapi/linux/netfilter_ipv4.h; iptables(8)). */
export const BUILTIN_CHAINS: Readonly<Record<TableName, readonly Hook[]>> = {
  raw: ['PREROUTING', 'OUTPUT'],
  mangle: ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'],
  nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
  filter: ['INPUT', 'FORWARD', 'OUTPUT'],
};

/** The order tables are consulted at each hook, by netfilter priority. */
export const HOOK_TABLES: Readonly<Record<Hook, readonly TableName[]>> = {
  PREROUTING: ['raw', 'mangle', 'nat'],
  INPUT: ['mangle', 'filter', 'nat'],
  FORWARD: ['mangle', 'filter'],
  OUTPUT: ['raw', 'mangle', 'nat', 'filter'],
  POSTROUTING: ['mangle', 'nat'],
};

export type Match =
  | { readonly kind: 'src'; readonly cidr: Cidr; readonly negate: boolean }
  | { readonly kind: 'dst'; readonly cidr: Cidr; readonly negate: boolean }
  | { readonly kind: 'iif'; readonly name: string; readonly negate: boolean }
  | { readonly kind: 'oif'; readonly name: string; readonly negate: boolean }
  | { readonly kind: 'proto'; readonly proto: TransportProto; readonly negate: boolean }
  /**
   * `-m tcp` / `-m udp` written with no option of its own (istio-cni's probe rules:
   * `-s 169.254.7.127 -p tcp -m tcp -j ACCEPT`); it matches what `-p` matched, and
   * iptables-save prints it back.
   */
  | { readonly kind: 'l4-module'; readonly proto: TransportProto }
  | {
      readonly kind: 'port';
      readonly which: 'dport' | 'sport';
      readonly port: number;
      readonly negate: boolean;
      /** `-m tcp` / `-m udp` was written explicitly. */
      readonly explicitModule: boolean;
    }
  | {
      readonly kind: 'set';
      readonly set: string;
      readonly dir: 'src' | 'dst';
      readonly negate: boolean;
    }
  | {
      readonly kind: 'mark';
      readonly value: number;
      readonly mask: number;
      readonly negate: boolean;
    }
  | {
      readonly kind: 'connmark';
      readonly value: number;
      readonly mask: number;
      readonly negate: boolean;
    }
  | { readonly kind: 'socket-exists' }
  | { readonly kind: 'ctstate'; readonly states: readonly CtState[]; readonly negate: boolean }
  | { readonly kind: 'comment'; readonly text: string };

export type CtState = 'NEW' | 'ESTABLISHED' | 'RELATED';

export type Target =
  | { readonly kind: 'jump'; readonly chain: string }
  | { readonly kind: 'ACCEPT' }
  | { readonly kind: 'DROP' }
  | { readonly kind: 'RETURN' }
  /** mark = (mark & ~mask) ^ value */
  | { readonly kind: 'MARK'; readonly value: number; readonly mask: number }
  /** ctmark = (ctmark & ~ctmask) ^ (mark & nfmask) */
  | { readonly kind: 'CONNMARK-save'; readonly nfmask: number; readonly ctmask: number }
  /** mark = (mark & ~nfmask) ^ (ctmark & ctmask) */
  | { readonly kind: 'CONNMARK-restore'; readonly nfmask: number; readonly ctmask: number }
  /** ctmark = (ctmark & ~mask) ^ value */
  | { readonly kind: 'CONNMARK-set'; readonly value: number; readonly mask: number }
  | { readonly kind: 'DNAT'; readonly ip: Ipv4; readonly port?: number }
  | { readonly kind: 'SNAT'; readonly ip: Ipv4 }
  | { readonly kind: 'REDIRECT'; readonly port: number }
  | {
      readonly kind: 'TPROXY';
      readonly onPort: number;
      readonly onIp: Ipv4;
      readonly mark: number;
      readonly mask: number;
    }
  | { readonly kind: 'LOG'; readonly prefix: string }
  | { readonly kind: 'CT'; readonly zone: number };

export interface Rule {
  /** Unique within its network namespace: `mangle/ztunnel-PREROUTING/3` style. */
  readonly id: string;
  readonly table: TableName;
  readonly chain: string;
  readonly matches: readonly Match[];
  readonly target: Target;
  /** The command as the installing code wrote it (`--set-mark 0x100/0x100`, `-I`, ...). */
  readonly written: string;
  /** Who installs it: istio-cni, kube-proxy, ... */
  readonly owner: RuleOwner;
  readonly prov: Provenance;
  /** Why the rule exists, in a sentence (from the upstream code comment where there is one). */
  readonly why: string;
  /**
   * The packets the rule is written for, when they are narrower than what it matches: a packet
   * outside them that still matches is the rule's side effect, and its hop says so.
   */
  readonly meantFor?: RuleIntent;
}

export interface RuleIntent {
  /** "TCP the node itself opens to a pod (kubelet probes)" */
  readonly what: string;
  /** The protocol of the packets it is written for. */
  readonly proto: TransportProto;
}

/**
 * `unknown`: a pasted rule in a chain no tool of the model writes (a sidecar's, another CNI's,
 * the user's own); who installed it is not known.
 */
export type RuleOwner = 'istio-cni' | 'kube-proxy' | 'kindnet' | 'docker' | 'unknown';

export interface Chain {
  readonly name: string;
  readonly builtin: boolean;
  readonly rules: readonly Rule[];
}

export interface Table {
  readonly name: TableName;
  /** Built-in chains first, in kernel order, then user chains in creation order. */
  readonly chains: readonly Chain[];
  /**
   * A command touched the table (even `-F` on an empty chain loads it), so `iptables-save`
   * prints it, rules or not.
   */
  readonly loaded: boolean;
}

/** All four tables of one network namespace. */
export type Tables = Readonly<Record<TableName, Table>>;
