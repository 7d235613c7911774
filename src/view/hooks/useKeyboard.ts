import { useEffect } from 'react';
import type { CommandContext } from '../../commands/commands';
import { handleKey } from '../actions';
import { useSettingsStore } from '../StoreContext';

/**
 * Global keys for the full view and presenter mode (embeds listen on their own root, so keys
 * act only while the widget has focus).
 */
export function useKeyboard(
  ctx: CommandContext,
  opts: { presenter: boolean; target?: HTMLElement | null; enabled?: boolean },
): void {
  const store = useSettingsStore();
  useEffect(() => {
    if (opts.enabled === false) return;
    const target: HTMLElement | Window = opts.target ?? window;
    const on = (e: Event): void => {
      const s = store.getState();
      handleKey(e as KeyboardEvent, ctx, {
        presenter: opts.presenter,
        singleKeyShortcuts: s.singleKeyShortcuts,
      });
    };
    target.addEventListener('keydown', on);
    return () => target.removeEventListener('keydown', on);
  }, [ctx, opts.presenter, opts.target, opts.enabled, store]);
}
