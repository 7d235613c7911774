/**
 * The presenter window and its speaker-notes window talk over a BroadcastChannel: the main
 * window announces the scenario and hop; the notes window asks for them when it opens and can
 * send Next/Previous back (a second screen with its own buttons).
 */
import type { Scenario } from '../../model';
import { readScenario } from '../../store/scenarioSchema';

export const CHANNEL_NAME = 'ambient-packet-walk';

export type NotesMessage =
  | { readonly type: 'state'; readonly scenario: Scenario; readonly index: number }
  | { readonly type: 'hello' }
  | { readonly type: 'command'; readonly command: 'next' | 'prev' };

/** Validates a message from the channel (another tab could send anything). */
export function parseNotesMessage(data: unknown): NotesMessage | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const d = data as Record<string, unknown>;
  if (d.type === 'hello') return { type: 'hello' };
  if (d.type === 'command' && (d.command === 'next' || d.command === 'prev'))
    return { type: 'command', command: d.command };
  if (
    d.type === 'state' &&
    typeof d.index === 'number' &&
    Number.isInteger(d.index) &&
    d.index >= 0
  ) {
    const scenario = readScenario(d.scenario);
    if (scenario) return { type: 'state', scenario, index: d.index };
  }
  return undefined;
}

export function openChannel(): BroadcastChannel | undefined {
  return typeof BroadcastChannel === 'undefined' ? undefined : new BroadcastChannel(CHANNEL_NAME);
}
