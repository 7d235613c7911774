/**
 * The widget's side of the embed protocol: tells the parent page it is ready, how tall it is
 * (whenever that changes) and which hop it shows; takes commands from the parent — only from
 * window.parent, and only from `parentOrigin` when that is set. A malformed message is
 * ignored with a console warning; nothing a parent sends can throw.
 */
import { commandState, run, type CommandContext } from '../commands/commands';
import { pageMessage, type PageDirection } from './hostMessages';
import {
  hopMessage,
  invocationOf,
  MESSAGE_PREFIX,
  parseCommand,
  type EmbedCommand,
} from './protocol';

export interface BridgeOptions {
  readonly win: Window;
  readonly parentOrigin?: string;
  /** What commands act on: the packet session (the hop's owner) and the settings store. */
  readonly ctx: CommandContext;
  /** The element whose height the parent should give the iframe. */
  readonly root: HTMLElement;
  readonly warn?: (message: string) => void;
}

export interface Bridge {
  readonly stop: () => void;
  /** Posts a message to the parent (used to forward keys the widget does not use). */
  readonly post: (message: Record<string, unknown>) => void;
  /**
   * At the first hop (for `prev`) or the last (for `next`), tells the parent to page and
   * returns true; elsewhere returns false and the widget steps itself.
   */
  readonly pageAtEnd: (direction: PageDirection) => boolean;
}

/** True when the walk cannot go further that way: the deck around it should page instead. */
export function atEnd(ctx: CommandContext, direction: PageDirection): boolean {
  return ctx.session.walk() !== undefined && !commandState(ctx, direction).enabled;
}

/**
 * Performs a parent's command: the registered command it names, as a button would. A `next`
 * at the last hop or a `prev` at the first cannot act; the parent hears so (`page`), so a deck
 * that steps the walk with its own keys knows when to turn the slide.
 */
export function performCommand(
  c: EmbedCommand,
  ctx: CommandContext,
  warn?: (message: string) => void,
  page?: (direction: PageDirection) => void,
): void {
  const total = ctx.session.walk()?.hops.length ?? 0;
  if (c.command === 'goto' && c.hop > total)
    warn?.(`ambient-walk: goto hop ${c.hop} is past the last hop (${total}); going to ${total}`);
  if ((c.command === 'next' || c.command === 'prev') && atEnd(ctx, c.command)) {
    page?.(c.command);
    return;
  }
  run(ctx, invocationOf(c));
}

export function startEmbedBridge(opts: BridgeOptions): Bridge {
  const { win } = opts;
  const warn = opts.warn ?? ((m: string) => console.warn(m));
  const parent = win.parent;
  const target = opts.parentOrigin ?? '*';
  const post = (message: Record<string, unknown>): void => {
    try {
      parent.postMessage(message, target);
    } catch {
      // A detached or cross-origin-sandboxed parent: nothing to tell.
    }
  };

  const onMessage = (event: MessageEvent): void => {
    try {
      const parsed = parseCommand(event.data);
      if (!parsed.ok && 'silent' in parsed) return;
      if (event.source !== parent) {
        warn('ambient-walk: ignored a command that did not come from the parent window');
        return;
      }
      if (opts.parentOrigin && event.origin !== opts.parentOrigin) {
        warn(
          `ambient-walk: ignored a command from ${event.origin}; only ${opts.parentOrigin} may send commands`,
        );
        return;
      }
      if (!parsed.ok) {
        warn(`ambient-walk: ignored a malformed command (${parsed.reason})`);
        return;
      }
      performCommand(parsed.value, opts.ctx, warn, (d) => post({ ...pageMessage(d) }));
    } catch (e) {
      warn(`ambient-walk: a command failed: ${(e as Error).message}`);
    }
  };
  win.addEventListener('message', onMessage);

  let lastHeight = -1;
  const sendHeight = (): void => {
    const height = Math.ceil(opts.root.getBoundingClientRect().height);
    if (height === lastHeight || height === 0) return;
    lastHeight = height;
    post({ type: `${MESSAGE_PREFIX}resize`, height });
    post({ context: 'iframe.resize', height });
  };
  const ro = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(sendHeight);
  ro?.observe(opts.root);

  // The hop the machine is at, on the walk it is on (both change together when a walk loads).
  let lastHop = '';
  const sendHop = (): void => {
    const { session } = opts.ctx;
    const walk = session.walk();
    const index = session.snapshot()?.context.index;
    if (!walk || index === undefined) return;
    const msg = hopMessage(index, walk.hops.length, walk.hops[index]?.title ?? '');
    const key = JSON.stringify(msg);
    if (key === lastHop) return;
    lastHop = key;
    post({ ...msg });
  };
  const unsubscribe = opts.ctx.session.subscribe(sendHop);

  post({ type: `${MESSAGE_PREFIX}ready` });
  sendHeight();
  sendHop();

  return {
    post,
    pageAtEnd: (direction) => {
      if (!atEnd(opts.ctx, direction)) return false;
      post({ ...pageMessage(direction) });
      return true;
    },
    stop: () => {
      win.removeEventListener('message', onMessage);
      ro?.disconnect();
      unsubscribe();
    },
  };
}
