import { useEffect, useRef, type RefObject } from 'react';
import { openChannel, type HostMessage } from './channel';

/**
 * The speaker-notes channel, open for the component's life, for both ends (the main window
 * and the notes window). Each message `parse` accepts goes to the latest `onMessage` (so the
 * channel is not reopened when the handler changes); anything else another tab sends is
 * dropped. `hello` is posted once on opening, by the end that needs the other to speak first.
 * @returns the open channel (undefined where BroadcastChannel does not exist), to post on.
 */
export function useNotesChannel<M>(
  parse: (data: unknown) => M | undefined,
  onMessage: (message: M, channel: BroadcastChannel) => void,
  { hello = false }: { hello?: boolean } = {},
): RefObject<BroadcastChannel | undefined> {
  const parser = useRef(parse);
  const channel = useRef<BroadcastChannel | undefined>(undefined);
  const handler = useRef(onMessage);
  useEffect(() => {
    handler.current = onMessage;
    parser.current = parse;
  });
  useEffect(() => {
    const ch = openChannel();
    channel.current = ch;
    if (!ch) return;
    ch.onmessage = (e: MessageEvent) => {
      const m = parser.current(e.data);
      if (m) handler.current(m, ch);
    };
    if (hello) ch.postMessage({ type: 'hello' } satisfies HostMessage);
    return () => {
      ch.close();
      channel.current = undefined;
    };
  }, [hello]);
  return channel;
}
