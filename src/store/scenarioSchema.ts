/**
 * The one validator of a scenario from outside the page: the address (one knob at a time), an
 * embed's `set` command (some knobs) and the speaker-notes channel (a whole scenario) all read
 * scenarios through these schemas, built from the model's knob table, so a new knob or value is
 * accepted everywhere at once and a typed Scenario comes out without a cast.
 */
import * as v from 'valibot';
import { SCENARIO_KNOB_NAMES, SCENARIO_KNOBS, type Scenario, type ScenarioKnob } from '../model';

type KnobSchemas = {
  readonly [K in ScenarioKnob]: v.PicklistSchema<(typeof SCENARIO_KNOBS)[K], undefined>;
};
type KnobPatchSchemas = {
  readonly [K in ScenarioKnob]: v.ExactOptionalSchema<KnobSchemas[K], undefined>;
};

function byKnob<T>(make: (knob: ScenarioKnob) => T): { [K in ScenarioKnob]: T } {
  return Object.fromEntries(SCENARIO_KNOB_NAMES.map((k) => [k, make(k)])) as {
    [K in ScenarioKnob]: T;
  };
}

/** One schema per knob: its values. */
export const KNOB_SCHEMAS = byKnob((k) => v.picklist(SCENARIO_KNOBS[k])) as KnobSchemas;

/** The schema of one knob, typed by the knob (TypeScript cannot index the table generically). */
export function knobSchema<K extends ScenarioKnob>(
  knob: K,
): v.PicklistSchema<readonly Scenario[K][], undefined> {
  return KNOB_SCHEMAS[knob] as v.PicklistSchema<readonly string[], undefined> as never;
}

/** A whole scenario; other keys are dropped. */
export const SCENARIO_SCHEMA = v.object(KNOB_SCHEMAS);

/** Some knobs, each at most once; a key that is not a knob is an error, not ignored. */
export const SCENARIO_PATCH_SCHEMA = v.strictObject(
  byKnob((k) => v.exactOptional(KNOB_SCHEMAS[k])) as KnobPatchSchemas,
);

/** True when `value` is one of the knob's values. */
export function isKnobValue<K extends ScenarioKnob>(knob: K, value: unknown): value is Scenario[K] {
  return v.is(knobSchema(knob), value);
}

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
