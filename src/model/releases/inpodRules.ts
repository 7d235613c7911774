/**
 * The rules istio-cni's node agent writes into an enrolled pod's netns (`CreateInpodRules`) and
 * onto the node for kubelet probes (`CreateHostRulesForHealthChecks`), per rule set, as data:
 * each command as istio-cni hands it to iptables, in the order its builder emits it (the order
 * of the upstream golden files `cni/pkg/iptables/testdata/default.golden` and
 * `hostprobe.golden`), with the code comment that says why it is there.
 *
 * The walk reads these through `cluster/inpodMode.ts`; the rule texts are compared, after
 * iptables-save's normalisation, with the goldens themselves by `inpodRules.test.ts`.
 */
import type { TableName } from '../netfilter/types';
import type { InpodRelease } from './types';

/** One command, written as istio-cni writes it (without `iptables -t <table>`). */
export interface InpodCommand {
  readonly table: TableName;
  readonly text: string;
  /** The code comment above it (upstream's words where there are some). */
  readonly why: string;
  /** Only written with DNS capture on (`RedirectDNS`, or the pod's `dns-capture` annotation). */
  readonly dnsOnly?: boolean;
  /** A label the domain file gives the rule (M1, P2, O6, …), for cross-reading. */
  readonly label?: string;
}

/** The probe SNAT address: `DefaultHostProbeSNATIP` (cni/pkg/nodeagent/options.go). */
export const HOST_PROBE_SNAT_IP = '169.254.7.127';

const WHY = {
  jumps:
    '"Insert jumps to our custom chains. This is mostly just for visual tidiness and cleanup, as we can delete the secondary chains and jumps without polluting the main table too much."',
  connmarkSet:
    '"If we have a packet mark, set a connmark": a packet carrying ztunnel\'s socket mark 0x539 marks its connection 0x111, so the replies can be routed back to ztunnel.',
  probeIn:
    '"If this is one of our node-probe ports and is from our SNAT-ed/\\"special\\" hostside IP, short-circuit out here": kubelet probes, SNATed to 169.254.7.127 on the node, reach the app without ztunnel.',
  probeOut:
    '"Anything coming BACK from the pod healthcheck port with a dest of our SNAT-ed hostside IP we also short-circuit."',
  restore:
    '"Propagate/restore connmark (if we had one) for outbound": a reply on a connection marked 0x111 gets mark 0x111, which ip rule 32764 routes to table 100 (local delivery, to ztunnel).',
  dnsUdp:
    '"If this is a UDP DNS request to a non-localhost resolver, send it to ztunnel DNS proxy port"; ztunnel\'s own queries (mark 0x539) are left alone.',
  dnsTcp: '"Same as above for TCP": DNS over TCP to any resolver but localhost goes to :15053.',
  tproxyMarkAccept:
    '"If this is outbound and has our mark, let it go": a packet whose mark was restored to 0x111 is a reply to a connection ztunnel accepted; it is not redirected.',
  loAccept:
    '"Do not redirect app calls to back itself via Ztunnel when using the endpoint address (e.g. appN => appN by lo)": anything routed over lo to a pod address (ztunnel\'s connection to the app, too) is not redirected.',
  outbound:
    "\"If this is outbound, not bound for localhost, and does not have our packet mark, redirect to ztunnel proxy <OUTPORT>\": the app's TCP goes to ztunnel's outbound listener :15001; ztunnel's own sockets (mark 0x539) leave untouched.",
  inboundRedirect:
    '"Anything that is not bound for localhost and does not have the mark, REDIRECT to ztunnel inbound plaintext port <INPLAINPORT>. Skip 15008, which will go direct without redirect needed."',
  ctZoneOut:
    '"Assign packets between the proxy and upstream DNS servers to their own conntrack zones to avoid issues in port collision" (istio/istio#33469): ztunnel\'s upstream queries ("Proxy will mark outgoing packets") go in zone 1.',
  ctZoneIn:
    'The upstream DNS server\'s answers to ztunnel ("Upstream --> Proxy return packets": UDP from port 53, not ztunnel\'s own) go in conntrack zone 1 too.',
  loopbackAccept:
    '"prevent intercept traffic from app ==> app by pod ip": TCP arriving on lo for a pod address (ztunnel\'s connection to the app) is accepted before any TPROXY rule.',
  tproxyHbone:
    '"Anything heading to <INPORT> that does not have the mark, TPROXY to ztunnel inbound port <INPORT>": HBONE goes to ztunnel\'s :15008 listener, marked 0x111 so ip rule 32764 delivers it locally.',
  established: '"Anything that\'s already in conntrack as an established connection, accept".',
  tproxyPlain:
    '"Anything that is not bound for localhost and does not have the mark, TPROXY to ztunnel inbound plaintext port <INPLAINPORT>".',
} as const;

