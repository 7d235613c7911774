/**
 * The host script: the few lines an author's page runs beside the widget's iframes. It sizes
 * each iframe to the height the widget reports (ambient-walk:resize) and, for a widget whose
 * theme is `auto`, passes the page's own theme on (`set {theme}`), again whenever the page's
 * theme toggle changes it. The same text goes in a <script> (HTML, Hugo) and in a Docusaurus
 * client module, so it is plain script: no imports, no template literals, no comments a
 * template engine would have to keep, and it guards itself so a second copy does nothing.
 *
 * The page's theme, in the order a site says it: `data-theme` on <html> (Docusaurus, many
 * Hugo themes) or Bootstrap's `data-bs-theme`; else a `dark` class on <html> or <body>
 * (Tailwind-style toggles), whose absence means light once the page has shown it; else
 * nothing, and the widget follows the reader's system (`auto`).
 */

/** The script, trusting messages only from the app's origin. */
export function hostScript(appOrigin: string): string {
  const origin = JSON.stringify(appOrigin);
  return `(function () {
  if (window.ambientWalkHost) return;
  window.ambientWalkHost = true;
  var origin = ${origin};
  var sawDark = false;
  function widgets() {
    return Array.prototype.filter.call(document.getElementsByTagName('iframe'), function (f) {
      return f.src.indexOf(origin + '/') === 0;
    });
  }
  function pageTheme() {
    var html = document.documentElement;
    var said = html.getAttribute('data-theme') || html.getAttribute('data-bs-theme');
    if (said === 'light' || said === 'dark') return said;
    var dark = html.classList.contains('dark') ||
      (document.body !== null && document.body.classList.contains('dark'));
    sawDark = sawDark || dark;
    return dark ? 'dark' : sawDark ? 'light' : 'auto';
  }
  function followsPage(f) {
    var theme = new URL(f.src).searchParams.get('theme');
    return theme === null || theme === 'auto';
  }
  function sendTheme(f) {
    if (f.contentWindow && followsPage(f))
      f.contentWindow.postMessage(
        { type: 'ambient-walk:command', command: 'set', theme: pageTheme() }, origin);
  }
  window.addEventListener('message', function (e) {
    var data = e.data;
    if (e.origin !== origin || typeof data !== 'object' || data === null) return;
    var f = widgets().filter(function (w) { return w.contentWindow === e.source; })[0];
    if (!f) return;
    if (data.type === 'ambient-walk:resize' && typeof data.height === 'number' &&
        data.height > 0 && data.height <= 20000)
      f.style.height = Math.ceil(data.height) + 'px';
    if (data.type === 'ambient-walk:ready') sendTheme(f);
  });
  var shown = pageTheme();
  function themeChanged() {
    if (pageTheme() === shown) return;
    shown = pageTheme();
    widgets().forEach(sendTheme);
  }
  function watch(el) {
    new MutationObserver(themeChanged)
      .observe(el, { attributes: true, attributeFilter: ['data-theme', 'data-bs-theme', 'class'] });
  }
  watch(document.documentElement);
  if (document.body) watch(document.body);
  else document.addEventListener('DOMContentLoaded', function () { watch(document.body); });
})();`;
}
