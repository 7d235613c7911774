import type { PortableWalk as Walk } from '../model';
import './walk-summary.css';

/** Which Istio releases the mode reflects, and how the walk ends. */
export function WalkSummary({ walk }: { walk: Walk }) {
  const o = walk.outcome;
  return (
    <section className="walk-summary" aria-label="Walk summary">
      <p className="summary-line">
        <span
          className={`mode-line mode-${walk.mode.mode}`}
          title={`Rules as of ${walk.mode.rulesAsOf}. ${walk.mode.notes.join(' ')}`}
        >
          <strong>{walk.mode.label}</strong> · {walk.mode.istioVersions}
        </span>
        <span className={`outcome outcome-${o.kind}`}>
          <strong>
            {o.title}
            {o.surprise ? ` — ${o.surprise}` : ''}.
          </strong>{' '}
          {o.summary}
        </span>
      </p>
      {walk.notes.length > 0 && (
        <details className="walk-notes">
          <summary>What this combination shows ({walk.notes.length})</summary>
          <ul>
            {walk.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </details>
      )}
      <details className="mode-notes">
        <summary>About this mode</summary>
        <p>Rules as of {walk.mode.rulesAsOf}.</p>
        <ul>
          {walk.mode.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      </details>
    </section>
  );
}
