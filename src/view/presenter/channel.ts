/**
 * The presenter window and its speaker-notes window talk over a BroadcastChannel: the main
 * window announces the scenario, the hop, the detail level and whether the screen is black; the
 * notes window asks for them when it opens and sends back the commands of its buttons and of a
 * clicker pressed while it has focus (a second screen the speaker looks at).
 */
import type { Detail } from '../../machine/steps';
import type { Scenario } from '../../model';

export const CHANNEL_NAME = 'ambient-packet-walk';

/** The commands the notes window may ask for: moving through the walk, and the black screen. */
export const NOTES_COMMANDS = ['next', 'prev', 'first', 'last', 'blackout'] as const;
export type NotesCommand = (typeof NOTES_COMMANDS)[number];

export type NotesMessage =
  | {
      readonly type: 'state';
      readonly scenario: Scenario;
      /** The cluster of one's own walked (`cluster=`), when the walk is a file's. */
      readonly cluster?: string;
      readonly index: number;
      readonly detail: Detail;
      readonly blackout: boolean;
    }
  | { readonly type: 'hello' }
  | { readonly type: 'command'; readonly command: NotesCommand };

export type HostMessage = Extract<NotesMessage, { type: 'hello' | 'command' }>;

/**
 * What the presenter's window takes from the channel: a notes window saying hello, or one of
 * its commands. Never a state (the window's own state is its own), so this end needs no
 * scenario validator; the notes window reads states with notesMessage.ts.
 */
export function parseHostMessage(data: unknown): HostMessage | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const d = data as Record<string, unknown>;
  if (d.type === 'hello') return { type: 'hello' };
  const command = NOTES_COMMANDS.find((c) => c === d.command);
  if (d.type === 'command' && command) return { type: 'command', command };
  return undefined;
}

export function openChannel(): BroadcastChannel | undefined {
  return typeof BroadcastChannel === 'undefined' ? undefined : new BroadcastChannel(CHANNEL_NAME);
}
