import { useEffect, useRef } from 'react';
import { perform, type CommandContext } from '../../commands/commands';
import type { PortableWalk as Walk } from '../../model';
import { useSettings } from '../StoreContext';
import { parseHostMessage, type NotesMessage } from './channel';
import { useNotesChannel } from './useNotesChannel';

/**
 * The main window's side: tells any speaker-notes window where the walk is (and at which
 * detail level, so the notes can name what the next press shows, and whether the screen is
 * black), and performs the commands it sends (the same registered commands as the buttons and
 * keys).
 */
export function useSpeakerNotesHost(walk: Walk, index: number, ctx: CommandContext): void {
  const detail = useSettings((s) => s.detail);
  const blackout = useSettings((s) => s.blackout);
  const latest = useRef<NotesMessage | undefined>(undefined);
  const channel = useNotesChannel(parseHostMessage, (m, ch) => {
    if (m.type === 'hello' && latest.current) ch.postMessage(latest.current);
    if (m.type === 'command') perform(ctx, m.command);
  });
  useEffect(() => {
    const state: NotesMessage = {
      type: 'state',
      scenario: walk.scenario,
      ...(walk.origin !== undefined ? { cluster: walk.origin } : {}),
      index,
      detail,
      blackout,
    };
    latest.current = state;
    channel.current?.postMessage(state);
  }, [walk, index, detail, blackout, channel]);
}
