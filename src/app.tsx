/**
 * The app: reads the URL, keeps it in step with the view, and draws the view (over the
 * pre-rendered first view, when there is one). Loaded by main.tsx.
 */
import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { createPacketSession } from './machine/packetSession';
import { createSettingsStore } from './store/settings';
import { parseUrlState } from './store/urlState';
import { startUrlSync } from './store/urlSync';
import { loadDefaultDetails, loadModel } from './store/walkCache';
import { App, Loading } from './view/App';
import { ErrorBoundary } from './view/ErrorBoundary';
import { onFirstIntent } from './view/hooks/onFirstIntent';
import { PacketSessionContext } from './view/machine/packetHooks';
import { SettingsContext } from './view/StoreContext';
import { ThemeRoot } from './view/ThemeRoot';

const SpeakerNotes = lazy(() =>
  import('./view/presenter/SpeakerNotes').then((m) => ({ default: m.SpeakerNotes })),
);

export function start(): void {
  const params = new URLSearchParams(window.location.search);
  const notesWindow = params.get('notes') === '1';
  params.delete('notes');
  const { state, notices } = parseUrlState(params.toString());
  // The two owners: the settings store, and the packet session (the machine owns the hop).
  const store = createSettingsStore(state, notices);
  const session = createPacketSession({
    hop: state.hop,
    autoplay: state.autoplay,
    detail: () => store.getState().detail,
  });
  if (!notesWindow) startUrlSync(store, session, window);

  const root = document.getElementById('root');
  if (root) {
    createRoot(root).render(
      <StrictMode>
        <SettingsContext.Provider value={store}>
          <PacketSessionContext.Provider value={session}>
            <ThemeRoot>
              <ErrorBoundary commands={{ session, store }}>
                {notesWindow ? (
                  <Suspense fallback={<Loading />}>
                    <SpeakerNotes
                      initial={{
                        scenario: state.scenario,
                        cluster: state.cluster,
                        index: state.hop ?? 0,
                        detail: state.detail,
                        blackout: false,
                      }}
                    />
                  </Suspense>
                ) : (
                  <App />
                )}
              </ErrorBoundary>
            </ThemeRoot>
          </PacketSessionContext.Provider>
        </SettingsContext.Provider>
      </StrictMode>,
    );
  }

  // Once the page is idle: the rest of the default walk's hop details (small, and soon wanted).
  // The simulator at the first sign of a reader, so their first toggle of a knob is instant
  // while a page nobody touches loads no more than it shows.
  const idle = (cb: () => void): void => {
    if ('requestIdleCallback' in window) window.requestIdleCallback(cb, { timeout: 3000 });
    else setTimeout(cb, 1500);
  };
  idle(() => void loadDefaultDetails());
  onFirstIntent(() => void loadModel());
}
