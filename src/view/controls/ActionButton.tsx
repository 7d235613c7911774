import type { ReactNode } from 'react';
import { action, type ActionContext } from '../actions';
import { IconPause, IconPlay } from './Icons';

/**
 * An icon button that performs a registered action: its accessible name is the action's label
 * (or `label`, for Play/Pause) and its tooltip names the first key, so a button and its key
 * cannot drift apart.
 */
export function ActionButton({
  name,
  ctx,
  label,
  disabled,
  className,
  children,
}: {
  readonly name: string;
  readonly ctx: ActionContext;
  readonly label?: string;
  readonly disabled?: boolean;
  /** Classes beside `btn icon-btn`. */
  readonly className?: string;
  readonly children: ReactNode;
}) {
  const a = action(name);
  const shown = label ?? a.label;
  return (
    <button
      type="button"
      className={className ? `btn icon-btn ${className}` : 'btn icon-btn'}
      aria-label={shown}
      title={a.keys[0] ? `${shown} (${a.keys[0]})` : shown}
      disabled={disabled}
      onClick={() => a.perform(ctx)}
    >
      {children}
    </button>
  );
}

/** Play or Pause, by whether the walk is playing: one button, the `toggle` action. */
export function PlayPauseButton({
  ctx,
  playing,
  className,
}: {
  readonly ctx: ActionContext;
  readonly playing: boolean;
  readonly className?: string;
}) {
  return (
    <ActionButton name="toggle" ctx={ctx} label={playing ? 'Pause' : 'Play'} className={className}>
      {playing ? <IconPause /> : <IconPlay />}
    </ActionButton>
  );
}
