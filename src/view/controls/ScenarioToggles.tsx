import { useId, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { CommandContext, KnobChoice } from '../../commands/commands';
import { KNOB_LABELS, SCENARIO_KNOB_NAMES, SCENARIO_KNOBS, valueLabel } from '../../model';
import { useSettings } from '../StoreContext';
import { CommandRadio } from './CommandRadio';
import './scenario-toggles.css';

const HINTS: Partial<Record<string, string>> = {
  nftables: 'nftables in the pod netns (Istio 1.28+, in-pod): not modelled yet',
};

/**
 * One radio group per scenario knob; arrow keys move within a group, as radios do. Each radio
 * performs the `setKnob` command, which also says which values can be chosen.
 */
export function ScenarioToggles({
  ctx,
  compact = false,
}: {
  ctx: CommandContext;
  compact?: boolean;
}) {
  const scenario = useSettings(useShallow((s) => s.scenario));
  const [open, setOpen] = useState(false);
  const id = useId();
  // The pod firewall is a knob of in-pod redirection only.
  const knobs = SCENARIO_KNOB_NAMES.filter(
    (k) => k !== 'firewall' || scenario.redirect === 'inpod',
  );
  const summary = knobs.map((k) => valueLabel(k, scenario[k])).join(' · ');
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
        {knobs.map((knob) => (
          <fieldset key={knob} className="toggle-group">
            <legend>{KNOB_LABELS[knob]}</legend>
            <div className="segmented">
              {(SCENARIO_KNOBS[knob] as readonly string[]).map((value) => (
                <CommandRadio
                  key={value}
                  ctx={ctx}
                  command="setKnob"
                  // The knob table pairs each knob with its own values.
                  args={[{ knob, value } as KnobChoice]}
                  id={`knob-${knob}-${value}`}
                  group={`knob-${knob}`}
                  value={value}
                  title={HINTS[value]}
                >
                  {valueLabel(knob, value)}
                </CommandRadio>
              ))}
            </div>
          </fieldset>
        ))}
      </div>
    </div>
  );
}
