/**
 * The widget's side of the embed protocol: tells the parent page it is ready, how tall it is
 * (whenever that changes) and which hop it shows; takes commands from the parent — only from
 * window.parent, and only from `parentOrigin` when that is set. A malformed message is
 * ignored with a console warning; nothing a parent sends can throw.
 */
import type { Actor } from 'xstate';
import type { packetMachine, PacketEvent } from '../machine/packetMachine';
import type { SettingsStore } from '../store/settings';
import { hopMessage, MESSAGE_PREFIX, parseCommand, type EmbedCommand } from './protocol';

export interface BridgeOptions {
  readonly win: Window;
  readonly parentOrigin?: string;
  readonly actor: Actor<typeof packetMachine>;
  readonly store: SettingsStore;
  /** The walk currently shown: its length and a hop's title. */
  readonly walkInfo: () => { total: number; title: (index: number) => string };
  /** The element whose height the parent should give the iframe. */
  readonly root: HTMLElement;
  readonly warn?: (message: string) => void;
}

export interface Bridge {
  readonly stop: () => void;
  /** Posts a message to the parent (used to forward keys the widget does not use). */
  readonly post: (message: Record<string, unknown>) => void;
}

/** Applies a parsed command to the machine and the store. */
export function performCommand(
  c: EmbedCommand,
  opts: Pick<BridgeOptions, 'actor' | 'store' | 'walkInfo' | 'warn'>,
): void {
  const send = (e: PacketEvent): void => opts.actor.send(e);
  switch (c.command) {
    case 'next':
      send({ type: 'NEXT' });
      return;
    case 'prev':
      send({ type: 'PREV' });
      return;
    case 'play':
      send({ type: 'PLAY' });
      return;
    case 'pause':
      send({ type: 'PAUSE' });
      return;
    case 'goto': {
      const total = opts.walkInfo().total;
      if (c.hop > total)
        opts.warn?.(
          `ambient-walk: goto hop ${c.hop} is past the last hop (${total}); going to ${total}`,
        );
      send({ type: 'SEEK', index: Math.min(c.hop, total) - 1 });
      return;
    }
    case 'set': {
      const s = opts.store.getState();
      if (c.hop !== undefined) s.setHop(c.hop - 1);
      s.setScenario({ ...s.scenario, ...c.scenario });
      return;
    }
  }
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
      performCommand(parsed.value, { ...opts, warn });
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

  let lastHop = '';
  const sendHop = (): void => {
    const index = opts.actor.getSnapshot().context.index;
    const info = opts.walkInfo();
    const msg = hopMessage(index, info.total, info.title(index));
    const key = JSON.stringify(msg);
    if (key === lastHop) return;
    lastHop = key;
    post({ ...msg });
  };
  const sub = opts.actor.subscribe(sendHop);

  post({ type: `${MESSAGE_PREFIX}ready` });
  sendHeight();
  sendHop();

  return {
    post,
    stop: () => {
      win.removeEventListener('message', onMessage);
      ro?.disconnect();
      sub.unsubscribe();
    },
  };
}