/** 1.21–1.23 (verbatim `istio@1.21.0:cni/pkg/iptables/testdata/default.golden`, in its order). */
const TPROXY_1_21: readonly InpodCommand[] = [
  { table: 'mangle', text: '-N ISTIO_PRERT', why: 'istio-cni chain' },
  { table: 'nat', text: '-N ISTIO_OUTPUT', why: 'istio-cni chain' },
  { table: 'mangle', text: '-N ISTIO_OUTPUT', why: 'istio-cni chain' },
  { table: 'mangle', text: '-A PREROUTING -j ISTIO_PRERT', why: WHY.jumps },
  { table: 'mangle', text: '-A OUTPUT -j ISTIO_OUTPUT', why: WHY.jumps },
  { table: 'nat', text: '-A OUTPUT -j ISTIO_OUTPUT', why: WHY.jumps },
  {
    table: 'mangle',
    text: '-A ISTIO_PRERT -m mark --mark 0x539/0xfff -j CONNMARK --set-xmark 0x111/0xfff',
    why: WHY.connmarkSet,
    label: 'M1',
  },
  {
    table: 'mangle',
    text: `-A ISTIO_PRERT -s ${HOST_PROBE_SNAT_IP} -p tcp -m tcp -j ACCEPT`,
    why: WHY.probeIn,
  },
  {
    table: 'nat',
    text: `-A ISTIO_OUTPUT -d ${HOST_PROBE_SNAT_IP} -p tcp -m tcp -j ACCEPT`,
    why: WHY.probeOut,
    label: 'O1',
  },
  {
    table: 'mangle',
    text: '-A ISTIO_PRERT ! -d 127.0.0.1/32 -p tcp -i lo -j ACCEPT',
    why: WHY.loopbackAccept,
  },
  {
    table: 'mangle',
    text: '-A ISTIO_PRERT -p tcp -m tcp --dport 15008 -m mark ! --mark 0x539/0xfff -j TPROXY --on-port 15008 --tproxy-mark 0x111/0xfff',
    why: WHY.tproxyHbone,
  },
  {
    table: 'mangle',
    text: '-A ISTIO_PRERT -p tcp -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
    why: WHY.established,
  },
  {
    table: 'mangle',
    text: '-A ISTIO_PRERT ! -d 127.0.0.1/32 -p tcp -m mark ! --mark 0x539/0xfff -j TPROXY --on-port 15006 --tproxy-mark 0x111/0xfff',
    why: WHY.tproxyPlain,
  },
  {
    table: 'mangle',
    text: '-A ISTIO_OUTPUT -m connmark --mark 0x111/0xfff -j CONNMARK --restore-mark --nfmask 0xffffffff --ctmask 0xffffffff',
    why: WHY.restore,
    label: 'M2',
  },
  {
    table: 'nat',
    text: '-A ISTIO_OUTPUT ! -o lo -p udp -m udp --dport 53 -j REDIRECT --to-port 15053',
    why: '"If this is a UDP DNS request to a non-localhost resolver, send it to ztunnel DNS proxy port" (UDP only, and no mark exclusion, until 1.24).',
    dnsOnly: true,
  },
  {
    table: 'nat',
    text: '-A ISTIO_OUTPUT -p tcp -m mark --mark 0x111/0xfff -j ACCEPT',
    why: WHY.tproxyMarkAccept,
    label: 'O4',
  },
  {
    table: 'nat',
    text: '-A ISTIO_OUTPUT ! -d 127.0.0.1/32 -o lo -j ACCEPT',
    why: WHY.loAccept,
    label: 'O5',
  },
  {
    table: 'nat',
    text: '-A ISTIO_OUTPUT ! -d 127.0.0.1/32 -p tcp -m mark ! --mark 0x539/0xfff -j REDIRECT --to-ports 15001',
    why: WHY.outbound,
    label: 'O6',
  },
];

