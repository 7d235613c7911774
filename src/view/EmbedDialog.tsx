import { useEffect, useRef, useState } from 'react';
import {
  DEFAULT_EMBED_HEIGHT,
  embedSnippets,
  MAX_EMBED_HEIGHT,
  MIN_EMBED_HEIGHT,
  type EmbedChoices,
} from '../embed/snippets';
import { VALUE_LABELS } from '../model';
import { urlStateOf } from '../store/settings';
import { parseOrigin, type Detail, type Theme } from '../store/urlState';
import { EmbedOptions, type OptionsDraft } from './EmbedDialogOptions';
import { EmbedPreview } from './EmbedDialogPreview';
import { EmbedSnippets } from './EmbedDialogSnippets';
import { useHop, usePacketSession } from './machine/packetHooks';
import { useSettings } from './StoreContext';
import './embed-dialog.css';

const clamp = (n: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, n));

/**
 * Snippets for putting this walk on another page, per platform (HTML, Hugo, Docusaurus), with
 * the author's choices: theme (`auto` unless they pick one), start hop, detail level, height,
 * parentOrigin and whether to include the host script; and a preview of the widget so set.
 */
export default function EmbedDialog({ onClose }: { onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  // The whole settings object is replaced on every change, so this re-renders the (open)
  // dialog when any setting changes; the address's view of it is made here, not in a selector
  // (it is a new object each time, which a selector must not return).
  const settings = useSettings((s) => s);
  const hop = useHop();
  const total = usePacketSession().walk()?.hops.length ?? hop + 1;
  const state = urlStateOf(settings, hop);
  const [draft, setDraft] = useState<OptionsDraft>(() => ({
    theme: 'auto' as Theme,
    hop: String(hop + 1),
    detail: settings.detail as Detail,
    height: String(DEFAULT_EMBED_HEIGHT),
    parentOrigin: '',
    autoHeight: true,
  }));
  useEffect(() => {
    ref.current?.showModal?.();
  }, []);

  const startHop = clamp(Math.round(Number(draft.hop)) || 1, 1, total) - 1;
  const height = clamp(
    Math.round(Number(draft.height)) || DEFAULT_EMBED_HEIGHT,
    MIN_EMBED_HEIGHT,
    MAX_EMBED_HEIGHT,
  );
  const parentOrigin = draft.parentOrigin.trim() ? parseOrigin(draft.parentOrigin.trim()) : '';
  const choices: EmbedChoices = {
    appUrl: `${window.location.origin}${window.location.pathname}`,
    state,
    theme: draft.theme,
    hop: startHop,
    detail: draft.detail,
    height,
    ...(parentOrigin ? { parentOrigin } : {}),
    autoHeight: draft.autoHeight,
    title: `Ambient Packet Walk: ${VALUE_LABELS[state.scenario.redirect]}, hop ${startHop + 1}`,
  };
  return (
    <dialog ref={ref} className="embed-dialog" aria-labelledby="embed-title" onClose={onClose}>
      <h2 id="embed-title">Embed this walk</h2>
      <p className="muted">
        This scenario, as a widget for another page. Its host script sizes the iframe to its content
        and passes the page’s theme on; the README documents the messages it takes.
      </p>
      <EmbedOptions
        draft={draft}
        onChange={(patch) => setDraft((d) => ({ ...d, ...patch }))}
        total={total}
        originInvalid={parentOrigin === undefined}
      />
      <EmbedPreview choices={choices} />
      <EmbedSnippets platforms={embedSnippets(choices)} />
      <form method="dialog" className="embed-close">
        <button type="submit" className="btn">
          Close
        </button>
      </form>
    </dialog>
  );
}
