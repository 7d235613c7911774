/**
 * What to compare: the modes, the releases of this mode, or waypoint off and on. The choices
 * are made from the knobs' data (every mode the page walks, every release of the mode), so a
 * mode added to the model is offered with no change here.
 */
import { useId } from 'react';
import { MODE_RELEASES, type Scenario } from '../../model';
import { parseColumns, serializeColumns, type CompareColumn } from '../../model/compare/columns';
import { AVAILABLE_REDIRECTS } from '../../store/urlState';
import { useSettings } from '../StoreContext';

/** The comparisons on offer for the page's request, as `compare` values with their names. */
function offers(page: Scenario): { value: string; label: string }[] {
  const out = [{ value: AVAILABLE_REDIRECTS.join(','), label: 'Redirection modes' }];
  const releases = MODE_RELEASES[page.redirect];
  if (releases.length > 1)
    out.push({ value: releases.join(','), label: `Releases of ${page.redirect}` });
  out.push({
    value: page.waypoint === 'none' ? 'none,httpbin' : `none,${page.waypoint}`,
    label: 'Waypoint off and on',
  });
  return out;
}

export function CompareChooser({
  page,
  columns,
}: {
  page: Scenario;
  columns: readonly CompareColumn[];
}) {
  const setCompare = useSettings((s) => s.setCompare);
  const id = useId();
  const current = serializeColumns(columns);
  const choices = offers(page);
  const known = choices.some((c) => c.value === current);
  return (
    <div className="compare-chooser">
      <label htmlFor={id}>Compare</label>
      <select
        id={id}
        className="btn"
        value={current}
        onChange={(e) => setCompare(parseColumns(e.currentTarget.value))}
      >
        {!known && <option value={current}>{current}</option>}
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
      <button type="button" className="btn" onClick={() => setCompare(undefined)}>
        One walk
      </button>
    </div>
  );
}
