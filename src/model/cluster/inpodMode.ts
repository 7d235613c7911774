/**
 * In-pod redirection as istio-cni's node agent sets it up (1.21+), in the order
 * `meshDataplane.AddPodToMesh` runs ("Ordering is important"):
 *
 *   at start:  CreateHostRulesForHealthChecks (the node's probe SNAT) and the probe ipset;
 *   per pod:   1. open the pod's netns;
 *              2. inside it, CreateInpodRules: the release's rules, `ip rule … fwmark 0x111/0xfff
 *                 lookup 100` and `local default dev lo table 100`;
 *              3. sendPodToZtunnelAndWaitForAck: ZDS `AddWorkload` over
 *                 /var/run/ztunnel/ztunnel.sock, the netns fd as SCM_RIGHTS; ztunnel starts a
 *                 proxy for the pod with its listeners inside the pod's netns (mark 0x539);
 *              4. the pod's IP into the probe ipset (comment: the pod UID);
 *              5. annotate the pod `ambient.istio.io/redirection: enabled`.
 *
 * Nothing else on the node: no istioin/istioout, no GENEVE, no eBPF, no capture rules.
 */
import { imported, inferred, verified } from '../provenance';
import { NAT_TABLE } from '../nftables/istioCni';
import type { InpodRelease } from '../releases';
import type { Enrolment, EnrolmentStep, NodeName, ProcessId } from './types';
import { inpodListeners, INPOD_MARK } from './listeners';
import type { NetnsBuilder } from './netnsBuilder';
import type { Placed } from './placement';
import type { PodFirewall } from './podFirewall';
import {
  installPastedIpRules,
  installPastedIptables,
  installPastedRoutes,
  pastedSummary,
  type PastedPodRules,
} from './pastedInstall';

export interface InpodNodeSide {
  /** The node's root netns. */
  readonly node: NetnsBuilder;
  readonly nodeName: NodeName;
  /** The node's ztunnel, which gets every enrolled pod's netns. */
  readonly ztunnel: ProcessId;
  /** The node's pods in the mesh, in the order they are enrolled, with their netns. */
  readonly enrolled: ReadonlyArray<{ readonly pod: Placed; readonly ns: NetnsBuilder }>;
  /** istio-cni redirects DNS (`RedirectDNS`, the chart's `dnsCapture`). */
  readonly captureDns: boolean;
  readonly rel: InpodRelease;
  readonly firewall: PodFirewall;
  /**
   * The rules the user pasted for a pod (`pastedPodRules`), which its netns gets instead of the
   * release's: each pasted part replaces its own default, the rest stays the release's.
   */
  readonly pasted?: (pod: Placed) => PastedPodRules | undefined;
}

/** The ZDS socket: `cni/pkg/cmd/root.go` flag default, ztunnel's `INPOD_UDS` default. */
export const ZDS_SOCKET = '/var/run/ztunnel/ztunnel.sock';

