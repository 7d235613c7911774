/**
 * Build time only (run in Node by vite.plugins.ts): the first view of the bare page, rendered
 * to HTML and written into index.html, so the diagram and the first hop paint before any
 * script has loaded (a phone on a slow network paints in about a second instead of two).
 *
 * The diagram's layout depends on the width the page gets, which is not known at build time:
 * both layouts are written, and CSS shows the one for the screen until the app takes over
 * (public/boot.js keeps the whole pre-rendered view hidden when the link asks for something
 * other than the default).
 */
import { renderToString } from 'react-dom/server';
import { openingIndex, summarize } from './machine/steps';
import { createSettingsStore } from './store/settings';
import { DEFAULT_URL_STATE } from './store/urlState';
import details from 'virtual:ambient-walk/default-details';
import { peekWalk, provideDefaultDetails } from './store/walkCache';
import { App } from './view/App';
import { DiagramFrame } from './view/diagram/DiagramFrame';
import { SettingsContext } from './view/StoreContext';

export function renderFirstView(): string {
  // The first view shows Hop details whole, as the app will once they have loaded.
  provideDefaultDetails(details);
  const store = createSettingsStore(DEFAULT_URL_STATE, []);
  const walk = peekWalk(DEFAULT_URL_STATE.scenario);
  if (!walk) throw new Error('the default walk must ship with the page');
  const page = renderToString(
    <SettingsContext.Provider value={store}>
      <App />
    </SettingsContext.Provider>,
  );
  const portrait = renderToString(
    <SettingsContext.Provider value={store}>
      <DiagramFrame
        walk={walk}
        index={openingIndex(summarize(walk), DEFAULT_URL_STATE.detail)}
        reduceMotion={false}
        speed={1}
        orientation="portrait"
      />
    </SettingsContext.Provider>,
  )
    // Its ids would repeat the landscape diagram's; it is the one of the two hidden on most
    // screens, and the app replaces both.
    .replace(
      /\b(id|aria-labelledby|aria-describedby|aria-controls)="([^"]+)"/g,
      '$1="$2-portrait"',
    );
  const end = page.indexOf('</figure>');
  if (!page.includes('diagram-frame orientation-landscape') || end < 0) {
    throw new Error('pre-render: the landscape diagram is not where it was expected');
  }
  const at = end + '</figure>'.length;
  // Inert: nothing in it works yet, so nothing in it can take focus (which would be lost when
  // the app replaces it).
  return `<div class="prerendered" inert>${page.slice(0, at)}${portrait}${page.slice(at)}</div>`;
}
