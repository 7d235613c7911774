/**
 * The one validator of a scenario from outside the page: the address (one knob at a time),
 * an embed's `set` command (some knobs) and the speaker-notes channel (a whole scenario) all
 * read scenarios through these knob schemas, built from the model's knob table, so a new knob
 * or value is accepted everywhere at once and a typed Scenario comes out without a cast. The
 * object schemas are in scenarioObjects.ts, which only the embed widget and the notes window
 * load.
 */
import * as v from 'valibot';
import { SCENARIO_KNOB_NAMES, SCENARIO_KNOBS, type Scenario, type ScenarioKnob } from '../model';

type KnobSchemas = {
  readonly [K in ScenarioKnob]: v.PicklistSchema<(typeof SCENARIO_KNOBS)[K], undefined>;
};

export function byKnob<T>(make: (knob: ScenarioKnob) => T): { [K in ScenarioKnob]: T } {
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

/** True when `value` is one of the knob's values. */
export function isKnobValue<K extends ScenarioKnob>(knob: K, value: unknown): value is Scenario[K] {
  return v.is(knobSchema(knob), value);
}
