/**
 * Run at build time (in Node): the default walk's diagram in both orientations, to ship with
 * the page beside the walk itself, so the first view is drawn without the layout code (which
 * loads on demand, as the simulator does, for any other walk).
 */
import { DEFAULT_SCENARIO } from '../../model/scenario';
import { portableWalk } from '../../model/portable';
import { walkScenario } from '../../model/walk';
import { layoutDiagram } from './layout';
import { walkFingerprint, type ShippedLayouts } from './shippedLayouts';

export function defaultLayoutsJson(): string {
  const walk = portableWalk(walkScenario(DEFAULT_SCENARIO));
  const shipped: ShippedLayouts = {
    walk: walkFingerprint(walk),
    landscape: layoutDiagram(walk.cluster, 'landscape', walk.hops),
    portrait: layoutDiagram(walk.cluster, 'portrait', walk.hops),
  };
  return JSON.stringify(shipped);
}
