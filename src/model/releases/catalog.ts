/**
 * The releases the walk models, and which redirection mode each covers. Each entry is read at
 * its tags in istio/istio and istio/ztunnel (the domain files: node redirection §9, in-pod §0–1;
 * the facts in the files each field names).
 */
import type { IstioRelease } from './ids';
import {
  inpodCniSources,
  istioSources,
  nodeCniSources,
  ztunnelInpodSources,
  ztunnelSources,
} from './sources';
import type { InpodRelease, NodeRelease, Release } from './types';

type NodeFields = Omit<NodeRelease, 'id' | 'label' | 'tags' | 'src' | 'zt' | 'era'>;
type InpodFields = Omit<InpodRelease, 'id' | 'label' | 'tags' | 'src' | 'zt' | 'ztInpod' | 'era'>;

/** Node-redirection behaviour every 1.18–1.20 release shares (ztunnel's inbound.rs, outbound.rs). */
const NODE_ZTUNNEL = {
  waypointEnforcement: 'waypoint-only',
  denyLog: 'rbac-rejected',
  fastPath: true,
  outboundLog: 'proxy-to',
} as const;

function nodeRelease(id: IstioRelease, rest: NodeFields): NodeRelease {
  const tag = `${id}.0`;
  return {
    era: 'node',
    id,
    label: `Istio ${id}`,
    tags: { istio: tag, ztunnel: tag },
    src: { ...istioSources(tag), ...nodeCniSources(tag) },
    zt: ztunnelSources(tag, rest.ztunnel.dnsProxy),
    ...rest,
  };
}

/** An in-pod release, cited at `tag` (1.30 at its newest patch, 1.30.3). */
function inpodRelease(
  id: IstioRelease,
  tag: string,
  label: string,
  rest: InpodFields,
): InpodRelease {
  return {
    era: 'inpod',
    id,
    label,
    tags: { istio: tag, ztunnel: tag },
    src: { ...istioSources(tag), ...inpodCniSources(tag) },
    zt: ztunnelSources(tag, rest.ztunnel.dnsProxy),
    ztInpod: ztunnelInpodSources(tag),
    ...rest,
  };
}

const RBAC_119 = { within: 'any-of', emptyMatch: 'skipped', levels: 'rules' } as const;

