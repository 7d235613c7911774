/** Run at build time (in Node): the default scenario's walk, ready to ship as JSON. */
import { compactWalk, portableWalk } from './portable';
import { DEFAULT_SCENARIO } from './scenario';
import { walkScenario } from './walk';

export function defaultWalkJson(): string {
  return JSON.stringify(compactWalk(portableWalk(walkScenario(DEFAULT_SCENARIO))));
}
