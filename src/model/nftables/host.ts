/**
 * The nftables ruleset istio-cni's node agent writes into the node's own network namespace:
 * the probe sets (`host_sets.go`: `initializeSets` at start, `AddIP` per enrolled pod) and the
 * kubelet-probe SNAT (`nftables.go`: `CreateHostRulesForHealthChecks`). There are no capture
 * rules on the node in the in-pod era; this SNAT is what lets a probe bypass ztunnel in the pod.
 */
import {
  DEFAULT_PROBE_SNAT,
  DEFAULT_PROBE_SNAT_V6,
  INPOD,
  NAT_TABLE,
  PRIORITY,
  inetRule,
  nftSource,
  tableOps,
  x,
  type NftRelease,
} from './istioCni';
import { applyTransactions, type NftOp, type NftTransaction } from './transaction';
import type { NftExpr, NftRuleSpec, NftRuleset, NftStmt } from './types';

/** An enrolled pod in the probe set: its IP, and its UID as the element's comment. */
export interface ProbeSetMember {
  readonly ip: string;
  readonly podUid: string;
}

export interface HostNftOptions {
  /**
   * The kubelet's UID, read from /proc by `getKubeletUIDFromPath` ("kubelet" or "kubelite").
   * nftables has no `--socket-exists`, so the rule matches the kubelet's sockets by owner.
   */
  readonly kubeletUid: number;
  /** The pods enrolled on this node, added to `istio-inpod-probes-v4` as they enrol. */
  readonly members: readonly ProbeSetMember[];
  /** `values.cni.ambient.ipv6`, true in the chart. 1.28.0 writes the `ip6` rule regardless. */
  readonly ipv6?: boolean;
  readonly probeSnat?: string;
  readonly probeSnatV6?: string;
}

export interface HostNftTransactions {
  readonly release: NftRelease;
  /** `initializeSets`: the table and the probe set(s), once at start. */
  readonly sets: NftTransaction;
  /** `CreateHostRulesForHealthChecks` → `executeHostCommands`. */
  readonly rules: NftTransaction;
  /** `AddIP`, one per enrolled pod (step 4 of `AddPodToMesh`). */
  readonly elements: readonly NftTransaction[];
}

export interface HostNftables extends HostNftTransactions {
  readonly ruleset: NftRuleset;
}

const SET_COMMENT = 'UUID of the pods that are part of ambient mesh';

/** The transactions the node agent runs in the node's netns at `release`, in the order it runs them. */
export function hostProbeTransactions(
  release: NftRelease,
  options: HostNftOptions,
): HostNftTransactions {
  const ipv6 = options.ipv6 ?? true;
  const v6Rule = release === '1.28' || ipv6;
  const setSrc = nftSource(release, 'host_sets.go', 'initializeSets');
  const v4Set = `${INPOD.probeSet}-v4`;
  const v6Set = `${INPOD.probeSet}-v6`;
  const at = { family: 'inet', table: NAT_TABLE } as const;
  const sets: NftTransaction = {
    src: setSrc,
    ops: [
      { ...at, op: 'add-table' },
      { ...at, op: 'add-set', name: v4Set, type: 'ipv4_addr', comment: SET_COMMENT, src: setSrc },
      ...(ipv6
        ? [
            {
              ...at,
              op: 'add-set',
              name: v6Set,
              type: 'ipv6_addr',
              comment: SET_COMMENT,
              src: setSrc,
            } as NftOp,
          ]
        : []),
    ],
  };

  const ruleSrc = nftSource(release, 'nftables.go', 'CreateHostRulesForHealthChecks');
  const why =
    'A kubelet health probe (a TCP connection the kubelet opens to an enrolled pod) is SNATed to a fixed address, so the pod can tell it from traffic kube-proxy forwards and let it bypass ztunnel';
  const probe = (l3: 'ip' | 'ip6', set: string, to: string): NftRuleSpec => {
    const exprs: NftExpr[] = [
      x.tcp,
      { kind: 'skuid', op: '==', uid: options.kubeletUid, bare: true },
      { kind: 'addr-set', l3, field: 'daddr', op: '==', set },
    ];
    const stmts: NftStmt[] = [x.counter, { kind: 'snat', l3, addr: to, bare: true }];
    return inetRule(ruleSrc, NAT_TABLE, 'postrouting', exprs, stmts, why);
  };
  const hostRules = [
    probe('ip', v4Set, options.probeSnat ?? DEFAULT_PROBE_SNAT),
    ...(v6Rule ? [probe('ip6', v6Set, options.probeSnatV6 ?? DEFAULT_PROBE_SNAT_V6)] : []),
  ];
  const rules: NftTransaction = {
    src: nftSource(release, 'nftables.go', 'executeHostCommands'),
    ops: tableOps(
      ruleSrc,
      NAT_TABLE,
      [
        {
          name: 'postrouting',
          base: { type: 'nat', hook: 'postrouting', priority: PRIORITY.srcnat },
        },
      ],
      hostRules,
    ),
  };

  const addSrc = nftSource(release, 'host_sets.go', 'AddIP');
  const elements = options.members.map((m): NftTransaction => ({
    src: addSrc,
    ops: [{ ...at, op: 'add-element', set: v4Set, key: m.ip, comment: m.podUid, src: addSrc }],
  }));
  return { release, sets, rules, elements };
}

/**
 * The node's transactions and the ruleset they leave. With 1.28.0 and IPv6 off, the `ip6` rule
 * names a set `initializeSets` never made, so nft rejects the rule transaction and this throws,
 * as the node agent's start fails (istio/istio#58249; fixed in 1.28.1 and 1.29.0).
 */
export function hostProbeNftables(release: NftRelease, options: HostNftOptions): HostNftables {
  const txs = hostProbeTransactions(release, options);
  // The agent makes the sets, then the rules; pods join later (a later flush keeps elements).
  const ruleset = applyTransactions([txs.sets, txs.rules, ...txs.elements]);
  return { ...txs, ruleset };
}