/** 1.24+ (verbatim `istio@1.24.0` and `istio@1.30.3:cni/pkg/iptables/testdata/default.golden`). */
const REDIRECT_1_24: readonly InpodCommand[] = [
  { table: 'mangle', text: '-N ISTIO_PRERT', why: 'istio-cni chain' },
  { table: 'mangle', text: '-N ISTIO_OUTPUT', why: 'istio-cni chain' },
  { table: 'mangle', text: '-A PREROUTING -j ISTIO_PRERT', why: WHY.jumps },
  { table: 'mangle', text: '-A OUTPUT -j ISTIO_OUTPUT', why: WHY.jumps },
  {
    table: 'mangle',
    text: '-A ISTIO_PRERT -m mark --mark 0x539/0xfff -j CONNMARK --set-xmark 0x111/0xfff',
    why: WHY.connmarkSet,
    label: 'M1',
  },
  {
    table: 'mangle',
    text: '-A ISTIO_OUTPUT -m connmark --mark 0x111/0xfff -j CONNMARK --restore-mark --nfmask 0xffffffff --ctmask 0xffffffff',
    why: WHY.restore,
    label: 'M2',
  },
  { table: 'nat', text: '-N ISTIO_PRERT', why: 'istio-cni chain' },
  { table: 'nat', text: '-N ISTIO_OUTPUT', why: 'istio-cni chain' },
  { table: 'nat', text: '-A OUTPUT -j ISTIO_OUTPUT', why: WHY.jumps },
  { table: 'nat', text: '-A PREROUTING -j ISTIO_PRERT', why: WHY.jumps },
  {
    table: 'nat',
    text: `-A ISTIO_PRERT -s ${HOST_PROBE_SNAT_IP} -p tcp -m tcp -j ACCEPT`,
    why: WHY.probeIn,
    label: 'P1',
  },
  {
    table: 'nat',
    text: `-A ISTIO_OUTPUT -d ${HOST_PROBE_SNAT_IP} -p tcp -m tcp -j ACCEPT`,
    why: WHY.probeOut,
    label: 'O1',
  },
  {
    table: 'nat',
    text: '-A ISTIO_PRERT ! -d 127.0.0.1/32 -p tcp ! --dport 15008 -m mark ! --mark 0x539/0xfff -j REDIRECT --to-ports 15006',
    why: WHY.inboundRedirect,
    label: 'P2',
  },
  {
    table: 'nat',
    text: '-A ISTIO_OUTPUT ! -o lo -p udp -m mark ! --mark 0x539/0xfff -m udp --dport 53 -j REDIRECT --to-port 15053',
    why: WHY.dnsUdp,
    dnsOnly: true,
    label: 'O2',
  },
  {
    table: 'nat',
    text: '-A ISTIO_OUTPUT ! -d 127.0.0.1/32 -p tcp --dport 53 -m mark ! --mark 0x539/0xfff -j REDIRECT --to-ports 15053',
    why: WHY.dnsTcp,
    dnsOnly: true,
    label: 'O3',
  },
  {
    table: 'nat',
    text: '-A ISTIO_OUTPUT -p tcp -m mark --mark 0x111/0xfff -j ACCEPT',
    why: WHY.tproxyMarkAccept,
    label: 'O4',
  },
  {
    table: 'nat',
    text: '-A ISTIO_OUTPUT ! -d 127.0.0.1/32 -o lo -j ACCEPT',
    why: WHY.loAccept,
    label: 'O5',
  },
  {
    table: 'nat',
    text: '-A ISTIO_OUTPUT ! -d 127.0.0.1/32 -p tcp -m mark ! --mark 0x539/0xfff -j REDIRECT --to-ports 15001',
    why: WHY.outbound,
    label: 'O6',
  },
  { table: 'raw', text: '-N ISTIO_OUTPUT', why: 'istio-cni chain', dnsOnly: true },
  { table: 'raw', text: '-N ISTIO_PRERT', why: 'istio-cni chain', dnsOnly: true },
  { table: 'raw', text: '-A PREROUTING -j ISTIO_PRERT', why: WHY.jumps, dnsOnly: true },
  { table: 'raw', text: '-A OUTPUT -j ISTIO_OUTPUT', why: WHY.jumps, dnsOnly: true },
  {
    table: 'raw',
    text: '-A ISTIO_OUTPUT -p udp -m mark --mark 0x539/0xfff -m udp --dport 53 -j CT --zone 1',
    why: WHY.ctZoneOut,
    dnsOnly: true,
    label: 'R1',
  },
  {
    table: 'raw',
    text: '-A ISTIO_PRERT -p udp -m mark ! --mark 0x539/0xfff -m udp --sport 53 -j CT --zone 1',
    why: WHY.ctZoneIn,
    dnsOnly: true,
    label: 'R2',
  },
];

