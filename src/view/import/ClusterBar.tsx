import { useEffect, useId, useRef } from 'react';
import { perform, type CommandContext } from '../../commands/commands';
import type { PortableWalk } from '../../model/portable';
import type { ClusterWalk } from '../hooks/clusterWalk';
import { Diagnostics } from './Diagnostics';
import './cluster-bar.css';

let focusWhenShown = false;

/** The next bar shown takes focus (the button that asked for it is gone with its dialog). */
export function focusClusterBarWhenShown(): void {
  focusWhenShown = true;
}

/**
 * Once the knobs are back in the bar's place, focus goes to the chosen one (or, on a phone, to
 * the button they fold behind): the Close button pressed is gone.
 */
function focusKnobs(tries = 30): void {
  requestAnimationFrame(() => {
    const checked = document.querySelector<HTMLElement>('.toggles input:checked');
    const to = checked?.offsetParent
      ? checked
      : document.querySelector<HTMLElement>('.scenario-toggle');
    if (to?.offsetParent) to.focus();
    else if (tries > 0) focusKnobs(tries - 1);
  });
}

/**
 * In place of the scenario knobs while a cluster of one's own is walked: the knobs set the
 * article's cluster and do not apply to a file's. Says which cluster, as which mode and release
 * it is walked, and which request; "Close cluster" goes back to the knobs' walk at its opening.
 * Loaded on demand.
 */
export default function ClusterBar({
  open,
  walk,
  ctx,
  onImport,
}: {
  readonly open: ClusterWalk;
  readonly walk: PortableWalk;
  readonly ctx: CommandContext;
  /** Opens the cluster in the Import dialog (its route at ztunnel's level, save, export). */
  readonly onImport: () => void;
}) {
  const id = useId();
  const ref = useRef<HTMLElement>(null);
  // Asked for in the Import dialog, now gone: focus goes on to what is walked now (a bar shown
  // anew, or this one with the cluster walked again under its name).
  useEffect(() => {
    if (!focusWhenShown) return;
    focusWhenShown = false;
    ref.current?.focus();
  }, [open]);
  const close = (): void => {
    perform(ctx, 'closeCluster');
    focusKnobs();
  };
  const spec = open.spec;
  // A cluster saved here goes by the name it was saved as; the file's own name is said beside.
  const saved = open.ref.startsWith('saved:') ? open.ref.slice('saved:'.length) : undefined;
  const name = saved ?? spec?.name ?? open.ref;
  const findings = open.diagnostics.filter((d) => d.severity !== 'info');
  return (
    <section
      ref={ref}
      tabIndex={-1}
      className="cluster-bar"
      aria-labelledby={`${id}-title`}
      data-testid="cluster-bar"
      data-cluster={open.ref}
    >
      <div className="cluster-bar-text">
        <h2 id={`${id}-title`} className="cluster-bar-title">
          <span className="cluster-bar-kicker">Your cluster</span>{' '}
          <span data-testid="cluster-bar-name">{name}</span>
        </h2>
        <p className="cluster-bar-facts">
          {spec && spec.name !== name && <span>{spec.name}</span>}
          <span>
            {walk.mode.label} · {walk.mode.istioVersions}
          </span>
          {spec && (
            <span data-testid="cluster-bar-request">
              {spec.request.from} → {spec.request.to}{' '}
              <code>
                {spec.request.method} {spec.request.path}
              </code>
            </span>
          )}
        </p>
        {walk.notes.length > 0 && (
          <ul className="cluster-bar-notes">
            {walk.notes.map((n, i) => (
              <li key={i}>{n}</li>
            ))}
          </ul>
        )}
        <p className="cluster-bar-why muted" id={`${id}-why`}>
          The scenario knobs and Compare set the article’s cluster; they return when this cluster is
          closed.
        </p>
      </div>
      <div className="cluster-bar-actions">
        <button type="button" className="btn" onClick={onImport} aria-haspopup="dialog">
          Open in Import
        </button>
        <button type="button" className="btn primary" data-testid="cluster-close" onClick={close}>
          Close cluster
        </button>
      </div>
      {findings.length > 0 && (
        <details className="cluster-bar-findings">
          <summary>
            {findings.length} finding{findings.length === 1 ? '' : 's'} about the file
          </summary>
          <Diagnostics diagnostics={findings} testId="cluster-bar-diags" />
        </details>
      )}
    </section>
  );
}
