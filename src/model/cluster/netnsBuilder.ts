/**
 * Assembles one network namespace from the commands the tools run in it: interfaces (with the
 * kernel's own routes for their addresses), `ip rule`/`ip route` commands, iptables commands,
 * ipsets, TC attachments and listening sockets.
 */
import { cidr, cidrAddress, ipv4, prefixLength, type Cidr, type Mac } from '../addresses';
import type { EbpfMaps, TcAttachment } from '../ebpf/types';
import { buildTables, type IptablesCommand } from '../netfilter/tables';
import type { NftRuleset } from '../nftables/types';
import type { RuleIntent, RuleOwner, TableName } from '../netfilter/types';
import { illustrative, inferred, verified, type Provenance } from '../provenance';
import { parseIpRule, parseRoute } from '../routing/parse';
import type { IpRule, Route } from '../routing/types';
import { SRC } from '../upstream';
import type {
  CaptureAssumption,
  Iface,
  Ipset,
  Listener,
  Netns,
  NetnsId,
  NodeName,
  NotableChain,
  PodRole,
} from './types';

/** The three rules every namespace starts with (iproute2 `ip rule` defaults). */
const DEFAULT_RULES: ReadonlyArray<[string, string]> = [
  ['ip rule add priority 0 lookup local', "the kernel's first rule: local addresses"],
  ['ip rule add priority 32766 lookup main', "the kernel's main table"],
  ['ip rule add priority 32767 lookup default', "the kernel's default table (empty)"],
];

const KERNEL_PROV = verified(
  SRC.linuxFibRules,
  'default policy-routing rules and kernel routes for interface addresses',
);

export interface IfaceSpec {
  readonly name: string;
  readonly ifindex: number;
  readonly kind: Iface['kind'];
  /** Addresses with prefix, as `ip addr add`: '10.244.2.4/24'. */
  readonly addrs?: ReadonlyArray<{ readonly cidr: string; readonly prov: Provenance }>;
  readonly mac?: Mac;
  readonly peer?: Iface['peer'];
  readonly geneve?: Iface['geneve'];
  readonly role: string;
  readonly prov: Provenance;
  /** The CNI deleted the kernel's connected route for the subnet (ptp does, for pods). */
  readonly noConnectedRoute?: boolean;
}

export class NetnsBuilder {
  private readonly ifaces: Iface[] = [];
  private readonly commands: IptablesCommand[] = [];
  private readonly ipRules: IpRule[] = [];
  private readonly routes: Route[] = [];
  private readonly ipsets: Ipset[] = [];
  private readonly tc: TcAttachment[] = [];
  private readonly listeners: Listener[] = [];
  private readonly assumptions: CaptureAssumption[] = [];
  private readonly sysctls: Array<{ key: string; value: string; prov: Provenance }> = [];
  private readonly notable: NotableChain[] = [];
  private bpfMaps: EbpfMaps | undefined;
  private nftRuleset: NftRuleset | undefined;
  private seq = 0;

  constructor(
    readonly id: NetnsId,
    readonly node: NodeName,
    readonly kind: 'node' | 'pod',
    readonly label: string,
    readonly role?: PodRole,
  ) {
    for (const [text, why] of DEFAULT_RULES) this.ipRule(text, KERNEL_PROV, why);
  }

  private nextId(prefix: string): string {
    return `${prefix}/${this.seq++}`;
  }

  /** Adds an interface, and the local and connected routes the kernel creates for its addresses. */
  iface(spec: IfaceSpec): this {
    const addrs = (spec.addrs ?? []).map((a) => {
      const c = cidr(a.cidr);
      return { cidr: c, ip: cidrAddress(c), prov: a.prov };
    });
    this.ifaces.push({
      name: spec.name,
      ifindex: spec.ifindex,
      kind: spec.kind,
      addrs,
      ...(spec.mac ? { mac: spec.mac } : {}),
      ...(spec.peer ? { peer: spec.peer } : {}),
      ...(spec.geneve ? { geneve: spec.geneve } : {}),
      role: spec.role,
      prov: spec.prov,
    });
    for (const a of addrs) {
      const len = prefixLength(a.cidr);
      const localDst = spec.kind === 'loopback' ? cidr(networkOf(a.cidr)) : cidr(a.ip);
      if (!this.routes.some((r) => r.table === 'local' && r.dst === localDst)) {
        this.routes.push(
          parseRoute(
            `ip route add table local local ${localDst} dev ${spec.name} proto kernel scope host src ${a.ip}`,
            this.nextId('route'),
            KERNEL_PROV,
            `the kernel's local route for ${a.ip}: packets to it are for this namespace`,
          ),
        );
      }
      if (len < 32 && spec.kind !== 'loopback' && !spec.noConnectedRoute) {
        const net = networkOf(a.cidr);
        this.routes.push(
          parseRoute(
            `ip route add ${net} dev ${spec.name} proto kernel scope link src ${a.ip}`,
            this.nextId('route'),
            KERNEL_PROV,
            `the kernel's connected route for ${spec.name}'s subnet`,
          ),
        );
      }
    }
    return this;
  }

