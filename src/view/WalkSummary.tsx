import type { Walk } from '../model';

/** Which Istio releases the mode reflects, and how the walk ends. */
export function WalkSummary({ walk }: { walk: Walk }) {
  const o = walk.outcome;
  return (
    <section className="walk-summary" aria-label="Walk summary">
      <p className={`mode-line mode-${walk.mode.mode}`}>
        <strong>{walk.mode.label}</strong> · {walk.mode.istioVersions}
        <span className="muted"> · rules as of {walk.mode.rulesAsOf}</span>
      </p>
      <p className={`outcome outcome-${o.kind}`}>
        <strong>{o.title}.</strong> {o.summary}
      </p>
      {walk.notes.length > 0 && (
        <ul className="walk-notes" aria-label="What this combination shows">
          {walk.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
