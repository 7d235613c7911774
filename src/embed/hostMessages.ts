/**
 * The widget's messages as the page around it reads them: the other half of the embed
 * protocol (protocol.ts reads what a parent sends). The deck plugin (src/integrations/) is built
 * from this file, so what the widget sends and what a host accepts are written once. Reading is
 * total and strict: anything that is not one of these messages, exactly, is undefined.
 *
 * Depends on nothing else of the app: the deck plugin is a small classic script.
 */

export const WIDGET_MESSAGE_PREFIX = 'ambient-walk:';

/** Which way a paging key or a next/prev command asked the widget to go. */
export type PageDirection = 'next' | 'prev';

/**
 * The widget was asked to go past its last hop (`next`) or before its first (`prev`) — by a
 * paging key while it has focus, or by a `next`/`prev` command — so the page around it should
 * page: a slide deck goes to the next or the previous slide.
 */
export interface PageMessage {
  readonly type: 'ambient-walk:page';
  readonly direction: PageDirection;
}

export type WidgetMessage =
  | { readonly type: 'ambient-walk:ready' }
  | { readonly type: 'ambient-walk:resize'; readonly height: number }
  | {
      readonly type: 'ambient-walk:hop';
      readonly index: number;
      readonly hop: number;
      readonly total: number;
      readonly title: string;
    }
  | PageMessage;

/** Tallest height a host should give the widget's iframe; anything above is not believed. */
export const MAX_HEIGHT = 20_000;
const MAX_HOPS = 10_000;

export function pageMessage(direction: PageDirection): PageMessage {
  return { type: 'ambient-walk:page', direction };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

function own(o: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined;
}

const wholeIn = (v: unknown, min: number, max: number): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

/** One of the widget's messages, or undefined for anything else (another script's, malformed). */
export function readWidgetMessage(data: unknown): WidgetMessage | undefined {
  if (!isPlainObject(data)) return undefined;
  const type = own(data, 'type');
  switch (type) {
    case 'ambient-walk:ready':
      return { type };
    case 'ambient-walk:resize': {
      const height = own(data, 'height');
      return typeof height === 'number' && Number.isFinite(height) && height > 0
        ? { type, height: Math.min(MAX_HEIGHT, Math.ceil(height)) }
        : undefined;
    }
    case 'ambient-walk:page': {
      const direction = own(data, 'direction');
      return direction === 'next' || direction === 'prev' ? { type, direction } : undefined;
    }
    case 'ambient-walk:hop': {
      const index = own(data, 'index');
      const hop = own(data, 'hop');
      const total = own(data, 'total');
      const title = own(data, 'title');
      if (!wholeIn(total, 1, MAX_HOPS) || !wholeIn(index, 0, total - 1) || hop !== index + 1)
        return undefined;
      return typeof title === 'string' ? { type, index, hop, total, title } : undefined;
    }
    default:
      return undefined;
  }
}
