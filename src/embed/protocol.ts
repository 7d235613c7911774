/**
 * The embed protocol: messages between the widget (in an iframe) and the page around it.
 * A public contract, documented in the README. Parsing is total: anything that is not a
 * well-formed command is reported as malformed, never thrown.
 *
 * child → parent: ambient-walk:ready, ambient-walk:resize {height} (also {context:'iframe.resize',
 * height} for hosts that already speak that), ambient-walk:hop {index, hop, total, title},
 * ambient-walk:key {key, code, …} for keys the widget does not use.
 * parent → child: ambient-walk:command {command: next|prev|goto|play|pause|set, hop?, scenario?}.
 *
 * Every command is a registered command (src/commands): `invocationOf` says which, and the
 * bridge performs it as a button would. A setting `set` may carry later (`theme`) is read with
 * its URL row's schema (THEME_SCHEMA in store/urlState.ts) into the registered `set`'s
 * arguments, which hand it to the store: the widget never applies a value itself.
 */
import type { Invocation } from '../commands/commands';
import type { Scenario } from '../model';
import { readScenarioPatch } from '../store/scenarioObjects';

export const MESSAGE_PREFIX = 'ambient-walk:';

export type EmbedCommand =
  | { readonly command: 'next' | 'prev' | 'play' | 'pause' }
  | { readonly command: 'goto'; readonly hop: number }
  | { readonly command: 'set'; readonly scenario: Partial<Scenario>; readonly hop?: number };

export type ParsedCommand =
  | { readonly ok: true; readonly value: EmbedCommand }
  | { readonly ok: false; readonly reason: string }
  /** Not addressed to us at all (another library's message): ignore silently. */
  | { readonly ok: false; readonly reason: 'not-ours'; readonly silent: true };

const SIMPLE = ['next', 'prev', 'play', 'pause'] as const;
const MAX_HOP = 10_000;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

function own(o: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined;
}

function parseHop(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= MAX_HOP ? v : undefined;
}

/** Reads a message event's data as a command. */
export function parseCommand(data: unknown): ParsedCommand {
  if (!isPlainObject(data)) return { ok: false, reason: 'not-ours', silent: true };
  const type = own(data, 'type');
  if (typeof type !== 'string' || !type.startsWith(MESSAGE_PREFIX))
    return { ok: false, reason: 'not-ours', silent: true };
  if (type !== `${MESSAGE_PREFIX}command`)
    return { ok: false, reason: `unknown message type ${JSON.stringify(type.slice(0, 60))}` };
  const command = own(data, 'command');
  if (typeof command !== 'string') return { ok: false, reason: 'command must be a string' };
  if ((SIMPLE as readonly string[]).includes(command))
    return { ok: true, value: { command: command as (typeof SIMPLE)[number] } };
  if (command === 'goto') {
    const hop = parseHop(own(data, 'hop'));
    return hop === undefined
      ? { ok: false, reason: 'goto needs hop: a whole number from 1' }
      : { ok: true, value: { command: 'goto', hop } };
  }
  if (command === 'set') {
    const raw = own(data, 'scenario');
    if (!isPlainObject(raw))
      return { ok: false, reason: 'set needs scenario: an object of knob values' };
    const scenario = readScenarioPatch(raw);
    if (!scenario.ok) return scenario;
    const hopRaw = own(data, 'hop');
    const hop = hopRaw === undefined ? undefined : parseHop(hopRaw);
    if (hopRaw !== undefined && hop === undefined)
      return { ok: false, reason: 'hop must be a whole number from 1' };
    return {
      ok: true,
      value: {
        command: 'set',
        scenario: scenario.value,
        ...(hop === undefined ? {} : { hop }),
      },
    };
  }
  return { ok: false, reason: `unknown command ${JSON.stringify(command.slice(0, 40))}` };
}

/**
 * The registered command an embed command performs (the protocol's hops are 1-based, the
 * commands' 0-based). The widget has no commands of its own.
 */
export function invocationOf(c: EmbedCommand): Invocation {
  if (c.command === 'goto') return { name: 'goto', args: [{ index: c.hop - 1 }] };
  if (c.command === 'set')
    return {
      name: 'set',
      args: [{ scenario: c.scenario, ...(c.hop === undefined ? {} : { hop: c.hop - 1 }) }],
    };
  return { name: c.command, args: [] };
}

export interface HopMessage {
  readonly type: 'ambient-walk:hop';
  /** 0-based index of the hop. */
  readonly index: number;
  /** 1-based, as the URL's `hop`. */
  readonly hop: number;
  readonly total: number;
  readonly title: string;
}

export function hopMessage(index: number, total: number, title: string): HopMessage {
  return { type: 'ambient-walk:hop', index, hop: index + 1, total, title };
}
