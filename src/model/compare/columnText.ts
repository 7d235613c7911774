/**
 * Compare's columns as the address writes them, kept apart from the rest of compare: the page
 * reads the address at once, and this is all of compare it needs for that.
 */
import { SCENARIO_KNOB_NAMES, SCENARIO_KNOBS, type Scenario, type ScenarioKnob } from '../scenario';

/** The knobs a column changes from the page's request. */
export type CompareColumn = Partial<Scenario>;

/** Two or three walks side by side; one column given compares it with the page's own walk. */
export const MAX_COLUMNS = 3;

/** The knob a value belongs to, or undefined for a word no knob has. */
export function knobOfValue(value: string): ScenarioKnob | undefined {
  return SCENARIO_KNOB_NAMES.find((k) => (SCENARIO_KNOBS[k] as readonly string[]).includes(value));
}

/**
 * `iptables,ebpf` or `iptables_1.20,ebpf`: columns separated by commas, a column's values by
 * underscores. Undefined when a value is no knob's, a column sets one knob twice, or there
 * are more than three columns.
 */
export function parseColumns(text: string): CompareColumn[] | undefined {
  const items = text.split(',');
  if (items.length > MAX_COLUMNS || items.some((c) => c === '')) return undefined;
  const out: CompareColumn[] = [];
  for (const item of items) {
    const column: Record<string, string> = {};
    for (const value of item.split('_')) {
      const knob = knobOfValue(value);
      if (!knob || knob in column) return undefined;
      column[knob] = value;
    }
    out.push(column as CompareColumn);
  }
  return out;
}

export function serializeColumns(columns: readonly CompareColumn[]): string {
  return columns
    .map((c) =>
      SCENARIO_KNOB_NAMES.filter((k) => c[k] !== undefined)
        .map((k) => c[k])
        .join('_'),
    )
    .join(',');
}
