import { describe, expect, it } from 'vitest';
import { parseCommand } from './protocol';

describe('embed commands', () => {
  it.each([
    [{ type: 'ambient-walk:command', command: 'next' }, { command: 'next' }],
    [{ type: 'ambient-walk:command', command: 'pause' }, { command: 'pause' }],
    [
      { type: 'ambient-walk:command', command: 'goto', hop: 7 },
      { command: 'goto', hop: 7 },
    ],
    [
      {
        type: 'ambient-walk:command',
        command: 'set',
        scenario: { redirect: 'ebpf', waypoint: 'httpbin' },
        hop: 3,
      },
      { command: 'set', scenario: { redirect: 'ebpf', waypoint: 'httpbin' }, hop: 3 },
    ],
    [
      { type: 'ambient-walk:command', command: 'set', theme: 'dark' },
      { command: 'set', theme: 'dark' },
    ],
    [
      { type: 'ambient-walk:command', command: 'set', theme: 'auto', scenario: { dns: 'on' } },
      { command: 'set', theme: 'auto', scenario: { dns: 'on' } },
    ],
  ])('accepts %j', (data, value) => {
    expect(parseCommand(data)).toEqual({ ok: true, value });
  });

  it.each([
    [{ type: 'ambient-walk:command', command: 'goto', hop: 0 }, /goto needs hop/],
    [{ type: 'ambient-walk:command', command: 'goto', hop: '3' }, /goto needs hop/],
    [{ type: 'ambient-walk:command', command: 'goto', hop: 2.5 }, /goto needs hop/],
    [
      { type: 'ambient-walk:command', command: 'set', scenario: { redirect: 'bpf' } },
      /bad value for redirect/,
    ],
    [
      { type: 'ambient-walk:command', command: 'set', scenario: { colour: 'red' } },
      /unknown scenario knob/,
    ],
    [{ type: 'ambient-walk:command', command: 'set', scenario: [] }, /set needs scenario/],
    [{ type: 'ambient-walk:command', command: 'set' }, /set needs scenario .* or theme/],
    [{ type: 'ambient-walk:command', command: 'set', theme: 'Dark' }, /theme must be/],
    [{ type: 'ambient-walk:command', command: 'set', theme: 1 }, /theme must be/],
    [
      { type: 'ambient-walk:command', command: 'set', theme: 'dark', scenario: { dns: 'up' } },
      /bad value for dns/,
    ],
    [{ type: 'ambient-walk:command', command: 'rm -rf' }, /unknown command/],
    [{ type: 'ambient-walk:command' }, /command must be a string/],
    [{ type: 'ambient-walk:hello' }, /unknown message type/],
  ])('rejects %j with a reason', (data, reason) => {
    const r = parseCommand(data);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(reason);
  });

  it.each([
    null,
    undefined,
    42,
    'next',
    [],
    { type: 'webpackOk' },
    { command: 'next' },
    new Date(),
  ])('ignores %j silently (not ours)', (data) => {
    expect(parseCommand(data)).toMatchObject({ ok: false, silent: true });
  });

  it('does not read inherited properties', () => {
    const sneaky = Object.create({ type: 'ambient-walk:command', command: 'next' }) as object;
    expect(parseCommand(sneaky)).toMatchObject({ ok: false });
  });
});
