/**
 * Scenarios as objects, from the knobs' schemas of scenarioSchema.ts: a whole scenario (the
 * speaker-notes channel) and some knobs (an embed's `set` command). In a module of their own so
 * the object schemas load with the embed widget and the notes window, not with every page.
 */
import * as v from 'valibot';
import type { Scenario, ScenarioKnob } from '../model';
import { byKnob, KNOB_SCHEMAS } from './scenarioSchema';

type KnobPatchSchemas = {
  readonly [K in ScenarioKnob]: v.ExactOptionalSchema<(typeof KNOB_SCHEMAS)[K], undefined>;
};

/** A whole scenario; other keys are dropped. */
export const SCENARIO_SCHEMA = v.object(KNOB_SCHEMAS);

/** Some knobs, each at most once; a key that is not a knob is an error, not ignored. */
export const SCENARIO_PATCH_SCHEMA = v.strictObject(
  byKnob((k) => v.exactOptional(KNOB_SCHEMAS[k])) as KnobPatchSchemas,
);

/** A whole scenario, or undefined when any knob is missing or not one of its values. */
export function readScenario(data: unknown): Scenario | undefined {
  const r = v.safeParse(SCENARIO_SCHEMA, data);
  return r.success ? r.output : undefined;
}

export type ScenarioPatchResult =
  | { readonly ok: true; readonly value: Partial<Scenario> }
  | { readonly ok: false; readonly reason: string };

/** Some knobs of a scenario; the reason names the first knob that is wrong. */
export function readScenarioPatch(data: unknown): ScenarioPatchResult {
  const r = v.safeParse(SCENARIO_PATCH_SCHEMA, data, { abortEarly: true });
  if (r.success) return { ok: true, value: r.output };
  const issue = r.issues[0];
  const key = String(issue.path?.[0]?.key ?? '');
  return issue.type === 'strict_object'
    ? { ok: false, reason: `unknown scenario knob ${JSON.stringify(key.slice(0, 40))}` }
    : { ok: false, reason: `bad value for ${key}` };
}
