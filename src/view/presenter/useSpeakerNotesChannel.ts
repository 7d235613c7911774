import { useEffect, useRef } from 'react';
import { perform, type CommandContext } from '../../commands/commands';
import type { PortableWalk as Walk } from '../../model';
import { parseHostMessage, type NotesMessage } from './channel';
import { useNotesChannel } from './useNotesChannel';

/**
 * The main window's side: tells any speaker-notes window where the walk is, and performs the
 * commands it sends (the same registered Next and Previous as the buttons and keys).
 */
export function useSpeakerNotesHost(walk: Walk, index: number, ctx: CommandContext): void {
  const latest = useRef({ walk, index });
  const channel = useNotesChannel(parseHostMessage, (m, ch) => {
    if (m.type === 'hello')
      ch.postMessage({
        type: 'state',
        scenario: latest.current.walk.scenario,
        index: latest.current.index,
      } satisfies NotesMessage);
    if (m.type === 'command') perform(ctx, m.command);
  });
  useEffect(() => {
    latest.current = { walk, index };
    channel.current?.postMessage({
      type: 'state',
      scenario: walk.scenario,
      index,
    } satisfies NotesMessage);
  }, [walk, index, channel]);
}
