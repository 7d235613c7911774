/**
 * Any message on the speaker-notes channel, validated: the notes window reads the presenter
 * window's state (its scenario through the one scenario validator); another tab could send
 * anything. Loaded with the notes window only.
 */
import { clusterRef } from '../../store/paramKinds';
import { readScenario } from '../../store/scenarioObjects';
import { parseHostMessage, type NotesMessage } from './channel';

export function parseNotesMessage(data: unknown): NotesMessage | undefined {
  const host = parseHostMessage(data);
  if (host) return host;
  if (typeof data !== 'object' || data === null) return undefined;
  const d = data as Record<string, unknown>;
  if (d.type !== 'state') return undefined;
  if (typeof d.index !== 'number' || !Number.isInteger(d.index) || d.index < 0) return undefined;
  if (d.detail !== 'overview' && d.detail !== 'full') return undefined;
  const scenario = readScenario(d.scenario);
  // A cluster reference as the address would take it; the notes window loads it as the page does.
  const cluster = typeof d.cluster === 'string' ? clusterRef.parse(d.cluster) : undefined;
  if (d.cluster !== undefined && cluster === undefined) return undefined;
  return scenario
    ? {
        type: 'state',
        scenario,
        ...(cluster !== undefined ? { cluster } : {}),
        index: d.index,
        detail: d.detail,
        blackout: d.blackout === true,
      }
    : undefined;
}
