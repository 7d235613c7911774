/**
 * The nftables ruleset istio-cni installs in an enrolled pod's network namespace when the node
 * agent runs with native nftables: `NftablesConfigurator.AppendInpodRules` and `executeCommands`
 * in `cni/pkg/nftables/nftables.go`, read at 1.28.0 and 1.30.3. Rules are appended in the order
 * that function appends them (which is the order of the transaction text), each with the upstream
 * comment that says why it is there, and tagged with the domain file's name for it (M1, P2, O6…).
 */
import {
  DEFAULT_PROBE_SNAT,
  DEFAULT_PROBE_SNAT_V6,
  INPOD,
  MANGLE_TABLE,
  NAT_TABLE,
  PRIORITY,
  RAW_TABLE,
  inetRule,
  nftSource,
  tableOps,
  x,
  type ChainDecl,
  type NftRelease,
} from './istioCni';
import { applyTransactions, type NftBaseWritten, type NftTransaction } from './transaction';
import type { MarkSpelling, NftCmp, NftExpr, NftRuleSpec, NftRuleset } from './types';

type Stmts = NftRuleSpec['stmts'];

export interface InpodNftOptions {
  /**
   * DNS capture for this pod: `values.cni.ambient.dnsCapture` (true since 1.25), or the pod's
   * `ambient.istio.io/dns-capture` annotation, which wins (`getPodLevelTrafficOverrides`).
   */
  readonly dns: boolean;
  /** `ambient.istio.io/bypass-inbound-capture: "true"` ("ingress mode"). Default false. */
  readonly ingressMode?: boolean;
  /** `istio.io/reroute-virtual-interfaces`. Default none. */
  readonly virtualInterfaces?: readonly string[];
  /**
   * `values.cni.ambient.ipv6` (AMBIENT_IPV6), true in the chart at 1.28.0 and 1.30.3, so a
   * default install writes the `ip6` rules too. 1.28.0 writes them whatever this says.
   */
  readonly ipv6?: boolean;
  /** HOST_PROBE_SNAT_IP; default 169.254.7.127. */
  readonly probeSnat?: string;
  /** HOST_PROBE_SNAT_IPV6; default fd16:9254:7127:1337:ffff:ffff:ffff:ffff. */
  readonly probeSnatV6?: string;
}

export interface InpodNftables {
  readonly release: NftRelease;
  /** The one transaction `executeCommands` runs (nat, mangle, raw). */
  readonly transaction: NftTransaction;
  /** The pod's ruleset after it ran. */
  readonly ruleset: NftRuleset;
}

const mark = (
  key: 'meta' | 'ct',
  op: NftCmp,
  value: number,
  mask: number,
  spelling: MarkSpelling,
): NftExpr => ({ kind: 'mark', key, mask, op, value, spelling });
/** `mark and 0xfff != 0x539`: istio-cni's usual spelling of the ztunnel-mark test. */
const notZtunnel: NftExpr = mark('meta', '!=', INPOD.mark, INPOD.mask, {
  metaWord: false,
  andWord: true,
});

/**
 * The pod-netns transaction and ruleset of `release` (istio-cni `AppendInpodRules`).
 * 1.28.0 differs from 1.30.3 in two ways (both fixed in 1.29.0, the first also in 1.28.1): it
 * appends the `ip6` rules even without IPv6 (commit 7cfa8b31af9), and in ingress mode it leaves
 * out the mangle rule that sets the connmark (commit d8f0973a0a1).
 */
