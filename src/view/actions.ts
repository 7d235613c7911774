/**
 * The keyboard's side of the registered commands (src/commands/commands.ts): which keys perform
 * which command. A key and its button perform the same command object, so they cannot disagree;
 * the help dialog lists these bindings with the commands' labels.
 */
import {
  COMMANDS,
  perform,
  type ArgsOf,
  type CommandContext,
  type CommandName,
} from '../commands/commands';

/** Commands that take no arguments: the ones a key can perform. */
export type KeyCommand = { [N in CommandName]: ArgsOf<N> extends [] ? N : never }[CommandName];

export interface KeyBinding {
  readonly command: KeyCommand;
  /** Keys as shown in the help dialog. */
  readonly keys: readonly string[];
  readonly keyTest: (e: KeyboardEvent) => boolean;
  /** A letter or punctuation key: presenters can turn these off. */
  readonly singleKey: boolean;
  /** Only in presenter mode. */
  readonly presenterOnly?: boolean;
}

const plain = (e: KeyboardEvent): boolean => !e.ctrlKey && !e.metaKey && !e.altKey;
const key =
  (...names: string[]) =>
  (e: KeyboardEvent): boolean =>
    plain(e) && names.includes(e.key);

export const KEY_BINDINGS: readonly KeyBinding[] = [
  {
    command: 'next',
    keys: ['→', 'PageDown', 'N'],
    keyTest: (e) => key('ArrowRight', 'PageDown')(e) || key('n', 'N')(e),
    singleKey: false,
  },
  {
    command: 'prev',
    keys: ['←', 'PageUp', 'P'],
    keyTest: (e) => key('ArrowLeft', 'PageUp')(e) || key('p', 'P')(e),
    singleKey: false,
  },
  { command: 'first', keys: ['Home'], keyTest: key('Home'), singleKey: false },
  { command: 'last', keys: ['End'], keyTest: key('End'), singleKey: false },
  { command: 'toggle', keys: ['Space'], keyTest: key(' '), singleKey: false },
  { command: 'slower', keys: ['−'], keyTest: key('-', '_'), singleKey: true },
  { command: 'faster', keys: ['+'], keyTest: key('+', '='), singleKey: true },
  {
    command: 'blackout',
    keys: ['B', '.'],
    keyTest: key('b', 'B', '.'),
    singleKey: true,
    presenterOnly: true,
  },
  { command: 'fullscreen', keys: ['F'], keyTest: key('f', 'F'), singleKey: true },
  { command: 'exportDialog', keys: ['E'], keyTest: key('e', 'E'), singleKey: true },
  { command: 'help', keys: ['?'], keyTest: (e) => plain(e) && e.key === '?', singleKey: true },
  { command: 'escape', keys: ['Esc'], keyTest: key('Escape'), singleKey: false },
];

/** The binding of a command (for a button's tooltip), if a key performs it. */
export function keyBinding(command: CommandName): KeyBinding | undefined {
  return KEY_BINDINGS.find((b) => b.command === command);
}

/** The label the help dialog shows for a binding. */
export function bindingLabel(b: KeyBinding): string {
  return COMMANDS[b.command].label;
}

const PRESSED_INPUTS = new Set(['checkbox', 'button', 'submit', 'reset']);

/** What a presenter's clicker sends: on stage these step the walk whatever has focus. */
const CLICKER_KEYS = new Set(['PageDown', 'PageUp']);

/** Elements that use these keys themselves: typing, radios and sliders keep their arrows. */
export function ownsKeys(target: EventTarget | null, e: KeyboardEvent): boolean {
  if (!(target instanceof Element)) return false;
  const el = target.closest(
    'input, select, textarea, [contenteditable="true"], [role="slider"], [role="tab"], [role="radio"], dialog',
  );
  if (el) {
    if (el.tagName === 'DIALOG') return e.key !== 'Escape' && e.key !== '?';
    // A checkbox or a button-like input uses Space (and Enter) only: arrows and paging pass.
    if (el.tagName === 'INPUT' && PRESSED_INPUTS.has(el.getAttribute('type') ?? 'text'))
      return e.key === ' ' || e.key === 'Enter';
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

/**
 * Finds the binding for a key and performs its command; returns the binding, or undefined when
 * no binding applies (the key is then free for the page around an embed).
 */
export function handleKey(
  e: KeyboardEvent,
  ctx: CommandContext,
  opts: KeyOptions,
): KeyBinding | undefined {
  if (e.defaultPrevented) return undefined;
  if (!(opts.presenter && CLICKER_KEYS.has(e.key)) && ownsKeys(e.target, e)) return undefined;
  const b = KEY_BINDINGS.find((x) => x.keyTest(e));
  if (!b) return undefined;
  if (b.presenterOnly && !opts.presenter) return undefined;
  if (b.singleKey && !opts.singleKeyShortcuts) return undefined;
  if (!b.singleKey && /^[np]$/i.test(e.key) && !opts.singleKeyShortcuts) return undefined;
  e.preventDefault();
  perform(ctx, b.command);
  return b;
}
