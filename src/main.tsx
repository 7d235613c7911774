/**
 * The page's entry, small on purpose: the stylesheet (render-blocking, so the pre-rendered
 * first view in index.html is styled), then the app.
 *
 * When the pre-rendered view is on screen, the app is fetched only after it has painted: the
 * first paint then waits for nothing but the HTML and the stylesheet (on a slow phone network
 * that is a second or more sooner), and the app, drawing the same view, replaces it a frame
 * later. Otherwise (a link that asks for another view) the app is fetched at once.
 */
import './view/styles.css';
// The diagram's additions, here and not in Diagram.tsx: the build's pre-render imports the
// diagram and cannot load a stylesheet. (To be folded into the stylesheets.)
import './view/diagram/diagram-layout.css';

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
