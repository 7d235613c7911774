import { memo, lazy, Suspense, useRef, type KeyboardEvent } from 'react';
import type { Hop, PortableWalk as Walk } from '../../model';
import type { Panel } from '../../store/settings';
import { useNearViewport } from '../hooks/useNearViewport';
import { useSettings } from '../StoreContext';
import './reference-tabs.css';

const RulesPanel = lazy(() => import('./RulesPanel'));
const ConfigPanel = lazy(() => import('./ConfigPanel'));

const TABS: ReadonlyArray<{ id: Panel; label: string }> = [
  { id: 'rules', label: 'Rules' },
  { id: 'config', label: 'Config' },
];

/** The reference material: every rule of a namespace, and ztunnel's configuration. */
export const ReferenceTabs = memo(function ReferenceTabs({
  walk,
  hop,
}: {
  walk: Walk;
  hop: Hop | undefined;
}) {
  const panel = useSettings((s) => s.panel);
  const setPanel = useSettings((s) => s.setPanel);
  const active = panel === 'config' ? 'config' : 'rules';
  const refs = useRef<Array<HTMLButtonElement | null>>([]);
  const section = useRef<HTMLElement>(null);
  // The panels need the simulator (it rebuilds the whole cluster): fetched as they come near.
  const near = useNearViewport(section);
  const onKey = (e: KeyboardEvent<HTMLButtonElement>, i: number): void => {
    const dir = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!dir) return;
    e.preventDefault();
    const next = (i + dir + TABS.length) % TABS.length;
    setPanel(TABS[next]!.id);
    refs.current[next]?.focus();
  };
  return (
    <section ref={section} className="reference" aria-labelledby="reference-heading" id="reference">
      <h2 id="reference-heading" className="visually-hidden">
        Rules and configuration
      </h2>
      <div role="tablist" aria-label="Rules and configuration" className="tabs">
        {TABS.map((t, i) => (
          <button
            key={t.id}
            ref={(el) => {
              refs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            aria-selected={active === t.id}
            aria-controls={`tabpanel-${t.id}`}
            tabIndex={active === t.id ? 0 : -1}
            className="tab"
            onClick={() => setPanel(t.id)}
            onKeyDown={(e) => onKey(e, i)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id={`tabpanel-${active}`}
        aria-labelledby={`tab-${active}`}
        className="tabpanel"
      >
        <Suspense fallback={<p className="muted">Loading…</p>}>
          {!near ? (
            <p className="muted">Loading…</p>
          ) : active === 'rules' ? (
            <RulesPanel walk={walk} hop={hop} />
          ) : (
            <ConfigPanel walk={walk} hop={hop} />
          )}
        </Suspense>
      </div>
    </section>
  );
});
