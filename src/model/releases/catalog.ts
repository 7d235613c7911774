/**
 * The releases the walk models, and which redirection mode each covers. Each entry is read at
 * its tags in istio/istio and istio/ztunnel (the domain file §9; the facts for 1.19 and 1.20 in
 * the files each field names).
 */
import type { IstioRelease } from './ids';
import { istioSources, ztunnelSources } from './sources';
import type { Release } from './types';

function release(
  id: IstioRelease,
  rest: Omit<Release, 'id' | 'label' | 'tags' | 'src' | 'zt'>,
): Release {
  const tag = `${id}.0`;
  return {
    id,
    label: `Istio ${id}`,
    tags: { istio: tag, ztunnel: tag },
    src: istioSources(tag),
    zt: ztunnelSources(tag, rest.ztunnel.dnsProxy),
    ...rest,
  };
}

export const RELEASES: Readonly<Record<IstioRelease, Release>> = {
  '1.18': release('1.18', {
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
    },
    waypoint: { writtenWith: 'selector', attaches: ['selector'] },
  }),
  '1.19': release('1.19', {
    cni: {
      filterForwardAccept: true,
      hostIpSkip: 'from-host-ip',
      genevePort: 'first-free-from-6081',
    },
    ztunnel: {
      dnsProxy: true,
      rbac: { within: 'any-of', emptyMatch: 'skipped', levels: 'rules' },
      waypointField: 'waypoint-service',
      configDump: '1.19',
    },
    waypoint: { writtenWith: 'selector', attaches: ['selector'] },
  }),
  '1.20': release('1.20', {
    cni: {
      filterForwardAccept: true,
      hostIpSkip: 'tcp-socket-to-ambient-pods',
      genevePort: 'first-free-from-6081',
    },
    ztunnel: {
      dnsProxy: true,
      rbac: { within: 'any-of', emptyMatch: 'skipped', levels: 'rules' },
      waypointField: 'waypoint-gateway-address',
      configDump: '1.20',
    },
    // policyattachment.go would ignore a selector policy on a waypoint, but the authz builder
    // never tells it the proxy is one (IsWaypoint is unset until 1.22), so both attach.
    waypoint: { writtenWith: 'targetRef', attaches: ['selector', 'targetRef'] },
    ebpf: { withoutZtunnel: 'TC_ACT_SHOT' },
  }),
};
