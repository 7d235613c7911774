import { lazy, Suspense, useCallback, useRef, useState } from 'react';
import { Announcer } from '../Announcer';
import { PlaybackBar } from '../controls/PlaybackBar';
import { ScenarioToggles } from '../controls/ScenarioToggles';
import { ThemeSelect } from '../controls/ThemeSelect';
import { DiagramFrame } from '../diagram/DiagramFrame';
import { useKeyboard } from '../hooks/useKeyboard';
import { useRuntime } from '../hooks/useRuntime';
import { Notices } from '../Notices';
import { SectionBoundary } from '../SectionBoundary';
import { HopDetails } from '../panels/HopDetails';
import { useSpeakerNotesHost } from '../presenter/useSpeakerNotesChannel';
import { useSettingsStore } from '../StoreContext';
import { WalkSummary } from '../WalkSummary';

const EmbedDialog = lazy(() => import('../EmbedDialog'));
// Below the fold, and the help dialog: loaded right after the first paint.
const Below = lazy(() => import('./Below'));
const HelpDialog = lazy(() => import('../HelpDialog').then((m) => ({ default: m.HelpDialog })));

export function FullView() {
  const appRef = useRef<HTMLDivElement>(null);
  const fullscreenTarget = useCallback(() => appRef.current, []);
  const { walk, index, playing, lifecycle, speed, reduceMotion, ctx } =
    useRuntime(fullscreenTarget);
  const store = useSettingsStore();
  const [embedOpen, setEmbedOpen] = useState(false);
  useKeyboard(ctx, { presenter: false });
  useSpeakerNotesHost(walk, index, ctx);
  const hop = walk.hops[index];
  const toReference = useCallback(
    (netns: string | null) => {
      store.getState().setPanel('rules');
      store.getState().setRulesNetns(netns);
      document
        .getElementById('reference')
        ?.scrollIntoView({ behavior: reduceMotion ? 'auto' : 'smooth', block: 'start' });
    },
    [store, reduceMotion],
  );
  return (
    <div className="app" ref={appRef}>
      <a className="skip-link" href="#hop-details-heading">
        Skip to hop details
      </a>
      <header className="app-header">
        <h1>
          Ambient Packet Walk{' '}
          <span className="subtitle">
            one request, sleep → httpbin, through Istio's ambient data plane
          </span>
        </h1>
        <div className="header-tools">
          <ThemeSelect />
          <button
            type="button"
            className="btn"
            onClick={() => setEmbedOpen(true)}
            aria-haspopup="dialog"
          >
            Embed
          </button>
          <a className="btn" href={presentUrl()}>
            Present
          </a>
          <button
            type="button"
            className="btn"
            onClick={() => store.getState().setHelpOpen(true)}
            aria-keyshortcuts="?"
          >
            Keys
          </button>
        </div>
      </header>
      <Notices />
      <main id="main">
        <ScenarioToggles compact />
        <WalkSummary walk={walk} />
        <div className="stage" data-lifecycle={lifecycle}>
          <div className="stage-main">
            <DiagramFrame
              walk={walk}
              index={index}
              reduceMotion={reduceMotion}
              speed={speed}
              onBadge={toReference}
            />
            <PlaybackBar walk={walk} />
          </div>
          <div className="inspector">
            {hop && <HopDetails walk={walk} hop={hop} onShowRules={() => toReference(null)} />}
          </div>
        </div>
        <SectionBoundary what="The hop list and the reference">
          <Suspense fallback={<div className="below below-placeholder" />}>
            <Below
              walk={walk}
              index={index}
              hop={hop}
              onSelect={(i) => ctx.send({ type: 'SEEK', index: i })}
            />
          </Suspense>
        </SectionBoundary>
      </main>
      <SectionBoundary what="The keyboard help">
        <Suspense fallback={null}>
          <HelpDialog presenter={false} />
        </Suspense>
      </SectionBoundary>
      {embedOpen && (
        <SectionBoundary what="The embed dialog">
          <Suspense fallback={null}>
            <EmbedDialog onClose={() => setEmbedOpen(false)} />
          </Suspense>
        </SectionBoundary>
      )}
      <Announcer walk={walk} index={index} playing={playing} />
    </div>
  );
}

/** The same view, in presenter mode. */
function presentUrl(): string {
  const u = new URL(window.location.href);
  u.searchParams.set('present', '1');
  return `${u.pathname}${u.search}`;
}
