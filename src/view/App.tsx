import { useCallback, useMemo, useRef } from 'react';
import { ScenarioToggles } from './controls/ScenarioToggles';
import { PlaybackBar } from './controls/PlaybackBar';
import { ThemeSelect } from './controls/ThemeSelect';
import { DiagramFrame } from './diagram/DiagramFrame';
import { HelpDialog } from './HelpDialog';
import { useKeyboard } from './hooks/useKeyboard';
import { useReducedMotion, useTheme } from './hooks/useTheme';
import { useWalk } from './hooks/useWalk';
import { Announcer } from './Announcer';
import {
  PacketProvider,
  selectIndex,
  selectPlaying,
  usePacket,
  usePacketApi,
} from './machine/PacketProvider';
import { usePlaybackClock } from './machine/usePlaybackClock';
import { Notices } from './Notices';
import { HopDetails } from './panels/HopDetails';
import { HopList } from './panels/HopList';
import { ReferenceTabs } from './panels/ReferenceTabs';
import { useSettings, useSettingsStore } from './StoreContext';
import { WalkSummary } from './WalkSummary';

export function App() {
  return (
    <PacketProvider>
      <FullView />
    </PacketProvider>
  );
}

function FullView() {
  useTheme();
  usePlaybackClock();
  const walk = useWalk();
  const index = usePacket(selectIndex);
  const playing = usePacket(selectPlaying);
  const { send } = usePacketApi();
  const store = useSettingsStore();
  const speed = useSettings((s) => s.speed);
  const reduceMotion = useReducedMotion();
  const appRef = useRef<HTMLDivElement>(null);
  const ctx = useMemo(
    () => ({ send, store, fullscreenTarget: () => appRef.current }),
    [send, store],
  );
  useKeyboard(ctx, { presenter: false });
  const current = Math.min(index, walk.hops.length - 1);
  const hop = walk.hops[current];
  const showRules = useCallback(() => {
    store.getState().setPanel('rules');
    store.getState().setRulesNetns(null);
    document
      .getElementById('reference')
      ?.scrollIntoView({ behavior: reduceMotion ? 'auto' : 'smooth', block: 'start' });
  }, [store, reduceMotion]);
  const onBadge = useCallback(
    (netns: string) => {
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
        <div className="stage">
          <div className="stage-main">
            <DiagramFrame
              walk={walk}
              index={current}
              reduceMotion={reduceMotion}
              speed={speed}
              onBadge={onBadge}
            />
            <PlaybackBar walk={walk} />
          </div>
          <div className="inspector">
            {hop && <HopDetails walk={walk} hop={hop} onShowRules={showRules} />}
          </div>
        </div>
        <div className="below">
          <HopList
            walk={walk}
            current={current}
            onSelect={(i) => send({ type: 'SEEK', index: i })}
          />
          <ReferenceTabs walk={walk} hop={hop} />
        </div>
      </main>
      <HelpDialog presenter={false} />
      <Announcer walk={walk} index={current} playing={playing} />
    </div>
  );
}
