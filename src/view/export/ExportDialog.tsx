/**
 * The Export dialog (loaded when it opens): the current hop as SVG or PNG, the walk as a WebM
 * video, and the print handout. Everything is made in this browser from the walk on screen;
 * nothing is uploaded. A failure (no MediaRecorder, a canvas that will not encode) is said in
 * the dialog; the page goes on working.
 */
import { useEffect, useRef, useState } from 'react';
import type { CommandContext } from '../../commands/commands';
import { stepPositions, summarize } from '../../machine/steps';
import type { PortableWalk as Walk } from '../../model';
import { SPEEDS, type Detail } from '../../store/urlState';
import { useCommand } from '../controls/useCommand';
import { useSettings } from '../StoreContext';
import { saveBlob } from './download';
import { exportFileName, type ExportKind } from './fileNames';
import { createFigureStage, shownTheme, type FigureStage, type FigureTheme } from './hopFigure';
import { pngOf } from './raster';
import { clampSize, frameSchedule, scheduleLength, SIZE_PRESETS, type PixelSize } from './sizes';
import { recordingUnavailable, recordWebm } from './webm';
import './export-dialog.css';

export interface ExportDialogProps {
  readonly walk: Walk;
  readonly index: number;
  readonly ctx: CommandContext;
}

type ThemeChoice = 'shown' | FigureTheme;

const kB = (bytes: number): string => `${Math.max(1, Math.round(bytes / 1000))} kB`;

