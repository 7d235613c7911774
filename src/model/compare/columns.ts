/**
 * Compare's columns: each is the page's request with a few knobs changed, named by a value of
 * each (`ebpf`, `1.20`, `httpbin`). Knob values are unique across knobs (compare.test.ts holds
 * that), so a value alone says which knob it sets, and a mode added to the knobs (in-pod)
 * becomes a column with no change here.
 */
import {
  normalizeScenario,
  SCENARIO_KNOB_NAMES,
  VALUE_LABELS,
  withKnob,
  type Scenario,
} from '../scenario';

export {
  MAX_COLUMNS,
  knobOfValue,
  parseColumns,
  serializeColumns,
  type CompareColumn,
} from './columnText';
import type { CompareColumn } from './columnText';

/**
 * A column's scenario: the page's with the column's knobs, kept walkable (a mode that is not
 * walked at the page's release takes its own default release, as the Redirection toggle does).
 */
export function columnScenario(page: Scenario, column: CompareColumn): Scenario {
  let s = column.redirect ? withKnob(page, 'redirect', column.redirect) : page;
  for (const k of SCENARIO_KNOB_NAMES)
    if (k !== 'redirect' && column[k] !== undefined) s = { ...s, [k]: column[k] };
  return normalizeScenario(s).scenario;
}

/** The scenarios compared: one column is set beside the page's walk; two or three stand alone. */
export function compareScenarios(page: Scenario, columns: readonly CompareColumn[]): Scenario[] {
  const all = columns.length === 1 ? [{}, ...columns] : columns;
  return all.map((c) => columnScenario(page, c));
}

const label = (value: string): string => VALUE_LABELS[value] ?? value;

/**
 * Each column's name: its mode and release always, and any other knob that differs between the
 * columns (waypoint off against on).
 */
export function columnLabels(scenarios: readonly Scenario[]): string[] {
  const differ = SCENARIO_KNOB_NAMES.filter(
    (k) => k !== 'redirect' && k !== 'istio' && new Set(scenarios.map((s) => s[k])).size > 1,
  );
  return scenarios.map((s) =>
    [label(s.redirect), label(s.istio), ...differ.map((k) => `${k} ${label(s[k])}`)].join(' · '),
  );
}

/** The shortest name that tells the columns apart, for the "what differs" line. */
export function columnShortLabels(scenarios: readonly Scenario[]): string[] {
  const differ = SCENARIO_KNOB_NAMES.filter((k) => new Set(scenarios.map((s) => s[k])).size > 1);
  // A mode's release changes with it; the mode alone names the column then.
  const shown = differ.includes('redirect') ? differ.filter((k) => k !== 'istio') : differ;
  return scenarios.map((s, i) =>
    shown.length === 0
      ? `walk ${i + 1}`
      : shown
          .map((k) => (k === 'redirect' || k === 'istio' ? label(s[k]) : `${k} ${label(s[k])}`))
          .join(' '),
  );
}
