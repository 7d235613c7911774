/**
 * User commands as registered actions: the toolbar, the keyboard, embed messages and tests all
 * perform the same objects, so a key and its button can never disagree.
 */
import type { PacketEvent } from '../machine/packetMachine';
import type { SettingsStore } from '../store/settings';

export interface ActionContext {
  readonly send: (e: PacketEvent) => void;
  readonly store: SettingsStore;
  /** The element full screen applies to. */
  readonly fullscreenTarget?: () => Element | null;
}

export interface Action {
  readonly name: string;
  readonly label: string;
  /** Keys as shown in the help dialog. */
  readonly keys: readonly string[];
  readonly keyTest: (e: KeyboardEvent) => boolean;
  /** A letter or punctuation key: presenters can turn these off. */
  readonly singleKey: boolean;
  /** Only in presenter mode. */
  readonly presenterOnly?: boolean;
  readonly perform: (ctx: ActionContext) => void;
}

const plain = (e: KeyboardEvent): boolean => !e.ctrlKey && !e.metaKey && !e.altKey;
const key =
  (...names: string[]) =>
  (e: KeyboardEvent): boolean =>
    plain(e) && names.includes(e.key);

export const ACTIONS: readonly Action[] = [
  {
    name: 'next',
    label: 'Next hop',
    keys: ['→', 'PageDown', 'N'],
    keyTest: (e) => key('ArrowRight', 'PageDown')(e) || key('n', 'N')(e),
    singleKey: false,
    perform: ({ send }) => send({ type: 'NEXT' }),
  },
  {
    name: 'prev',
    label: 'Previous hop',
    keys: ['←', 'PageUp', 'P'],
    keyTest: (e) => key('ArrowLeft', 'PageUp')(e) || key('p', 'P')(e),
    singleKey: false,
    perform: ({ send }) => send({ type: 'PREV' }),
  },
  {
    name: 'first',
    label: 'First hop',
    keys: ['Home'],
    keyTest: key('Home'),
    singleKey: false,
    perform: ({ send }) => send({ type: 'FIRST' }),
  },
  {
    name: 'last',
    label: 'Last hop',
    keys: ['End'],
    keyTest: key('End'),
    singleKey: false,
    perform: ({ send }) => send({ type: 'LAST' }),
  },
  {
    name: 'toggle',
    label: 'Play / pause',
    keys: ['Space'],
    keyTest: key(' '),
    singleKey: false,
    perform: ({ send }) => send({ type: 'TOGGLE' }),
  },
  {
    name: 'slower',
    label: 'Slower',
    keys: ['−'],
    keyTest: key('-', '_'),
    singleKey: true,
    perform: ({ store }) => store.getState().stepSpeed(-1),
  },
  {
    name: 'faster',
    label: 'Faster',
    keys: ['+'],
    keyTest: key('+', '='),
    singleKey: true,
    perform: ({ store }) => store.getState().stepSpeed(1),
  },
  {
    name: 'blackout',
    label: 'Black screen (presenter)',
    keys: ['B', '.'],
    keyTest: key('b', 'B', '.'),
    singleKey: true,
    presenterOnly: true,
    perform: ({ store }) => store.getState().setBlackout(!store.getState().blackout),
  },
  {
    name: 'fullscreen',
    label: 'Full screen',
    keys: ['F'],
    keyTest: key('f', 'F'),
    singleKey: true,
    perform: ({ fullscreenTarget }) => {
      if (typeof document === 'undefined') return;
      if (document.fullscreenElement) void document.exitFullscreen?.().catch(() => undefined);
      else
        void (fullscreenTarget?.() ?? document.documentElement)
          .requestFullscreen?.()
          .catch(() => undefined);
    },
  },
  {
    name: 'help',
    label: 'Keyboard help',
    keys: ['?'],
    keyTest: (e) => plain(e) && e.key === '?',
    singleKey: true,
    perform: ({ store }) => store.getState().setHelpOpen(!store.getState().helpOpen),
  },
  {
    name: 'escape',
    label: 'Close',
    keys: ['Esc'],
    keyTest: key('Escape'),
    singleKey: false,
    perform: ({ store }) => {
      const s = store.getState();
      if (s.blackout) s.setBlackout(false);
      else if (s.helpOpen) s.setHelpOpen(false);
    },
  },
];

export function action(name: string): Action {
  const a = ACTIONS.find((x) => x.name === name);
  if (!a) throw new Error(`no action ${name}`);
  return a;
}

/** Elements that use these keys themselves: typing, radios and sliders keep their arrows. */
export function ownsKeys(target: EventTarget | null, e: KeyboardEvent): boolean {
  if (!(target instanceof Element)) return false;
  const el = target.closest(
    'input, select, textarea, [contenteditable="true"], [role="slider"], [role="tab"], [role="radio"], dialog',
  );
  if (el) {
    if (el.tagName === 'DIALOG') return e.key !== 'Escape' && e.key !== '?';
    return true;
  }
  // Space and Enter activate a focused button or link.
  if ((e.key === ' ' || e.key === 'Enter') && target.closest('button, a, summary')) return true;
  return false;
}

export interface KeyOptions {
  readonly presenter: boolean;
  readonly singleKeyShortcuts: boolean;
}

/** Finds and performs the action for a key; returns it, or undefined when none applies. */
export function handleKey(
  e: KeyboardEvent,
  ctx: ActionContext,
  opts: KeyOptions,
): Action | undefined {
  if (e.defaultPrevented || ownsKeys(e.target, e)) return undefined;
  const a = ACTIONS.find((x) => x.keyTest(e));
  if (!a) return undefined;
  if (a.presenterOnly && !opts.presenter) return undefined;
  if (a.singleKey && !opts.singleKeyShortcuts) return undefined;
  if (!a.singleKey && /^[np]$/i.test(e.key) && !opts.singleKeyShortcuts) return undefined;
  e.preventDefault();
  a.perform(ctx);
  return a;
}
