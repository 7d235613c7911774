/**
 * The page's entry, small on purpose: the stylesheets (render-blocking, so the pre-rendered
 * first view in index.html is styled), then the app.
 *
 * The app's code is fetched with the page (index.html preloads it beside the stylesheet), but
 * when the pre-rendered view is on screen it runs only once that view has painted: the first
 * paint waits for nothing but the HTML and the stylesheet, and the app, drawing the same view,
 * replaces it a frame later. Otherwise (a link that asks for another view) it runs at once.
 */
// The base stylesheet, then the stylesheet of every component the app's first view draws, in
// cascade order. Each component imports its own too; listed here, they are in the entry's
// stylesheet, which index.html loads before it paints, rather than in the app's chunk, which
// loads after the pre-rendered first view has painted (vite.plugins.ts fails the build if
// the app's chunk brings a stylesheet). The parts loaded later (the hop list and reference,
// the dialogs, the embed and presenter views) bring theirs with their chunks.
import './view/base.css';
import './view/notices.css';
import './view/controls/scenario-toggles.css';
import './view/walk-summary.css';
import './view/panels/hop-details.css';
import './view/panels/source-link.css';
import './view/panels/provenance-badge.css';
import './view/panels/packet-table.css';
import './view/views/full-view.css';
import './view/diagram/diagram-frame.css';
import './view/diagram/diagram.css';
import './view/diagram/packet-glyph.css';
import './view/controls/playback-bar.css';
import './view/step-counter.css';
import './view/error-boundary.css';
import './view/loading.css';
import './prerender.css';

function load(): void {
  import('./app').then(
    (app) => app.start(),
    (error: unknown) => {
      // The page stays as it is (the pre-rendered view, or nothing), with a way out.
      const root = document.getElementById('root') ?? document.body;
      const p = document.createElement('p');
      p.className = 'crash crash-section';
      p.setAttribute('role', 'alert');
      p.textContent = `The interactive walk could not load (${String(error)}). Reload the page to try again.`;
      root.prepend(p);
    },
  );
}

const prerendered = document.querySelector('#root > .prerendered');
if (prerendered && !document.documentElement.classList.contains('has-query')) {
  requestAnimationFrame(() => setTimeout(load, 0));
} else {
  // Hidden by boot.js: it shows another view than the one asked for, so it goes now.
  prerendered?.remove();
  load();
}
