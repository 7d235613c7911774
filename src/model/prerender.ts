/**
 * Run at build time (in Node): the default scenario's walk, ready to ship as JSON, in two
 * parts (src/model/hopDetails.ts): what the first view and stepping need, and the rest. The
 * details of the walk's first step ship with the first part: the page opens inside it (hop 1,
 * or where step 1 ends), so the first view never waits for them.
 */
import { splitDetails } from './hopDetails';
import { compactWalk, portableWalk } from './portable';
import { DEFAULT_SCENARIO } from './scenario';
import { walkScenario } from './walk';

function split() {
  const w = portableWalk(walkScenario(DEFAULT_SCENARIO));
  const first = w.hops.findIndex((h) => h.group !== w.hops[0]?.group);
  return splitDetails(w, (i) => first < 0 || i < first);
}

export function defaultWalkJson(): string {
  return JSON.stringify(compactWalk(split().stage));
}

export function defaultDetailsJson(): string {
  return JSON.stringify(split().details);
}
