/**
 * Walks are pure functions of the scenario; computing one takes a few milliseconds, so the
 * page keeps the ones it has seen (there are at most 192).
 */
import { scenarioKey, walkScenario, type Scenario, type Walk } from '../model';

const cache = new Map<string, Walk>();

export function walkFor(scenario: Scenario): Walk {
  const key = scenarioKey(scenario);
  let w = cache.get(key);
  if (!w) {
    w = walkScenario(scenario);
    cache.set(key, w);
  }
  return w;
}
