/**
 * Runs `then` once, at the first sign that someone is using the page (a pointer over it, a
 * key, a touch, focus moving). Code that only a change of scenario needs (the simulator, the
 * diagram's layout code) is fetched then rather than on idle: a page nobody touches loads no
 * more than it shows, and a reader's first toggle still finds the code there.
 */
const EVENTS = ['pointerover', 'pointerdown', 'keydown', 'touchstart', 'focusin'] as const;

export function onFirstIntent(then: () => void, target: Window = window): () => void {
  let done = false;
  const fire = (): void => {
    if (done) return;
    done = true;
    stop();
    then();
  };
  const stop = (): void => {
    for (const e of EVENTS) target.removeEventListener(e, fire, true);
  };
  for (const e of EVENTS) target.addEventListener(e, fire, { capture: true, passive: true });
  return stop;
}