/** The pod rules of the release's rule set, with DNS capture on or off. */
export function inpodCommands(rel: InpodRelease, captureDns: boolean): readonly InpodCommand[] {
  const all = rel.inpod.rules === 'tproxy-1.21' ? TPROXY_1_21 : REDIRECT_1_24;
  return all.filter((c) => captureDns || !c.dnsOnly);
}

/** The function that builds the pod rules at the release (renamed exported in 1.25). */
export function inpodRulesFunction(rel: InpodRelease): string {
  return Number(rel.tags.istio.split('.')[1]) >= 25 ? 'AppendInpodRules' : 'appendInpodRules';
}

/** The node's only Istio rules: kubelet probes SNATed so the pod can tell them apart. */
export function hostProbeCommands(rel: InpodRelease): readonly InpodCommand[] {
  const jump =
    rel.inpod.hostJump === 'insert-first'
      ? '-I POSTROUTING 1 -j ISTIO_POSTRT'
      : '-A POSTROUTING -j ISTIO_POSTRT';
  return [
    { table: 'nat', text: '-N ISTIO_POSTRT', why: 'istio-cni chain' },
    {
      table: 'nat',
      text: jump,
      why:
        rel.inpod.hostJump === 'insert-first'
          ? 'Inserted first in POSTROUTING (since 1.27), ahead of any masquerading.'
          : 'Appended to POSTROUTING.',
    },
    {
      table: 'nat',
      text: `-A ISTIO_POSTRT -m owner --socket-exists -p tcp -m set --match-set ${rel.inpod.probeIpset} dst -j SNAT --to-source ${HOST_PROBE_SNAT_IP}`,
      why: '"--socket-exists" tells kubelet (node-local healthchecks, from a local socket) from kube-proxy (forwarded traffic); TCP from a node socket to an enrolled pod (the ipset) is SNATed to 169.254.7.127, which the pod\'s rules let through without ztunnel.',
    },
  ];
}

/** The function that writes the host rules at the release. */
export function hostRulesFunction(rel: InpodRelease): string {
  return Number(rel.tags.istio.split('.')[1]) >= 25 ? 'AppendHostRules' : 'appendHostRules';
}