/** Installs the node's and each enrolled pod's in-pod setup; returns how each pod was enrolled. */
export function installInpodNode(s: InpodNodeSide): Enrolment[] {
  const { rel } = s;
  s.firewall.hostRules(s.node, rel);
  // ztunnel runs its DNS proxy when DNS capture is on (1.21: DNS_CAPTURE metadata) or always (1.23+).
  const dnsProxy = s.captureDns || rel.inpod.dnsProxyAlways;
  const out: Enrolment[] = [];
  const members: Array<{
    ip: Placed['facts']['ip'];
    comment: string;
    prov: ReturnType<typeof verified>;
  }> = [];
  for (const { pod, ns } of s.enrolled) {
    const f = pod.facts;
    const steps: EnrolmentStep[] = [];
    steps.push({
      step: 'netns',
      text: `the CNI plugin's add event for ${f.namespace}/${f.name} carries its netns (/var/run/netns/cni-${f.uid.slice(0, 8)}…); the agent opens and caches it`,
      prov: verified(rel.src.meshDataplane, 'AddPodToMesh: open the netns, then the rules'),
    });

    const pasted = replacing(s.pasted?.(pod));
    if (pasted?.iptables) installPastedIptables(ns, pasted.iptables);
    else s.firewall.podRules(ns, rel, s.captureDns);
    if (pasted?.ipRules) installPastedIpRules(ns, pasted);
    else
      ns.ipRule(
        'ip rule add priority 32764 fwmark 0x111/0xfff lookup 100',
        verified(
          rel.src.iptablesLinux,
          'forEachInpodMarkIPRule: ip rule add fwmark 0x111/0xfff pref 32764 lookup 100',
        ),
        'packets marked 0x111 (TPROXY on 1.21–1.23; restored from the connmark on replies to ztunnel) are looked up in table 100',
      );
    if (pasted?.routes) installPastedRoutes(ns, pasted);
    else
      ns.route(
        'ip route add local 0.0.0.0/0 dev lo table 100',
        verified(
          rel.src.iptablesLinux,
          'forEachLoopbackRoute: ip route add local 0.0.0.0/0 dev lo table 100',
        ),
        "in table 100 every address is local: a 0x111 packet is delivered to a socket in this netns (ztunnel's), whatever its destination",
      );
    const nothing = inferred(rel.src.iptables, 'evaluating the verified rules against this packet');
    if (s.firewall.kind === 'nftables') {
      const none = inferred(
        `istio/istio@${rel.tags.istio}:cni/pkg/nftables/nftables.go`,
        'evaluating the verified rules against this packet',
      );
      ns.notableChain(`${NAT_TABLE}/istio-output`, none).notableChain(
        `${NAT_TABLE}/istio-prerouting`,
        none,
      );
    } else ns.notableChain('nat/ISTIO_OUTPUT', nothing).notableChain('nat/ISTIO_PRERT', nothing);
    const releaseRules = `CreateInpodRules in ${f.name}'s netns: ${s.firewall.kind} rules (${rel.inpod.rules === 'tproxy-1.21' ? 'TPROXY inbound' : 'REDIRECT inbound'}${s.captureDns ? ', DNS capture' : ''}), ip rule 32764 fwmark 0x111/0xfff lookup 100, local default dev lo table 100`;
    steps.push(
      pasted
        ? {
            step: 'rules',
            text: `rules pasted from your cluster in ${f.name}'s netns: ${pastedSummary(pasted)}${pastedDefaults(pasted, s.firewall.kind)}`,
            prov: imported(`${f.namespace}/${f.name}'s pasted rules, in place of the release's`),
          }
        : {
            step: 'rules',
            text: releaseRules,
            prov: verified(
              rel.src.netServer,
              'AddPodToMesh → CreateInpodRules ("non-retryable" on failure)',
            ),
          },
    );

    const workloadInfo =
      rel.inpod.zdsAdd === 'uid-and-workload-info'
        ? `, workload_info: {name: "${f.name}", namespace: "${f.namespace}", service_account: "${f.serviceAccount}"}`
        : '';
    steps.push({
      step: 'zds',
      text: `ZDS over ${ZDS_SOCKET} (unixpacket, SOCK_SEQPACKET): WorkloadRequest{add: AddWorkload{uid: "${f.uid}"${workloadInfo}}} with the netns fd as SCM_RIGHTS; ztunnel answers WorkloadResponse{ack{}}`,
      prov: verified(
        rel.src.ztunnelServer,
        'newZtunnelServer: net.ListenUnix("unixpacket", …); send: unix.UnixRights(*fd) + WriteMsgUnix',
      ),
    });
    inpodListeners(ns, s.ztunnel, rel, dnsProxy);
    steps.push({
      step: 'proxy',
      text: `ztunnel: "${rel.inpod.proxyStartLog.replace('<uid>', f.uid)}"; setns into the pod, bind [::]:15001, [::]:15006, [::]:15008${dnsProxy ? `, ${rel.inpod.dnsBind === 'localhost' ? '127.0.0.1' : '[::]'}:15053 (UDP, TCP)` : ''}, every socket SO_MARK ${INPOD_MARK} (0x539)`,
      prov: verified(
        rel.ztInpod.statemanager,
        'add_workload_inner: new_proxies_from_factory(…, socket_factory(netns)); InPodSocketFactory::configure → set_mark',
      ),
    });

    const ipsetProv = verified(
      rel.src.meshDataplane,
      `addPodToHostAddrSet: ${f.ip} with the pod UID as comment (after the ztunnel ack)`,
    );
    members.push({ ip: f.ip, comment: f.uid, prov: ipsetProv });
    steps.push({
      step: 'ipset',
      text:
        s.firewall.kind === 'nftables'
          ? `nft add element inet istio-ambient-nat ${rel.inpod.probeIpset} { ${f.ip} comment "${f.uid}" } (on ${pod.node.name})`
          : `ipset add ${rel.inpod.probeIpset} ${f.ip} comment "${f.uid}" (on ${pod.node.name})`,
      prov: ipsetProv,
    });
    steps.push({
      step: 'annotate',
      text: `kubectl annotate pod ${f.name} ambient.istio.io/redirection=enabled`,
      prov: verified(rel.src.podUtil, 'AnnotateEnrolledPod'),
    });
    out.push({ netns: ns.id, pod: f.name, node: s.nodeName, ztunnel: s.ztunnel, steps });
  }
  s.firewall.probeSet(s.node, rel, members);
  return out;
}

/** Pasted rules that replace something; a paste with nothing the walk can use replaces nothing. */
function replacing(p: PastedPodRules | undefined): PastedPodRules | undefined {
  return p && (p.iptables || p.ipRules || p.routes) ? p : undefined;
}

/** What stays the release's when only part of a pod's rules were pasted. */
function pastedDefaults(p: PastedPodRules, firewall: PodFirewall['kind']): string {
  const kept = [
    ...(p.iptables ? [] : [`the release's ${firewall} rules`]),
    ...(p.ipRules ? [] : ['ip rule 32764 fwmark 0x111/0xfff lookup 100']),
    ...(p.routes ? [] : ['local default dev lo table 100']),
  ];
  return kept.length ? `; istio-cni's own: ${kept.join(', ')}` : '';
}
