/**
 * The widget's address for an author's choices, and the shapes every platform's snippets share.
 * Written by the URL table (store/urlState.ts), so a snippet cannot name a parameter the widget
 * does not know.
 */
import {
  KNOWN_PARAMS,
  serializeUrlState,
  type Detail,
  type Theme,
  type UrlState,
} from '../store/urlState';

export interface EmbedChoices {
  /** Where the app is served: origin + path, e.g. https://example.org/ambient-walk/. */
  readonly appUrl: string;
  /** The walk to embed (its scenario; speed and motion when the author changed them). */
  readonly state: UrlState;
  /** `auto` (the default) follows the host page's theme, or else the reader's system. */
  readonly theme: Theme;
  /** The hop the widget opens at, 0-based. */
  readonly hop: number;
  readonly detail: Detail;
  /** The iframe's height in CSS pixels before (or without) the auto-height script. */
  readonly height: number;
  /** The only origin the widget takes commands from and posts to, when given. */
  readonly parentOrigin?: string;
  /** Whether the snippets carry the host script (auto-height, and the page's theme passed on). */
  readonly autoHeight: boolean;
  readonly title: string;
}

export type Platform = 'html' | 'hugo' | 'docusaurus';

export interface SnippetBlock {
  readonly id: string;
  /** What it is, e.g. "Shortcode template". */
  readonly label: string;
  /** Where it goes: a place in a page ("In the post…"), or a file of the author's site. */
  readonly target: { readonly place: string } | { readonly file: string };
  readonly code: string;
}

export interface PlatformSnippets {
  readonly platform: Platform;
  readonly label: string;
  readonly blocks: readonly SnippetBlock[];
}

export const DEFAULT_EMBED_HEIGHT = 640;
export const MIN_EMBED_HEIGHT = 240;
export const MAX_EMBED_HEIGHT = 4000;

/** The widget's own state for these choices: embedded, paused, never presenter mode. */
function widgetState(c: EmbedChoices): UrlState {
  const { parentOrigin, ...rest } = c.state;
  void parentOrigin;
  return {
    ...rest,
    hop: c.hop,
    detail: c.detail,
    theme: c.theme,
    embed: true,
    present: false,
    autoplay: false,
    panel: 'rules',
    scale: 1,
    ...(c.parentOrigin ? { parentOrigin: c.parentOrigin } : {}),
  };
}

/**
 * The widget's URL parameters, in the URL table's order. `hop` and `theme` are always written
 * (even at their defaults), so an author reading the snippet sees where it opens and that the
 * theme is `auto`.
 */
export function widgetParams(c: EmbedChoices): ReadonlyArray<readonly [string, string]> {
  const params = new URLSearchParams(serializeUrlState(widgetState(c)));
  if (!params.has('hop')) params.set('hop', String(c.hop + 1));
  if (!params.has('theme')) params.set('theme', c.theme);
  return [...params.entries()].sort(
    ([a], [b]) => KNOWN_PARAMS.indexOf(a) - KNOWN_PARAMS.indexOf(b),
  );
}

/** The iframe's address. */
export function widgetSrc(c: EmbedChoices): string {
  const query = widgetParams(c)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');
  return `${c.appUrl}?${query}`;
}

export function appOrigin(c: Pick<EmbedChoices, 'appUrl'>): string {
  return new URL(c.appUrl).origin;
}

/** Text for a double-quoted HTML attribute. */
export function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}
