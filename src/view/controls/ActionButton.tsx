import type { ReactNode } from 'react';
import type { CommandContext, CommandName } from '../../commands/commands';
import { keyBinding, type KeyCommand } from '../actions';
import { IconPause, IconPlay } from './Icons';
import { useCommand } from './useCommand';

/**
 * An icon button that performs a registered command: its accessible name, whether it is
 * enabled and whether it is pressed come from the command, and its tooltip names the first key
 * bound to the command, so a button and its key cannot drift apart.
 */
export function ActionButton({
  name,
  ctx,
  className,
  children,
}: {
  readonly name: KeyCommand;
  readonly ctx: CommandContext;
  /** Classes beside `btn icon-btn`. */
  readonly className?: string;
  readonly children: ReactNode | ((state: { pressed: boolean }) => ReactNode);
}) {
  const c = useCommand(ctx, name);
  const key = keyBinding(name as CommandName)?.keys[0];
  return (
    <button
      type="button"
      className={className ? `btn icon-btn ${className}` : 'btn icon-btn'}
      aria-label={c.label}
      title={key ? `${c.label} (${key})` : c.label}
      disabled={!c.enabled}
      onClick={c.perform}
    >
      {typeof children === 'function' ? children({ pressed: c.pressed ?? false }) : children}
    </button>
  );
}

/**
 * Play or Pause: one button, the `toggle` command. Its name says what a press does (Play, or
 * Pause while playing), so it carries no aria-pressed as well: a screen reader would otherwise
 * hear "Pause, pressed", which reads as paused.
 */
export function PlayPauseButton({
  ctx,
  className,
}: {
  readonly ctx: CommandContext;
  readonly className?: string;
}) {
  return (
    <ActionButton name="toggle" ctx={ctx} className={className}>
      {({ pressed }) => (pressed ? <IconPause /> : <IconPlay />)}
    </ActionButton>
  );
}
