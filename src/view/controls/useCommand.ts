import { useMemo, useSyncExternalStore } from 'react';
import {
  commandState,
  perform,
  type ArgsOf,
  type CommandContext,
  type CommandName,
  type CommandState,
} from '../../commands/commands';

interface CommandSource {
  subscribe(listener: () => void): () => void;
  get(): CommandState;
  perform(): void;
}

/**
 * A command's state as an external store: it follows both owners a command may read (the
 * packet session and the settings store), and gives the same object while nothing it shows
 * has changed, as useSyncExternalStore needs.
 */
function commandSource<N extends CommandName>(
  ctx: CommandContext,
  name: N,
  args: ArgsOf<N>,
): CommandSource {
  let last: { key: string; state: CommandState } | undefined;
  return {
    subscribe: (listener) => {
      const a = ctx.session.subscribe(listener);
      const b = ctx.store.subscribe(listener);
      return () => {
        a();
        b();
      };
    },
    get: () => {
      const state = commandState(ctx, name, ...args);
      const key = JSON.stringify(state);
      if (last?.key !== key) last = { key, state };
      return last.state;
    },
    perform: () => perform(ctx, name, ...args),
  };
}

/**
 * A registered command for a control: what it shows now (label, enabled, pressed, checked)
 * and how to perform it.
 */
export function useCommand<N extends CommandName>(
  ctx: CommandContext,
  name: N,
  ...args: ArgsOf<N>
): CommandState & { readonly perform: () => void } {
  // Arguments are small data; keyed by value, so a new array each render keeps the source.
  const argsKey = JSON.stringify(args);
  const source = useMemo(
    () => commandSource(ctx, name, JSON.parse(argsKey) as ArgsOf<N>),
    [ctx, name, argsKey],
  );
  const state = useSyncExternalStore(source.subscribe, source.get, source.get);
  return useMemo(() => ({ ...state, perform: source.perform }), [state, source]);
}
