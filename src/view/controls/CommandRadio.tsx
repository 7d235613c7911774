import type { ReactNode } from 'react';
import type { ArgsOf, CommandContext, CommandName } from '../../commands/commands';
import { useCommand } from './useCommand';

/**
 * One segment of a segmented radio group that performs a registered command: checked when the
 * command says its choice is the current one, disabled when it cannot act.
 */
export function CommandRadio<N extends CommandName>({
  ctx,
  command,
  args,
  id,
  group,
  value,
  title,
  children,
}: {
  readonly ctx: CommandContext;
  readonly command: N;
  readonly args: ArgsOf<N>;
  readonly id: string;
  /** The radio group's name. */
  readonly group: string;
  readonly value?: string;
  readonly title?: string | undefined;
  readonly children: ReactNode;
}) {
  const c = useCommand(ctx, command, ...args);
  return (
    <span className="segment">
      <input
        type="radio"
        id={id}
        name={group}
        value={value}
        checked={c.checked ?? false}
        disabled={!c.enabled}
        onChange={c.perform}
      />
      <label htmlFor={id} title={title}>
        {children}
      </label>
    </span>
  );
}
