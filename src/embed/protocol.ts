/**
 * The embed protocol: messages between the widget (in an iframe) and the page around it.
 * A public contract, documented in the README. Parsing is total: anything that is not a
 * well-formed command is reported as malformed, never thrown.
 *
 * child → parent: ambient-walk:ready, ambient-walk:resize {height} (also {context:'iframe.resize',
 * height} for hosts that already speak that), ambient-walk:hop {index, hop, total, title},
 * ambient-walk:page {direction} when asked past its first or last hop (hostMessages.ts),
 * ambient-walk:key {key, code, …} for keys the widget does not use.
 * parent → child: ambient-walk:command {command: next|prev|goto|play|pause|set, hop?, scenario?,
 * theme?}.
 *
 * Every command is a registered command (src/commands): `invocationOf` says which, and the
 * bridge performs it as a button would. `set`'s `theme` is read with its URL row's schema
 * (THEME_SCHEMA in store/urlState.ts) into the registered `set`'s arguments, which hand it to
 * the store: the widget never applies a value itself.
 */
import * as v from 'valibot';
import type { Invocation } from '../commands/commands';
import type { Scenario } from '../model';
import type { WidgetMessage } from './hostMessages';
import { readScenarioPatch } from '../store/scenarioObjects';
import { THEME_SCHEMA, type Theme } from '../store/urlState';

export const MESSAGE_PREFIX = 'ambient-walk:';

export type EmbedCommand =
  | { readonly command: 'next' | 'prev' | 'play' | 'pause' }
  | { readonly command: 'goto'; readonly hop: number }
  | {
      readonly command: 'set';
      readonly scenario?: Partial<Scenario>;
      readonly theme?: Theme;
      readonly hop?: number;
    };

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

/** `set`: some knobs, a theme, or both, and a hop; at least one knob or the theme. */
function parseSet(data: Record<string, unknown>): ParsedCommand {
  const rawScenario = own(data, 'scenario');
  const rawTheme = own(data, 'theme');
  if (rawScenario === undefined && rawTheme === undefined)
    return { ok: false, reason: 'set needs scenario (an object of knob values) or theme' };
  let scenario: Partial<Scenario> | undefined;
  if (rawScenario !== undefined) {
    if (!isPlainObject(rawScenario))
      return { ok: false, reason: 'set needs scenario: an object of knob values' };
    const read = readScenarioPatch(rawScenario);
    if (!read.ok) return read;
    scenario = read.value;
  }
  if (rawTheme !== undefined && !v.is(THEME_SCHEMA, rawTheme))
    return { ok: false, reason: 'theme must be auto, light or dark' };
  const hopRaw = own(data, 'hop');
  const hop = hopRaw === undefined ? undefined : parseHop(hopRaw);
  if (hopRaw !== undefined && hop === undefined)
    return { ok: false, reason: 'hop must be a whole number from 1' };
  return {
    ok: true,
    value: {
      command: 'set',
      ...(scenario === undefined ? {} : { scenario }),
      ...(rawTheme === undefined ? {} : { theme: rawTheme }),
      ...(hop === undefined ? {} : { hop }),
    },
  };
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
  if (command === 'set') return parseSet(data);
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
      args: [
        {
          ...(c.scenario === undefined ? {} : { scenario: c.scenario }),
          ...(c.theme === undefined ? {} : { theme: c.theme }),
          ...(c.hop === undefined ? {} : { hop: c.hop - 1 }),
        },
      ],
    };
  return { name: c.command, args: [] };
}

export type HopMessage = Extract<WidgetMessage, { readonly type: 'ambient-walk:hop' }>;

export function hopMessage(index: number, total: number, title: string): HopMessage {
  return { type: 'ambient-walk:hop', index, hop: index + 1, total, title };
}
