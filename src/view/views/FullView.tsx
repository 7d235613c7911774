import { lazy, Suspense, useCallback, useDeferredValue, useRef, useState } from 'react';
import { perform } from '../../commands/commands';
import { Announcer } from '../Announcer';
import { PlaybackBar } from '../controls/PlaybackBar';
import { ScenarioToggles } from '../controls/ScenarioToggles';
import { ThemeSelect } from '../controls/ThemeSelect';
import { DiagramFrame } from '../diagram/DiagramFrame';
import { useKeyboard } from '../hooks/useKeyboard';
import { peekClusterWalk } from '../hooks/clusterWalk';
import { useRuntime } from '../hooks/useRuntime';
import { Notices } from '../Notices';
import { urlFor } from '../../store/urlSync';
import { SectionBoundary } from '../SectionBoundary';
import { HopDetails } from '../panels/HopDetails';
import { useSpeakerNotesHost } from '../presenter/useSpeakerNotesChannel';
import { useSettings, useSettingsStore } from '../StoreContext';
import { AVAILABLE_REDIRECTS } from '../../store/urlState';
import { useCommand } from '../controls/useCommand';
import { WalkSummary } from '../WalkSummary';
import './full-view.css';

const EmbedDialog = lazy(() => import('../EmbedDialog'));
const ImportDialog = lazy(() => import('../import/ImportDialog'));
// In place of the knobs while a cluster of one's own is walked: loaded when one is.
const ClusterBar = lazy(() => import('../import/ClusterBar'));
// Below the fold, and the help dialog: loaded right after the first paint.
const Below = lazy(() => import('./Below'));
// Compare and predict are modes a reader asks for: loaded when asked.
const CompareView = lazy(() => import('../learn').then((m) => ({ default: m.CompareView })));
const PredictPanel = lazy(() => import('../learn').then((m) => ({ default: m.PredictPanel })));
const HelpDialog = lazy(() => import('../HelpDialog').then((m) => ({ default: m.HelpDialog })));
// Export (SVG, PNG, WebM) and the print handout: loaded when asked for, never on a first visit.
const ExportDialog = lazy(() => import('../export/ExportDialog'));
const Handout = lazy(() => import('../export/Handout'));

