/**
 * A way for the e2e tests to force a rendering error in the production build, to prove the
 * error boundary shows a message and "Reset view" recovers. Nothing sets the flag but a test's
 * init script; it costs one property read per render of the app root.
 */
declare global {
  interface Window {
    /** The message of the error to throw while the view is away from where the walk opens. */
    __AMBIENT_WALK_FAIL_RENDER__?: unknown;
  }
}

/** Throws while a test asks for a failure and the view is not where Reset puts it (the opening). */
export function crashProbe(hop: number, opening: number): void {
  const message = typeof window === 'undefined' ? undefined : window.__AMBIENT_WALK_FAIL_RENDER__;
  if (typeof message === 'string' && hop !== opening) throw new Error(message);
}
