import { useEffect, useRef } from 'react';
import type { PortableWalk as Walk } from '../../model';
import type { ActionContext } from '../actions';
import { openChannel, parseNotesMessage } from './channel';

/** The main window's side: tells any speaker-notes window where the walk is, and obeys it. */
export function useSpeakerNotesHost(walk: Walk, index: number, ctx: ActionContext): void {
  const channel = useRef<BroadcastChannel | undefined>(undefined);
  const latest = useRef({ walk, index });
  useEffect(() => {
    latest.current = { walk, index };
    channel.current?.postMessage({ type: 'state', scenario: walk.scenario, index });
  }, [walk, index]);
  useEffect(() => {
    const ch = openChannel();
    channel.current = ch;
    if (!ch) return;
    ch.onmessage = (e: MessageEvent) => {
      const m = parseNotesMessage(e.data);
      if (!m) return;
      if (m.type === 'hello')
        ch.postMessage({
          type: 'state',
          scenario: latest.current.walk.scenario,
          index: latest.current.index,
        });
      if (m.type === 'command') ctx.send({ type: m.command === 'next' ? 'NEXT' : 'PREV' });
    };
    return () => {
      ch.close();
      channel.current = undefined;
    };
  }, [ctx]);
}