export function FullView() {
  const appRef = useRef<HTMLDivElement>(null);
  const fullscreenTarget = useCallback(() => appRef.current, []);
  const { walk, index, playing, lifecycle, speed, reduceMotion, ctx } =
    useRuntime(fullscreenTarget);
  const store = useSettingsStore();
  const [embedOpen, setEmbedOpen] = useState(false);
  // `cluster=` (a scenario file served with the site, or a cluster saved in this browser) is
  // walked hop by hop in place of the knobs' walk. One that cannot be opens in the importer,
  // which says why and walks it at ztunnel's level; the address keeps it while that is open.
  const cluster = useSettings((s) => s.cluster);
  const setCluster = useSettings((s) => s.setCluster);
  const walking = walk.origin !== undefined;
  const openCluster = peekClusterWalk(walk.origin);
  const [importOpen, setImportOpen] = useState(cluster !== undefined && !walking);
  const closeImport = useCallback(() => {
    setImportOpen(false);
    // A cluster walked hop by hop stays open; "Close cluster" closes it.
    if (ctx.session.walk()?.origin !== store.getState().cluster) setCluster(undefined);
  }, [setCluster, ctx, store]);
  const walkCluster = useCallback(
    (ref: string) => {
      setImportOpen(false);
      ctx.session.openNextWalkAt('opening');
      setCluster(ref);
    },
    [setCluster, ctx],
  );
  const exportOpen = useSettings((s) => s.exportOpen);
  const handout = useSettings((s) => s.handout);
  const detail = useSettings((s) => s.detail);
  const exportCommand = useCommand(ctx, 'exportDialog');
  const endHandout = useCallback(() => store.getState().setHandout(false), [store]);
  // On a narrow screen the diagram is a camera that follows the packet; this shows the whole
  // path at once instead (the landscape drawing, scaled to the width). A view choice of this
  // screen, not a setting: it is not in the address.
  const [wholePath, setWholePath] = useState(false);
  // Compare sets the article's cluster's knobs: not offered for a file's cluster.
  const compareSet = useSettings((s) => s.compare);
  const compare = walking ? undefined : compareSet;
  const predict = useSettings((s) => s.predict);
  useKeyboard(ctx, { presenter: false });
  useSpeakerNotesHost(walk, index, ctx);
  // The diagram, caption and controls answer a click at once; the hop details and the lists
  // below follow in a deferred render React can interrupt, so a Next-hop click stays short.
  const shownIndex = useDeferredValue(index);
  const shownHop = walk.hops[Math.min(shownIndex, walk.hops.length - 1)];
  const seek = useCallback((i: number) => perform(ctx, 'goto', { index: i }), [ctx]);
  // The reference is in a lazily loaded part: asked for before it has arrived, it is scrolled
  // to as soon as it has.
  const referenceWanted = useRef(false);
  const scrollToReference = useCallback((): boolean => {
    const el = document.getElementById('reference');
    el?.scrollIntoView({ behavior: reduceMotion ? 'auto' : 'smooth', block: 'start' });
    return el !== null;
  }, [reduceMotion]);
  const toReference = useCallback(
    (netns: string | null) => {
      store.getState().setPanel('rules');
      store.getState().setRulesNetns(netns);
      referenceWanted.current = !scrollToReference();
    },
    [store, scrollToReference],
  );
  const onReferenceShown = useCallback(() => {
    if (referenceWanted.current) referenceWanted.current = !scrollToReference();
  }, [scrollToReference]);
  const showRules = useCallback(() => toReference(null), [toReference]);
  return (
    <div className="app" ref={appRef}>
      <a className="skip-link" href="#hop-details-heading">
        Skip to hop details
      </a>
      <header className="app-header">
        <h1>
          Ambient Packet Walk{' '}
          <span className="subtitle">
            {walking
              ? 'your cluster, hop by hop'
              : "one request, sleep → httpbin, through Istio's ambient data plane"}
          </span>
        </h1>
        <div className="header-tools">
          <ThemeSelect ctx={ctx} />
          <button
            type="button"
            className="btn"
            onClick={() => setImportOpen(true)}
            aria-haspopup="dialog"
          >
            Import
          </button>
          <button
            type="button"
            className="btn"
            onClick={() => setEmbedOpen(true)}
            aria-haspopup="dialog"
          >
            Embed
          </button>
          <button
            type="button"
            className="btn"
            onClick={exportCommand.perform}
            aria-haspopup="dialog"
            aria-keyshortcuts="E"
          >
            {exportCommand.label}
          </button>
          <button
            type="button"
            className="btn"
            aria-pressed={compare !== undefined}
            aria-disabled={walking}
            title={walking ? 'Close your cluster to compare' : undefined}
            onClick={() =>
              !walking &&
              store
                .getState()
                .setCompare(
                  compare ? undefined : AVAILABLE_REDIRECTS.map((redirect) => ({ redirect })),
                )
            }
          >
            Compare
          </button>
          <button
            type="button"
            className="btn"
            aria-pressed={predict}
            onClick={() => store.getState().setPredict(!predict)}
          >
            Predict
          </button>
          <a className="btn" href={urlFor(store, ctx.session, { present: true })}>
            Present
          </a>
          <button
            type="button"
            className="btn"
            onClick={() => perform(ctx, 'help')}
            aria-keyshortcuts="?"
          >
            Keys
          </button>
        </div>
      </header>
      <Notices />
      <main id="main">
        {walking && openCluster ? (
          <Suspense fallback={<div className="cluster-bar-placeholder" />}>
            <ClusterBar
              open={openCluster}
              walk={walk}
              ctx={ctx}
              onImport={() => setImportOpen(true)}
            />
          </Suspense>
        ) : (
          <ScenarioToggles ctx={ctx} compact />
        )}
        <WalkSummary walk={walk} />
        <div className={`stage${compare ? ' stage-compare' : ''}`} data-lifecycle={lifecycle}>
          <div className="stage-main">
            {compare ? (
              <SectionBoundary what="The comparison">
                <Suspense fallback={null}>
                  <CompareView
                    walk={walk}
                    index={index}
                    columns={compare}
                    reduceMotion={reduceMotion}
                    speed={speed}
                  />
                </Suspense>
              </SectionBoundary>
            ) : (
              <div className={`diagram-slot${wholePath ? ' whole-path' : ''}`}>
                <DiagramFrame
                  walk={walk}
                  index={index}
                  reduceMotion={reduceMotion}
                  speed={speed}
                  onBadge={toReference}
                  {...(wholePath ? { orientation: 'landscape' as const } : {})}
                />
                <button
                  type="button"
                  className="btn btn-small whole-path-toggle"
                  aria-pressed={wholePath}
                  title={wholePath ? 'Follow the packet again' : 'Show the whole path at once'}
                  onClick={() => setWholePath(!wholePath)}
                >
                  Whole path
                </button>
              </div>
            )}
            {predict && (
              <Suspense fallback={null}>
                <PredictPanel walk={walk} index={index} ctx={ctx} />
              </Suspense>
            )}
            <PlaybackBar walk={walk} ctx={ctx} />
          </div>
          <div className="inspector">
            {shownHop && (
              <HopDetails walk={walk} hop={shownHop} onShowRules={showRules} onGoto={seek} />
            )}
          </div>
        </div>
        <SectionBoundary what="The hop list and the reference">
          <Suspense fallback={<div className="below below-placeholder" />}>
            <Below
              walk={walk}
              index={shownIndex}
              hop={shownHop}
              playing={playing}
              onSelect={seek}
              onShown={onReferenceShown}
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
      {importOpen && (
        <SectionBoundary what="The import dialog">
          <Suspense fallback={null}>
            <ImportDialog
              onClose={closeImport}
              cluster={cluster}
              onCluster={setCluster}
              onWalk={walkCluster}
            />
          </Suspense>
        </SectionBoundary>
      )}
      {exportOpen && (
        <SectionBoundary what="The export dialog">
          <Suspense fallback={null}>
            <ExportDialog walk={walk} index={index} ctx={ctx} />
          </Suspense>
        </SectionBoundary>
      )}
      {handout && (
        <SectionBoundary what="The print handout">
          <Suspense fallback={null}>
            <Handout walk={walk} detail={detail} onDone={endHandout} />
          </Suspense>
        </SectionBoundary>
      )}
      <Announcer walk={walk} index={index} playing={playing} />
    </div>
  );
}
