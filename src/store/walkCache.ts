/**
 * Where the page gets walks. The default scenario's walk was computed at build time and ships
 * with the page; any other scenario is walked by the model, which loads on demand the first
 * time it is needed (and at the first sign of a reader). Walks are pure functions of the
 * scenario, so each is computed once.
 *
 * `walkResource(scenario)` returns a thenable React's `use()` reads synchronously when the walk
 * is known, and suspends on while the model loads.
 *
 * The default walk ships in two parts (src/model/hopDetails.ts): the page can step it at once,
 * and `loadDefaultDetails()` brings the rest of its hop details a moment later; subscribers
 * hear when it has, and get the whole walk from then on.
 */
import shipped from 'virtual:ambient-walk/default';
import { joinDetails, type HopDetailFields } from '../model/hopDetails';
import { expandWalk, type PortableWalk } from '../model/portable';
import type * as Runtime from '../model/runtime';
import { scenarioKey, type Scenario } from '../model/scenario';

type ModelRuntime = typeof Runtime;

export type WalkResource = PromiseLike<PortableWalk> & {
  status?: 'pending' | 'fulfilled' | 'rejected';
  value?: PortableWalk;
  reason?: unknown;
};

let defaultWalk = expandWalk(shipped);
let detailsLoading: Promise<void> | undefined;
const listeners = new Set<() => void>();
let version = 0;

/** Called when a known walk gains what it lacked (the default walk's details). */
export function subscribeWalks(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Changes whenever a known walk is replaced by a fuller one. */
export function walksVersion(): number {
  return version;
}

/** Loads the rest of the default walk's hop details (once); resolves when they are in place. */
export function loadDefaultDetails(): Promise<void> {
  detailsLoading ??= import('virtual:ambient-walk/default-details').then((m) =>
    provideDefaultDetails(m.default),
  );
  return detailsLoading;
}

/** Puts the default walk's details in place (the pre-render, which has them, calls it at once). */
export function provideDefaultDetails(data: unknown): void {
  detailsLoading ??= Promise.resolve();
  defaultWalk = joinDetails(defaultWalk, data as (HopDetailFields | null)[]);
  const key = scenarioKey(defaultWalk.scenario);
  if (resources.has(key)) resources.set(key, fulfilled(defaultWalk));
  version++;
  for (const l of [...listeners]) l();
}
/**
 * Recently used walks, oldest first. Bounded: a walk is a few hundred kB of objects, a demo
 * left cycling through scenarios for an hour must not keep them all, and walking a scenario
 * again takes milliseconds.
 */
const resources = new Map<string, WalkResource>();
export const WALKS_KEPT = 4;
let runtime: ModelRuntime | undefined;
let loading: Promise<ModelRuntime> | undefined;

/** Loads the simulator (once). */
export function loadModel(): Promise<ModelRuntime> {
  loading ??= import('../model/runtime').then((m) => {
    runtime = m;
    return m;
  });
  return loading;
}

export function modelLoaded(): ModelRuntime | undefined {
  return runtime;
}

function fulfilled(value: PortableWalk): WalkResource {
  const p = Promise.resolve(value) as WalkResource;
  p.status = 'fulfilled';
  p.value = value;
  return p;
}

/** The walk for a scenario, synchronously if it is known, or undefined. */
export function peekWalk(scenario: Scenario): PortableWalk | undefined {
  const r = walkResource(scenario);
  return r.status === 'fulfilled' ? r.value : undefined;
}

export function walkResource(scenario: Scenario): WalkResource {
  const key = scenarioKey(scenario);
  const known = resources.get(key);
  if (known) {
    // Most recently used goes last.
    resources.delete(key);
    resources.set(key, known);
    return known;
  }
  let r: WalkResource;
  if (key === scenarioKey(defaultWalk.scenario)) {
    r = fulfilled(defaultWalk);
  } else if (runtime) {
    r = fulfilled(runtime.walkScenario(scenario));
  } else {
    const p = loadModel().then((m) => {
      const w = m.walkScenario(scenario);
      r.status = 'fulfilled';
      r.value = w;
      return w;
    }) as WalkResource;
    p.status = 'pending';
    p.then(undefined, (e: unknown) => {
      p.status = 'rejected';
      p.reason = e;
    });
    r = p;
  }
  resources.set(key, r);
  for (const old of resources.keys()) {
    if (resources.size <= WALKS_KEPT) break;
    resources.delete(old);
  }
  return r;
}

/** How many walks are cached (for tests). */
export function cachedWalks(): number {
  return resources.size;
}