export function inpodNftables(release: NftRelease, options: InpodNftOptions): InpodNftables {
  const src = nftSource(release, 'nftables.go', 'AppendInpodRules');
  const ingress = options.ingressMode ?? false;
  const v6 = release === '1.28' || (options.ipv6 ?? true);
  const snat = options.probeSnat ?? DEFAULT_PROBE_SNAT;
  const snat6 = options.probeSnatV6 ?? DEFAULT_PROBE_SNAT_V6;
  const rules: NftRuleSpec[] = [];
  type Add = (t: string, c: string, e: NftExpr[], s: Stmts, why: string, tag?: string) => void;
  const add: Add = (table, chain, e, s, why, tag) =>
    rules.push(inetRule(src, table, chain, e, s, why, tag));
  const add6: Add = (...args) => v6 && add(...args);
  const jump = (table: string, from: string, to: string) =>
    add(table, from, [], [{ kind: 'jump', chain: to }], `the ${from} hook enters Istio's chain`);
  const P = 'istio-prerouting';
  const O = 'istio-output';
  const { counter, accept, tcp } = x;

  jump(MANGLE_TABLE, 'prerouting', P);
  jump(MANGLE_TABLE, 'output', O);
  jump(NAT_TABLE, 'output', O);
  if (options.dns) {
    jump(RAW_TABLE, 'prerouting', P);
    jump(RAW_TABLE, 'output', O);
  }
  jump(NAT_TABLE, 'prerouting', P);

  for (const iface of options.virtualInterfaces ?? []) {
    const on: NftExpr = { kind: 'ifname', dir: 'iif', op: '==', name: iface };
    add(
      NAT_TABLE,
      P,
      [on, tcp],
      [counter, x.redirect(INPOD.outboundPort)],
      'For any configured virtual interfaces, treat inbound as outbound traffic and shunt it directly to the outbound port of the proxy',
    );
    add(
      NAT_TABLE,
      P,
      [on, tcp],
      [counter, { kind: 'return' }],
      'the virtual interface skips the rest of the chain',
    );
  }

  const connmarkSet = () =>
    add(
      MANGLE_TABLE,
      P,
      [mark('meta', '==', INPOD.mark, INPOD.mask, { metaWord: true, andWord: false })],
      [
        counter,
        {
          kind: 'mark-set',
          target: 'ct',
          source: 'ct',
          mask: 0xfffff000,
          value: INPOD.tproxyMark,
          spaceAfterOr: true,
        },
      ],
      'If we have a packet mark, set a connmark',
      'M1',
    );
  if (release !== '1.28') connmarkSet();

  if (!ingress) {
    if (release === '1.28') connmarkSet();
    const why = [
      'If this is one of our node-probe ports and is from our SNAT-ed/"special" hostside IP, short-circuit out here',
      'P1',
    ] as const;
    add(NAT_TABLE, P, [tcp, x.addr('ip', 'saddr', '==', snat)], [counter, accept], ...why);
    add6(NAT_TABLE, P, [tcp, x.addr('ip6', 'saddr', '==', snat6)], [counter, accept], ...why);
  }

  const probeBack = [
    'Anything coming BACK from the pod healthcheck port with a dest of our SNAT-ed hostside IP we also short-circuit',
    'O1',
  ] as const;
  add(NAT_TABLE, O, [tcp, x.addr('ip', 'daddr', '==', snat)], [counter, accept], ...probeBack);
  add6(NAT_TABLE, O, [tcp, x.addr('ip6', 'daddr', '==', snat6)], [counter, accept], ...probeBack);

  if (!ingress) {
    const dport15008: NftExpr = {
      kind: 'port',
      proto: 'tcp',
      field: 'dport',
      op: '!=',
      port: INPOD.inboundPort,
    };
    const why = [
      'Anything that is not bound for localhost and does not have the mark, REDIRECT to ztunnel inbound plaintext port; skip 15008, which will go direct without redirect needed',
      'P2',
    ] as const;
    add(
      NAT_TABLE,
      P,
      [
        x.addr('ip', 'daddr', '!=', '127.0.0.1/32'),
        dport15008,
        mark('meta', '!=', INPOD.mark, INPOD.mask, {
          metaWord: false,
          andWord: true,
          spaceAfterMask: true,
        }),
      ],
      [counter, x.redirect(INPOD.inboundPlaintextPort)],
      ...why,
    );
    add6(
      NAT_TABLE,
      P,
      [x.addr('ip6', 'daddr', '!=', '::1/128'), dport15008, notZtunnel],
      [counter, x.redirect(INPOD.inboundPlaintextPort)],
      ...why,
    );
  }

  add(
    MANGLE_TABLE,
    O,
    [mark('ct', '==', INPOD.tproxyMark, INPOD.tproxyMask, { metaWord: false, andWord: true })],
    [counter, { kind: 'mark-set', target: 'meta', source: 'ct', mask: 0xffffffff, value: 0 }],
    'Propagate/restore connmark (if we had one) for outbound',
    'M2',
  );

  if (options.dns) {
    const dns53 = (proto: 'tcp' | 'udp', field: 'sport' | 'dport'): NftExpr => ({
      kind: 'port',
      proto,
      field,
      op: '==',
      port: 53,
    });
    const toDns = [counter, x.redirect(INPOD.dnsPort)];
    add(
      NAT_TABLE,
      O,
      [{ kind: 'ifname', dir: 'oif', op: '!=', name: 'lo' }, notZtunnel, dns53('udp', 'dport')],
      toDns,
      'If this is a UDP DNS request to a non-localhost resolver, send it to ztunnel DNS proxy port',
      'O2',
    );
    add(
      NAT_TABLE,
      O,
      [x.addr('ip', 'daddr', '!=', '127.0.0.1/32'), dns53('tcp', 'dport'), notZtunnel],
      toDns,
      'A TCP DNS request to a non-localhost resolver goes to the DNS proxy too',
      'O3',
    );
    add6(
      NAT_TABLE,
      O,
      [x.addr('ip6', 'daddr', '!=', '::1/128'), dns53('tcp', 'dport'), notZtunnel],
      toDns,
      'A TCP DNS request to a non-localhost resolver goes to the DNS proxy too',
      'O3',
    );
    const zone = [counter, { kind: 'ct-zone-set', zone: 1 } as const];
    const metaAnd: MarkSpelling = { metaWord: true, andWord: true };
    add(
      RAW_TABLE,
      O,
      [dns53('udp', 'dport'), mark('meta', '==', INPOD.mark, INPOD.mask, metaAnd)],
      zone,
      'Proxy --> Upstream: packets between the proxy and upstream DNS servers get their own conntrack zone, to avoid issues in port collision (istio/istio#33469)',
      'R1',
    );
    add(
      RAW_TABLE,
      P,
      [dns53('udp', 'sport'), mark('meta', '!=', INPOD.mark, INPOD.mask, metaAnd)],
      zone,
      'Upstream --> Proxy return packets, in the same conntrack zone',
      'R2',
    );
  }

  add(
    NAT_TABLE,
    O,
    [
      tcp,
      mark('meta', '==', INPOD.tproxyMark, INPOD.tproxyMask, { metaWord: false, andWord: true }),
    ],
    [counter, accept],
    'If this is outbound and has our mark, let it go',
    'O4',
  );
  const lo: NftExpr = { kind: 'ifname', dir: 'oif', op: '==', name: 'lo' };
  const self = [
    'Do not redirect app calls to back itself via Ztunnel when using the endpoint address',
    'O5',
  ] as const;
  add(NAT_TABLE, O, [lo, x.addr('ip', 'daddr', '!=', '127.0.0.1/32')], [counter, accept], ...self);
  add6(NAT_TABLE, O, [lo, x.addr('ip6', 'daddr', '!=', '::1/128')], [counter, accept], ...self);
  const out = [
    'If this is outbound, not bound for localhost, and does not have our packet mark, redirect to ztunnel proxy',
    'O6',
  ] as const;
  add(
    NAT_TABLE,
    O,
    [tcp, x.addr('ip', 'daddr', '!=', '127.0.0.1/32'), notZtunnel],
    [counter, x.redirect(INPOD.outboundPort)],
    ...out,
  );
  add6(
    NAT_TABLE,
    O,
    [tcp, x.addr('ip6', 'daddr', '!=', '::1/128'), notZtunnel],
    [counter, x.redirect(INPOD.outboundPort)],
    ...out,
  );

  const transaction = inpodTransaction(release, rules);
  return { release, transaction, ruleset: applyTransactions([transaction]) };
}

