/**
 * What the page loads on demand: the simulator itself. Kept apart from the light modules the
 * first paint needs (scenario knobs, labels, formatting), so the bundler can split it off.
 */
export { walkScenario } from './walk';
export { buildCluster } from './cluster/build';
export { netnsListings, ztunnelConfigListing } from './listings';
export { portableWalk } from './portable';
export { walkSpec, buildSpecCluster } from './specCluster';
export { proxyRoute } from './specCluster/proxyHops';
