import { useEffect, useRef } from 'react';
import { embedSnippets } from '../embed/snippets';
import { VALUE_LABELS } from '../model';
import { urlStateOf } from '../store/settings';
import { useHop } from './machine/packetHooks';
import { CopyButton } from './panels/CopyButton';
import { useSettings } from './StoreContext';
import { useTheme } from './hooks/useTheme';
import './embed-dialog.css';

/** Snippets for putting this scenario and hop on another page: iframe, Hugo, Docusaurus, resize. */
export default function EmbedDialog({ onClose }: { onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  // The whole settings object is replaced on every change, so this re-renders the (open)
  // dialog when any setting changes; the address's view of it is made here, not in a selector
  // (it is a new object each time, which a selector must not return).
  const settings = useSettings((s) => s);
  const state = urlStateOf(settings, useHop());
  const theme = useTheme();
  useEffect(() => {
    ref.current?.showModal?.();
  }, []);
  const appUrl = `${window.location.origin}${window.location.pathname}`;
  const title = `Ambient Packet Walk: ${VALUE_LABELS[state.scenario.redirect]}, hop ${(state.hop ?? 0) + 1}`;
  const s = embedSnippets({ appUrl, state, theme, title });
  const blocks: ReadonlyArray<[string, string, string]> = [
    ['iframe', 'HTML iframe', s.iframe],
    [
      'hugo',
      'Hugo shortcode (with layouts/shortcodes/ambient-walk.html)',
      `${s.hugoShortcode}\n\n${s.hugoTemplate}`,
    ],
    ['docusaurus', 'Docusaurus (MDX)', s.docusaurus],
    ['resize', 'Auto-height script for the parent page', s.resizeScript],
  ];
  return (
    <dialog ref={ref} className="embed-dialog" aria-labelledby="embed-title" onClose={onClose}>
      <h2 id="embed-title">Embed this walk</h2>
      <p className="muted">
        The embed opens at hop {(state.hop ?? 0) + 1} of this scenario, in the {theme} theme. It
        sends its height to the parent page (see the script below) and accepts commands with
        postMessage; the README documents the protocol.
      </p>
      {blocks.map(([id, label, code]) => (
        <section key={id} className="snippet">
          <div className="snippet-head">
            <h3 id={`snippet-${id}`}>{label}</h3>
            <CopyButton text={code} label={`Copy the ${label}`} />
          </div>
          <pre aria-labelledby={`snippet-${id}`} tabIndex={0}>
            {code}
          </pre>
        </section>
      ))}
      <form method="dialog">
        <button type="submit" className="btn">
          Close
        </button>
      </form>
    </dialog>
  );
}
