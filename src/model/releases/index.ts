export { RELEASES } from './catalog';
export { ISTIO_RELEASES, MODE_RELEASES, defaultRelease, releaseFits } from './ids';
export type { IstioRelease, Release } from './types';
export type { IstioSources, ZtunnelSources } from './sources';