export default function ExportDialog({ walk, index, ctx }: ExportDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const detail = useSettings((s) => s.detail) as Detail;
  const appSpeed = useSettings((s) => s.speed);
  const setOpen = useSettings((s) => s.setExportOpen);
  const print = useCommand(ctx, 'printHandout');
  const [theme, setTheme] = useState<ThemeChoice>('shown');
  const [preset, setPreset] = useState('0');
  const [custom, setCustom] = useState({ width: '1600', height: '900' });
  const [speed, setSpeed] = useState(String(appSpeed));
  const [busy, setBusy] = useState<ExportKind | null>(null);
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');
  const abort = useRef<AbortController | null>(null);
  useEffect(() => {
    ref.current?.showModal?.();
    return () => abort.current?.abort();
  }, []);

  const hop = walk.hops[index];
  const positions = stepPositions(summarize(walk), detail);
  const speedN = Number(speed) || 1;
  const seconds = Math.round(scheduleLength(frameSchedule(positions.length, speedN)) / 1000);
  const chosen = SIZE_PRESETS[Number(preset)];
  const size = (even: boolean): PixelSize =>
    clampSize(
      chosen ? chosen.width : Number(custom.width),
      chosen ? chosen.height : Number(custom.height),
      { even },
    );
  const figureTheme = (): FigureTheme => (theme === 'shown' ? shownTheme() : theme);

  /** Runs one export with a stage, says how it went, never lets an error escape. */
  async function run(kind: ExportKind, make: (stage: FigureStage) => Promise<Blob>, name: string) {
    setBusy(kind);
    setError('');
    setStatus(`Making the ${kind.toUpperCase()}…`);
    const t0 = performance.now();
    let stage: FigureStage | undefined;
    try {
      stage = await createFigureStage(walk, figureTheme());
      const blob = await make(stage);
      saveBlob(blob, name);
      const ms = Math.round(performance.now() - t0);
      setStatus(`Saved ${name} (${kB(blob.size)}, made in ${ms} ms).`);
    } catch (e) {
      const aborted = e instanceof DOMException && e.name === 'AbortError';
      setStatus(aborted ? 'Recording cancelled.' : '');
      if (!aborted) setError(`Could not export the ${kind.toUpperCase()}: ${(e as Error).message}`);
    } finally {
      stage?.dispose();
      setBusy(null);
    }
  }

  const naming = { scenario: walk.scenario, cluster: walk.origin } as const;
  const exportSvg = () =>
    run(
      'svg',
      async (s) => new Blob([s.svgAt(index)], { type: 'image/svg+xml' }),
      exportFileName({ ...naming, kind: 'svg', hop: index }),
    );
  const exportPng = () => {
    const target = size(false);
    return run(
      'png',
      (s) => pngOf(s.svgAt(index), s, target, s.background),
      exportFileName({ ...naming, kind: 'png', hop: index, size: target }),
    );
  };
  const exportWebm = () => {
    const why = recordingUnavailable();
    if (why) {
      setError(why);
      return;
    }
    const target = size(true);
    abort.current = new AbortController();
    const signal = abort.current.signal;
    return run(
      'webm',
      (s) =>
        recordWebm({
          frames: positions.map((i) => s.svgAt(i)),
          source: s,
          size: target,
          speed: speedN,
          background: s.background,
          signal,
          onProgress: (k, n) => setStatus(`Recording step ${k} of ${n}…`),
        }),
      exportFileName({ ...naming, kind: 'webm', detail, size: target }),
    );
  };

  return (
    <dialog
      ref={ref}
      className="export-dialog"
      aria-labelledby="export-title"
      onClose={() => setOpen(false)}
    >
      <h2 id="export-title">Export</h2>
      <p className="muted">
        Made in this browser from the walk on screen; nothing is uploaded. The files use the
        system’s fonts (a generic stack), with every colour written out.
      </p>
      <div className="export-options">
        <label className="export-field">
          <span>Theme</span>
          <select value={theme} onChange={(e) => setTheme(e.currentTarget.value as ThemeChoice)}>
            <option value="shown">As shown ({shownTheme()})</option>
            <option value="light">Light</option>
            <option value="dark">Dark</option>
          </select>
        </label>
        <label className="export-field">
          <span>Size (PNG, video)</span>
          <select value={preset} onChange={(e) => setPreset(e.currentTarget.value)}>
            {SIZE_PRESETS.map((p, i) => (
              <option key={p.label} value={String(i)}>
                {p.label}
              </option>
            ))}
            <option value="custom">Custom…</option>
          </select>
        </label>
        {!chosen && (
          <>
            <label className="export-field export-number">
              <span>Width (px)</span>
              <input
                type="number"
                inputMode="numeric"
                min={64}
                max={7680}
                value={custom.width}
                onChange={(e) => setCustom({ ...custom, width: e.currentTarget.value })}
              />
            </label>
            <label className="export-field export-number">
              <span>Height (px)</span>
              <input
                type="number"
                inputMode="numeric"
                min={64}
                max={7680}
                value={custom.height}
                onChange={(e) => setCustom({ ...custom, height: e.currentTarget.value })}
              />
            </label>
          </>
        )}
      </div>
      <section className="export-group" aria-labelledby="export-hop">
        <h3 id="export-hop">This hop</h3>
        <p className="muted">
          Hop {index + 1} of {walk.hops.length}: {hop?.title}
        </p>
        <div className="export-actions">
          <button type="button" className="btn" disabled={busy !== null} onClick={exportSvg}>
            Download SVG
          </button>
          <button type="button" className="btn" disabled={busy !== null} onClick={exportPng}>
            Download PNG
          </button>
        </div>
      </section>
      <section className="export-group" aria-labelledby="export-walk">
        <h3 id="export-walk">The whole walk</h3>
        <p className="muted">
          {positions.length} {detail === 'overview' ? 'steps (overview)' : 'hops (full detail)'};
          the video takes about {seconds} s to record at this speed. No GIF: a walk as GIF is tens
          of megabytes and its 256 colours band the fades.
        </p>
        <div className="export-actions">
          <label className="export-field">
            <span>Speed</span>
            <select value={speed} onChange={(e) => setSpeed(e.currentTarget.value)}>
              {SPEEDS.map((s) => (
                <option key={s} value={String(s)}>
                  {s}×
                </option>
              ))}
            </select>
          </label>
          {busy === 'webm' ? (
            <button type="button" className="btn" onClick={() => abort.current?.abort()}>
              Cancel recording
            </button>
          ) : (
            <button type="button" className="btn" disabled={busy !== null} onClick={exportWebm}>
              Record WebM
            </button>
          )}
          <button
            type="button"
            className="btn"
            disabled={busy !== null || !print.enabled}
            onClick={() => {
              ref.current?.close();
              print.perform();
            }}
          >
            {print.label}
          </button>
        </div>
      </section>
      <p className="export-status" role="status">
        {status}
      </p>
      {error && (
        <p className="export-error" role="alert">
          {error}
        </p>
      )}
      <form method="dialog" className="export-close">
        <button type="submit" className="btn">
          Close
        </button>
      </form>
    </dialog>
  );
}
