import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createSettingsStore } from './store/settings';
import { parseUrlState } from './store/urlState';
import { startUrlSync } from './store/urlSync';
import { App } from './view/App';
import { ErrorBoundary } from './view/ErrorBoundary';
import { SpeakerNotes } from './view/presenter/SpeakerNotes';
import { SettingsContext } from './view/StoreContext';
import './view/styles.css';

const params = new URLSearchParams(window.location.search);
const notesWindow = params.get('notes') === '1';
params.delete('notes');
const { state, notices } = parseUrlState(params.toString());
const store = createSettingsStore(state, notices);
if (!notesWindow) startUrlSync(store, window);

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <SettingsContext.Provider value={store}>
        <ErrorBoundary store={store}>
          {notesWindow ? (
            <SpeakerNotes initial={{ scenario: state.scenario, index: state.hop }} />
          ) : (
            <App />
          )}
        </ErrorBoundary>
      </SettingsContext.Provider>
    </StrictMode>,
  );
}
