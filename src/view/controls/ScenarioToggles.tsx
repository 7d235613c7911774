import { useId, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import {
  KNOB_LABELS,
  SCENARIO_KNOB_NAMES,
  SCENARIO_KNOBS,
  VALUE_LABELS,
  type Scenario,
  type ScenarioKnob,
} from '../../model';
import { AVAILABLE_REDIRECTS } from '../../store/urlState';
import { useSettings } from '../StoreContext';
import './scenario-toggles.css';

const HINTS: Partial<Record<string, string>> = {
  inpod: 'Istio 1.24+ in-pod redirection: not modelled yet',
};

/** One radio group per scenario knob; arrow keys move within a group, as radios do. */
export function ScenarioToggles({ compact = false }: { compact?: boolean }) {
  const scenario = useSettings(useShallow((s) => s.scenario));
  const setKnob = useSettings((s) => s.setKnob);
  const [open, setOpen] = useState(false);
  const id = useId();
  const summary = SCENARIO_KNOB_NAMES.map((k) => VALUE_LABELS[scenario[k]] ?? scenario[k]).join(
    ' · ',
  );
  return (
    <div className={`scenario${open ? ' open' : ''}`}>
      {/* On a phone the toggles fold behind one button; on wider screens they are always shown. */}
      <button
        type="button"
        className="btn scenario-toggle"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen(!open)}
      >
        <span className="scenario-toggle-label">Scenario</span>{' '}
        <span className="scenario-summary">{summary}</span>
      </button>
      <div
        id={id}
        className={`toggles${compact ? ' compact' : ''}`}
        role="group"
        aria-label="Scenario"
      >
        {SCENARIO_KNOB_NAMES.map((knob) => (
          <fieldset key={knob} className="toggle-group">
            <legend>{KNOB_LABELS[knob]}</legend>
            <div className="segmented">
              {(SCENARIO_KNOBS[knob] as readonly string[]).map((value) => {
                const disabled =
                  knob === 'redirect' &&
                  !AVAILABLE_REDIRECTS.includes(value as Scenario['redirect']);
                const id = `knob-${knob}-${value}`;
                return (
                  <span key={value} className="segment">
                    <input
                      type="radio"
                      id={id}
                      name={`knob-${knob}`}
                      value={value}
                      checked={scenario[knob] === value}
                      disabled={disabled}
                      onChange={() => setKnob(knob as ScenarioKnob, value as never)}
                    />
                    <label htmlFor={id} title={HINTS[value]}>
                      {VALUE_LABELS[value] ?? value}
                    </label>
                  </span>
                );
              })}
            </div>
          </fieldset>
        ))}
      </div>
    </div>
  );
}
