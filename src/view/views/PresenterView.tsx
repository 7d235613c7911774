import { useCallback, useRef, type CSSProperties } from 'react';
import { perform } from '../../commands/commands';
import { Announcer } from '../Announcer';
import { OnStage } from './OnStage';
import { HelpDialog } from '../HelpDialog';
import { ActionButton, PlayPauseButton } from '../controls/ActionButton';
import { IconNext, IconPrev } from '../controls/Icons';
import { useCommand } from '../controls/useCommand';
import { useKeyboard } from '../hooks/useKeyboard';
import { useRuntime } from '../hooks/useRuntime';
import { Notices } from '../Notices';
import { useSpeakerNotesHost } from '../presenter/useSpeakerNotesChannel';
import { useSettings, useSettingsStore } from '../StoreContext';
import { urlFor } from '../../store/urlSync';
import './presenter-view.css';

/** For the stage: the diagram fills the screen, the hop in large type, clicker keys, black screen. */
export function PresenterView() {
  const rootRef = useRef<HTMLDivElement>(null);
  const fullscreenTarget = useCallback(() => rootRef.current, []);
  const { walk, index, playing, speed, reduceMotion, ctx } = useRuntime(fullscreenTarget);
  const store = useSettingsStore();
  const scale = useSettings((s) => s.scale);
  // `scale` sets the diagram's labels that much larger; the text around it grows by its square
  // root, so a larger scale leaves the diagram more of the screen, not less.
  const blackout = useSettings((s) => s.blackout);
  const compare = useSettings((s) => s.compare);
  const cluster = useSettings((s) => s.cluster);
  // A cluster that is not walked hop by hop is shown at ztunnel's level, without the hop caption.
  const routeOnly = cluster !== undefined && walk.origin !== cluster;
  const singleKeys = useCommand(ctx, 'singleKeys');
  useKeyboard(ctx, { presenter: true });
  useSpeakerNotesHost(walk, index, ctx);
  const hop = walk.hops[index];
  const openNotes = (): void => {
    const u = new URL(urlFor(store, ctx.session, { present: false }), window.location.href);
    u.searchParams.set('notes', '1');
    window.open(`${u.pathname}${u.search}`, 'ambient-walk-notes', 'popup,width=720,height=800');
  };
  const exitUrl = (): string => urlFor(store, ctx.session, { present: false, scale: 1 });
  return (
    <div
      className="presenter"
      ref={rootRef}
      style={{ '--scale': String(Math.sqrt(scale)) } as CSSProperties}
    >
      <Notices />
      <main className="presenter-main" aria-label="Presentation">
        <OnStage
          walk={walk}
          index={index}
          reduceMotion={reduceMotion}
          speed={speed}
          orientation="landscape"
          labels="room"
          typeScale={scale}
        />
        {hop && !compare && !routeOnly && (
          <section className="presenter-caption" aria-label="Current hop">
            {/* The step and the hop's group are in the diagram's caption above: this line
                adds only what it does not say. */}
            <p className="presenter-release">
              {walk.mode.label} · {walk.mode.istioVersions}
            </p>
            <p className="presenter-narration">{hop.narration}</p>
          </section>
        )}
      </main>
      <div className="presenter-bar" role="toolbar" aria-label="Presenter controls">
        <ActionButton name="prev" ctx={ctx}>
          <IconPrev />
        </ActionButton>
        <PlayPauseButton ctx={ctx} className="primary" />
        <ActionButton name="next" ctx={ctx}>
          <IconNext />
        </ActionButton>
        <button type="button" className="btn" onClick={openNotes}>
          Open speaker notes
        </button>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={singleKeys.checked ?? true}
            onChange={singleKeys.perform}
          />
          Single-key shortcuts
        </label>
        <button
          type="button"
          className="btn"
          onClick={() => perform(ctx, 'fullscreen')}
          aria-keyshortcuts="F"
        >
          Full screen
        </button>
        <a className="btn" href={exitUrl()}>
          Exit presenter
        </a>
      </div>
      {blackout && (
        <div className="blackout" data-testid="blackout">
          <span className="visually-hidden">
            The screen is blanked. Press B, period or Escape to show it again.
          </span>
        </div>
      )}
      <HelpDialog presenter />
      <Announcer walk={walk} index={index} playing={playing} />
    </div>
  );
}
