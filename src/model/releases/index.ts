export { RELEASES } from './catalog';
export {
  DNS_CAPTURE_DEFAULT,
  FIREWALLS,
  FIREWALL_ENGINES,
  ISTIO_RELEASES,
  MODE_RELEASES,
  NFTABLES_RELEASES,
  defaultRelease,
  firewallFits,
  releaseFits,
} from './ids';
export type { Firewall } from './ids';
export type { InpodRelease, IstioRelease, NodeRelease, Release } from './types';
export type {
  InpodCniSources,
  IstioSources,
  NodeCniSources,
  ZtunnelInpodSources,
  ZtunnelSources,
} from './sources';
