/* global document, location, URLSearchParams */
// Runs before the first paint, ahead of the app's module script. index.html carries a
// pre-rendered first view of the default walk, so a bare link paints at once; a link that
// asks for something else (a hop, a scenario, an embed, presenter mode) must not flash that
// default first, so its pre-rendered view stays hidden until the app draws the real one.
// A theme asked for in the link is applied now, for the same reason. A classic, same-origin
// script: it runs under the strict CSP that forbids inline script.
(function () {
  var params = new URLSearchParams(location.search);
  var root = document.documentElement;
  if (location.search.length > 1) root.classList.add('has-query');
  // dist/index.html opened as a file cannot run (module scripts are blocked there): show its
  // note that names the single-file build. That build has no such note.
  if (location.protocol === 'file:') root.classList.add('from-file');
  var theme = params.get('theme');
  if (theme === 'light' || theme === 'dark') root.setAttribute('data-theme', theme);
})();
