import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createSettingsStore } from './store/settings';
import { parseUrlState } from './store/urlState';
import { startUrlSync } from './store/urlSync';
import { App } from './view/App';
import { SettingsContext } from './view/StoreContext';
import './view/styles.css';

const { state, notices } = parseUrlState(window.location.search);
const store = createSettingsStore(state, notices);
startUrlSync(store, window);

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <SettingsContext.Provider value={store}>
        <App />
      </SettingsContext.Provider>
    </StrictMode>,
  );
}