export const RELEASES: Readonly<Record<IstioRelease, Release>> = {
  '1.18': nodeRelease('1.18', {
    cni: {
      filterForwardAccept: false,
      hostIpSkip: 'from-host-ip',
      genevePort: 'kernel-default',
    },
    ztunnel: {
      dnsProxy: false,
      rbac: { within: 'all-of', emptyMatch: 'fails-group', levels: 'groups' },
      waypointField: 'waypoint-addresses',
      configDump: '1.18',
      ...NODE_ZTUNNEL,
    },
    waypoint: { writtenWith: 'selector', attaches: ['selector'], naming: 'gateway-class-suffix' },
    targetRefToZtunnel: 'namespace-wide',
    httpbinTargetPort: 80,
  }),
  '1.19': nodeRelease('1.19', {
    cni: {
      filterForwardAccept: true,
      hostIpSkip: 'from-host-ip',
      genevePort: 'first-free-from-6081',
    },
    ztunnel: {
      dnsProxy: true,
      rbac: RBAC_119,
      waypointField: 'waypoint-service',
      configDump: '1.19',
      ...NODE_ZTUNNEL,
    },
    waypoint: { writtenWith: 'selector', attaches: ['selector'], naming: 'gateway-class-suffix' },
    targetRefToZtunnel: 'namespace-wide',
    httpbinTargetPort: 80,
  }),
  '1.20': nodeRelease('1.20', {
    cni: {
      filterForwardAccept: true,
      hostIpSkip: 'tcp-socket-to-ambient-pods',
      genevePort: 'first-free-from-6081',
    },
    ztunnel: {
      dnsProxy: true,
      rbac: RBAC_119,
      waypointField: 'waypoint-gateway-address',
      configDump: '1.20',
      ...NODE_ZTUNNEL,
    },
    // policyattachment.go would ignore a selector policy on a waypoint, but the authz builder
    // never tells it the proxy is one (IsWaypoint is unset until 1.22), so both attach.
    waypoint: {
      writtenWith: 'targetRef',
      attaches: ['selector', 'targetRef'],
      naming: 'gateway-class-suffix',
    },
    targetRefToZtunnel: 'namespace-wide',
    httpbinTargetPort: 80,
    ebpf: { withoutZtunnel: 'TC_ACT_SHOT' },
  }),
  // 1.21.0 stands for 1.21–1.23: the same pod rules (1.23.0's default.golden is byte-identical),
  // TPROXY inbound; ztunnel 1.21 still enforces the workload waypoint and hairpins plaintext.
  '1.21': inpodRelease('1.21', '1.21.0', 'Istio 1.21 (–1.23)', {
    ztunnel: {
      dnsProxy: true,
      rbac: RBAC_119,
      waypointField: 'waypoint-gateway-address',
      configDump: '1.21',
      waypointEnforcement: 'waypoint-only',
      denyLog: 'rbac-rejected',
      fastPath: false,
      outboundLog: 'proxy-to',
    },
    waypoint: {
      writtenWith: 'targetRef',
      attaches: ['selector', 'targetRef'],
      naming: 'gateway-class-suffix',
    },
    targetRefToZtunnel: 'namespace-wide',
    httpbinTargetPort: 8080,
    inpod: {
      rules: 'tproxy-1.21',
      hostJump: 'append',
      probeIpset: 'istio-inpod-probes',
      zdsAdd: 'uid',
      proxyStartLog: 'pod WorkloadUid("<uid>") received netns, starting proxy',
      dnsBind: 'wildcard',
      dnsProxyAlways: false,
    },
  }),
  '1.24': inpodRelease('1.24', '1.24.0', 'Istio 1.24', {
    ztunnel: {
      dnsProxy: true,
      rbac: RBAC_119,
      waypointField: 'service-waypoint-hostname',
      configDump: '1.23',
      waypointEnforcement: 'policy-for-everyone',
      denyLog: 'policy-rejection-named',
      fastPath: false,
      outboundLog: 'built-request',
    },
    waypoint: {
      writtenWith: 'targetRefs-service',
      attaches: ['targetRefs-service', 'targetRef'],
      naming: 'gateway-name',
    },
    targetRefToZtunnel: 'not-sent',
    httpbinTargetPort: 8080,
    inpod: {
      rules: 'redirect-1.24',
      hostJump: 'append',
      probeIpset: 'istio-inpod-probes-v4',
      zdsAdd: 'uid-and-workload-info',
      proxyStartLog: 'pod received, starting proxy',
      dnsBind: 'localhost',
      dnsProxyAlways: true,
    },
  }),
  '1.30': inpodRelease('1.30', '1.30.3', 'Istio 1.30', {
    ztunnel: {
      dnsProxy: true,
      rbac: RBAC_119,
      waypointField: 'service-waypoint-hostname',
      configDump: '1.23',
      waypointEnforcement: 'policy-for-everyone',
      denyLog: 'policy-rejection-named',
      fastPath: false,
      outboundLog: 'built-request',
    },
    waypoint: {
      writtenWith: 'targetRefs-service',
      attaches: ['targetRefs-service', 'targetRef'],
      naming: 'gateway-name',
    },
    targetRefToZtunnel: 'not-sent',
    httpbinTargetPort: 8080,
    inpod: {
      rules: 'redirect-1.24',
      hostJump: 'insert-first',
      probeIpset: 'istio-inpod-probes-v4',
      zdsAdd: 'uid-and-workload-info',
      proxyStartLog: 'pod received, starting proxy',
      dnsBind: 'localhost',
      dnsProxyAlways: true,
    },
  }),
};
