/**
 * The presenter window and its speaker-notes window talk over a BroadcastChannel: the main
 * window announces the scenario and hop; the notes window asks for them when it opens and can
 * send Next/Previous back (a second screen with its own buttons).
 */
import type { Scenario } from '../../model';

export const CHANNEL_NAME = 'ambient-packet-walk';

export type NotesMessage =
  | { readonly type: 'state'; readonly scenario: Scenario; readonly index: number }
  | { readonly type: 'hello' }
  | { readonly type: 'command'; readonly command: 'next' | 'prev' };

export type HostMessage = Extract<NotesMessage, { type: 'hello' | 'command' }>;

/**
 * What the presenter's window takes from the channel: a notes window saying hello, or its
 * Next / Previous. Never a state (the window's own state is its own), so this end needs no
 * scenario validator; the notes window reads states with notesMessage.ts.
 */
export function parseHostMessage(data: unknown): HostMessage | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const d = data as Record<string, unknown>;
  if (d.type === 'hello') return { type: 'hello' };
  if (d.type === 'command' && (d.command === 'next' || d.command === 'prev'))
    return { type: 'command', command: d.command };
  return undefined;
}

export function openChannel(): BroadcastChannel | undefined {
  return typeof BroadcastChannel === 'undefined' ? undefined : new BroadcastChannel(CHANNEL_NAME);
}
