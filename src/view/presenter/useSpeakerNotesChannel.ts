import { useEffect, useRef } from 'react';
import type { PortableWalk as Walk } from '../../model';
import type { ActionContext } from '../actions';
import type { NotesMessage } from './channel';
import { useNotesChannel } from './useNotesChannel';

/** The main window's side: tells any speaker-notes window where the walk is, and obeys it. */
export function useSpeakerNotesHost(walk: Walk, index: number, ctx: ActionContext): void {
  const latest = useRef({ walk, index });
  const channel = useNotesChannel((m, ch) => {
    if (m.type === 'hello')
      ch.postMessage({
        type: 'state',
        scenario: latest.current.walk.scenario,
        index: latest.current.index,
      } satisfies NotesMessage);
    if (m.type === 'command') ctx.send({ type: m.command === 'next' ? 'NEXT' : 'PREV' });
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
