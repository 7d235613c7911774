/**
 * Policy routing as data: `ip rule` entries and route tables, as istio-cni and kindnet create
 * them. `written` keeps the command as the code runs it; `render.ts` prints what `ip rule` and
 * `ip route show table N` would.
 */
import type { Cidr, Ipv4 } from '../addresses';
import type { Provenance } from '../provenance';

/** Numbered tables, or the kernel's named ones (local 255, main 254, default 253). */
export type TableId = number | 'local' | 'main' | 'default';

export interface IpRule {
  readonly id: string;
  readonly priority: number;
  readonly fwmark?: { readonly value: number; readonly mask: number };
  readonly iif?: string;
  readonly from?: Cidr;
  readonly action:
    | { readonly kind: 'lookup'; readonly table: TableId }
    | { readonly kind: 'goto'; readonly priority: number };
  readonly written: string;
  readonly prov: Provenance;
  readonly why: string;
}

export interface Route {
  readonly id: string;
  readonly table: TableId;
  /** `local` routes deliver to this host; `unicast` forwards. */
  readonly type: 'unicast' | 'local';
  readonly dst: Cidr;
  readonly via?: Ipv4;
  readonly dev: string;
  readonly src?: Ipv4;
  readonly scope?: 'link' | 'host';
  readonly proto?: 'kernel';
  readonly onlink?: boolean;
  readonly written: string;
  readonly prov: Provenance;
  readonly why: string;
}