/** The chains `addIstio{Nat,Mangle,Raw}TableRules` declare, with their hooks and priorities. */
function inpodTransaction(release: NftRelease, rules: readonly NftRuleSpec[]): NftTransaction {
  const regular: ChainDecl[] = [{ name: 'istio-prerouting' }, { name: 'istio-output' }];
  const decl = (pre: NftBaseWritten, out: NftBaseWritten): ChainDecl[] => [
    { name: 'prerouting', base: pre },
    { name: 'output', base: out },
    ...regular,
  ];
  const src = (func: string) => nftSource(release, 'nftables.go', func);
  return {
    src: src('executeCommands'),
    ops: [
      ...tableOps(
        src('addIstioNatTableRules'),
        NAT_TABLE,
        decl(
          { type: 'nat', hook: 'prerouting', priority: PRIORITY.dstnat },
          { type: 'nat', hook: 'output', priority: PRIORITY.dstnat },
        ),
        rules,
      ),
      ...tableOps(
        src('addIstioMangleTableRules'),
        MANGLE_TABLE,
        decl(
          { type: 'filter', hook: 'prerouting', priority: PRIORITY.mangle },
          // A route chain: a mark it restores makes the kernel route the packet again.
          { type: 'route', hook: 'output', priority: PRIORITY.mangle },
        ),
        rules,
      ),
      ...tableOps(
        src('addIstioRawTableRules'),
        RAW_TABLE,
        decl(
          { type: 'filter', hook: 'prerouting', priority: PRIORITY.raw },
          { type: 'filter', hook: 'output', priority: PRIORITY.raw },
        ),
        rules,
      ),
    ],
  };
}