  route(text: string, prov: Provenance, why: string): this {
    this.routes.push(parseRoute(text, this.nextId('route'), prov, why));
    return this;
  }

  ipRule(text: string, prov: Provenance, why: string): this {
    this.ipRules.push(parseIpRule(text, this.nextId('rule'), prov, why));
    return this;
  }

  /** Removes ip rules by priority, as istio-cni does before re-adding its own. */
  deleteIpRules(priorities: readonly number[]): this {
    for (let i = this.ipRules.length - 1; i >= 0; i--) {
      if (priorities.includes((this.ipRules[i] as IpRule).priority)) this.ipRules.splice(i, 1);
    }
    return this;
  }

  ipt(
    table: TableName,
    text: string,
    owner: RuleOwner,
    prov: Provenance,
    why: string,
    meantFor?: RuleIntent,
  ): this {
    this.commands.push({ table, text, owner, prov, why, ...(meantFor ? { meantFor } : {}) });
    return this;
  }

  ipset(set: Ipset): this {
    this.ipsets.push(set);
    return this;
  }

  attach(att: TcAttachment): this {
    this.tc.push(att);
    return this;
  }

  maps(maps: EbpfMaps): this {
    this.bpfMaps = maps;
    return this;
  }

  /** The nftables ruleset the transactions run in this netns left (see nftables/firewall.ts). */
  nftables(rs: NftRuleset): this {
    this.nftRuleset = rs;
    return this;
  }

  listen(l: Listener): this {
    this.listeners.push(l);
    return this;
  }

  assume(a: CaptureAssumption): this {
    this.assumptions.push(a);
    return this;
  }

  sysctl(key: string, value: string, prov: Provenance): this {
    this.sysctls.push({ key, value, prov });
    return this;
  }

  /**
   * Shows traversals of `table/chain` as hops even when no rule in it matches; `prov` is where
   * the knowledge that nothing there applies comes from (the code that installs the chain).
   */
  notableChain(tableChain: string, prov: Provenance): this {
    this.notable.push({ chain: tableChain, prov });
    return this;
  }

  build(): Netns {
    return {
      id: this.id,
      node: this.node,
      kind: this.kind,
      ...(this.role ? { role: this.role } : {}),
      label: this.label,
      ifaces: this.ifaces,
      tables: buildTables(this.commands),
      notableChains: this.notable,
      ipRules: this.ipRules,
      routes: this.routes,
      ipsets: this.ipsets,
      tc: this.tc,
      ...(this.bpfMaps ? { bpfMaps: this.bpfMaps } : {}),
      ...(this.nftRuleset ? { nftables: this.nftRuleset } : {}),
      listeners: this.listeners,
      assumptions: this.assumptions,
      sysctls: this.sysctls,
    };
  }
}

function networkOf(c: Cidr): string {
  const len = prefixLength(c);
  const ip = cidrAddress(c).split('.').map(Number);
  const n = ip.reduce((acc, o) => acc * 256 + o, 0);
  const base = Math.floor(n / 2 ** (32 - len)) * 2 ** (32 - len);
  const octets = [24, 16, 8, 0].map((s) => Math.floor(base / 2 ** s) % 256);
  return `${ipv4(octets.join('.'))}/${len}`;
}

export const KINDNET_PROV = illustrative(
  'kindnet (ptp) layout: host veth holds the gateway address /32, a scope-host route per pod',
);

/**
 * Why a traversal in which nothing matched is still shown: the capture decision is the absence
 * of a match, which only evaluating the installed rules against the packet tells.
 */
export const NOTHING_MATCHED_PROV = inferred(
  SRC.netLinux118,
  'evaluating the verified rules against this packet',
);
