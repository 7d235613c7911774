/**
 * Fuzzing what the app accepts from outside: the URL, embed messages and speaker-notes
 * messages. Fixed seed; 50,000+ cases in all. Each property is also run against a naive
 * implementation that must fail it (a positive control: a fuzzer that cannot fail proves
 * nothing).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_HEIGHT, readWidgetMessage } from './embed/hostMessages';
import { parseCommand } from './embed/protocol';
import { firewallFits, MODE_RELEASES } from './model/releases';
import { isKnobValue, SCENARIO_KNOB_NAMES, SCENARIO_KNOBS, type Scenario } from './model/scenario';
import {
  AVAILABLE_REDIRECTS,
  KNOWN_PARAMS,
  parseUrlState,
  serializeUrlState,
  type UrlState,
} from './store/urlState';
import { parseNotesMessage } from './view/presenter/notesMessage';

const SEED = 20261127;
const params = { seed: SEED, verbose: false } as const;

// ---- generators -------------------------------------------------------------------------------

const nasty = fc.constantFrom(
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '',
  '%',
  '%E0%A4%A',
  '\u0000',
  '𝓍',
  '..',
  '[]',
);
const keyArb = fc.oneof(fc.constantFrom(...KNOWN_PARAMS), nasty, fc.string({ maxLength: 12 }));
const valueArb = fc.oneof(
  fc.constantFrom(
    ...Object.values(SCENARIO_KNOBS).flat(),
    '0',
    '1',
    '-1',
    '1e3',
    'NaN',
    'Infinity',
    'true',
    'auto',
    'dark',
    'reduce',
    'full',
    'config',
    'https://a.example',
    'javascript:alert(1)',
    '4',
    '0.25',
    '3',
  ),
  nasty,
  fc.string({ maxLength: 40 }),
  fc.integer().map(String),
  fc.double().map(String),
);
const queryArb = fc.oneof(
  fc
    .array(fc.tuple(keyArb, valueArb), { maxLength: 8 })
    .map(
      (pairs) =>
        `?${pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}`,
    ),
  fc
    .array(fc.tuple(keyArb, valueArb), { maxLength: 8 })
    .map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join('&')),
  fc.string({ maxLength: 200 }),
);

const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    redirect: fc.constantFrom(...AVAILABLE_REDIRECTS),
    istio: fc.constantFrom(...SCENARIO_KNOBS.istio),
    waypoint: fc.constantFrom(...SCENARIO_KNOBS.waypoint),
    placement: fc.constantFrom(...SCENARIO_KNOBS.placement),
    dns: fc.constantFrom(...SCENARIO_KNOBS.dns),
    policy: fc.constantFrom(...SCENARIO_KNOBS.policy),
    source: fc.constantFrom(...SCENARIO_KNOBS.source),
    firewall: fc.constantFrom(...SCENARIO_KNOBS.firewall),
  })
  .filter(
    (s) =>
      MODE_RELEASES[s.redirect].includes(s.istio) && firewallFits(s.redirect, s.istio, s.firewall),
  );

const validStateArb: fc.Arbitrary<UrlState> = fc
  .record({
    scenario: scenarioArb,
    hop: fc.option(fc.integer({ min: 0, max: 9998 }), { nil: undefined }),
    autoplay: fc.boolean(),
    speed: fc.integer({ min: 25, max: 400 }).map((n) => n / 100),
    theme: fc.constantFrom('auto', 'light', 'dark'),
    motion: fc.constantFrom('auto', 'reduce'),
    detail: fc.constantFrom('overview', 'full'),
    embed: fc.boolean(),
    present: fc.boolean(),
    scale: fc.integer({ min: 50, max: 300 }).map((n) => n / 100),
    panel: fc.constantFrom('rules', 'config'),
    parentOrigin: fc.option(
      fc.constantFrom('https://blog.example.org', 'http://127.0.0.1:4174', 'https://x.test:8443'),
      { nil: undefined },
    ),
    compare: fc.option(
      fc.array(
        fc.record(
          {
            redirect: fc.constantFrom(...AVAILABLE_REDIRECTS),
            istio: fc.constantFrom(...SCENARIO_KNOBS.istio),
            waypoint: fc.constantFrom(...SCENARIO_KNOBS.waypoint),
          },
          { requiredKeys: [] },
        ),
        { minLength: 1, maxLength: 3 },
      ),
      { nil: undefined },
    ),
    predict: fc.boolean(),
  })
  .map(
    ({ parentOrigin, hop, compare, ...rest }) =>
      ({
        ...rest,
        ...(hop === undefined ? {} : { hop }),
        ...(parentOrigin ? { parentOrigin } : {}),
        // A column sets at least one knob (an empty one is not written).
        ...(compare && compare.every((c) => Object.keys(c).length > 0) ? { compare } : {}),
      }) as UrlState,
  );

/** A state as JSON with its keys sorted: the same state whatever order its fields were set in. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

// ---- properties -------------------------------------------------------------------------------

function isValidState(s: UrlState): boolean {
  return (
    SCENARIO_KNOB_NAMES.every((k) => isKnobValue(k, s.scenario[k])) &&
    AVAILABLE_REDIRECTS.includes(s.scenario.redirect) &&
    MODE_RELEASES[s.scenario.redirect].includes(s.scenario.istio) &&
    (s.hop === undefined || (Number.isInteger(s.hop) && s.hop >= 0)) &&
    Number.isFinite(s.speed) &&
    s.speed >= 0.25 &&
    s.speed <= 4 &&
    Number.isFinite(s.scale) &&
    s.scale >= 0.5 &&
    s.scale <= 3 &&
    ['auto', 'light', 'dark'].includes(s.theme) &&
    ['auto', 'reduce'].includes(s.motion) &&
    ['overview', 'full'].includes(s.detail) &&
    ['rules', 'config'].includes(s.panel) &&
    typeof s.autoplay === 'boolean' &&
    typeof s.embed === 'boolean' &&
    typeof s.present === 'boolean' &&
    typeof s.predict === 'boolean' &&
    (s.compare === undefined || (s.compare.length >= 1 && s.compare.length <= 3)) &&
    (s.parentOrigin === undefined || /^https?:\/\/[^/?#]+$/.test(s.parentOrigin))
  );
}

const PROTO_KEYS = Object.getOwnPropertyNames(Object.prototype).sort().join();
function prototypesClean(): boolean {
  const probe = {} as Record<string, unknown>;
  return (
    Object.getOwnPropertyNames(Object.prototype).sort().join() === PROTO_KEYS &&
    probe.polluted === undefined &&
    probe.hop === undefined
  );
}

type Parser = (search: string) => { state: UrlState };

/** The URL properties, for any parser: never throws, never pollutes, accepted ⇒ valid ⇒ round-trips. */
function urlProperty(parse: Parser) {
  return fc.property(queryArb, (q) => {
    const { state } = parse(q);
    if (!prototypesClean()) return false;
    if (!isValidState(state)) return false;
    const again = parse(serializeUrlState(state)).state;
    return JSON.stringify(again) === JSON.stringify(state);
  });
}

describe('fuzzing the URL', () => {
  it('parseUrlState never throws or pollutes, and whatever it accepts is valid and round-trips (25,000 cases)', () => {
    fc.assert(urlProperty(parseUrlState), { ...params, numRuns: 25_000 });
  });

  it('every valid state round-trips through the URL with no notice (5,000 cases)', () => {
    fc.assert(
      fc.property(validStateArb, (s) => {
        const r = parseUrlState(serializeUrlState(s));
        return r.notices.length === 0 && canonical(r.state) === canonical(s);
      }),
      { ...params, numRuns: 5_000 },
    );
  });

  it('positive control: a naive parser fails the same property', () => {
    // Copies every parameter onto the state, the way quick code does (no validation).
    const naive: Parser = (search) => {
      const state = JSON.parse(JSON.stringify(parseUrlState('').state)) as Record<string, unknown>;
      for (const [k, v] of new URLSearchParams(search)) {
        if (k === '__proto__') continue; // keep this control from polluting the test process itself
        state[k] = k === 'hop' ? Number(v) - 1 : v;
      }
      return { state: state as unknown as UrlState };
    };
    const r = fc.check(urlProperty(naive), { ...params, numRuns: 2_000 });
    expect(r.failed).toBe(true);
  });
});

describe('fuzzing embed and speaker-notes messages', () => {
  const anyMessage = fc.oneof(
    fc.anything({
      withObjectString: true,
      withNullPrototype: true,
      withMap: true,
      withSet: true,
      withBigInt: true,
      withDate: true,
      withTypedArray: true,
    }),
    fc.record(
      {
        type: fc.oneof(
          fc.constantFrom(
            'ambient-walk:command',
            'ambient-walk:hop',
            'ambient-walk:page',
            'ambient-walk:resize',
            'ambient-walk:ready',
            'ambient-walk:',
          ),
          fc.string(),
        ),
        command: fc.oneof(
          fc.constantFrom('next', 'prev', 'goto', 'play', 'pause', 'set', '__proto__'),
          fc.anything(),
        ),
        hop: fc.oneof(fc.integer(), fc.double(), fc.string(), fc.constant(undefined)),
        index: fc.oneof(fc.integer({ min: -2, max: 60 }), fc.double(), fc.string()),
        total: fc.oneof(fc.integer({ min: -2, max: 60 }), fc.double(), fc.string()),
        title: fc.oneof(fc.string(), fc.anything()),
        theme: fc.oneof(
          fc.constantFrom('auto', 'light', 'dark', 'Dark', 'system', '', '__proto__'),
          fc.anything(),
        ),
        direction: fc.oneof(fc.constantFrom('next', 'prev', 'up', 'toString'), fc.anything()),
        height: fc.oneof(fc.integer(), fc.double(), fc.string()),
        scenario: fc.oneof(
          fc.dictionary(
            fc.oneof(fc.constantFrom(...SCENARIO_KNOB_NAMES), nasty),
            fc.oneof(fc.constantFrom(...Object.values(SCENARIO_KNOBS).flat()), fc.anything()),
          ),
          fc.anything(),
        ),
      },
      { requiredKeys: [] },
    ),
    fc
      .jsonValue()
      .map(
        (v) =>
          JSON.parse(
            `{"__proto__": ${JSON.stringify(v ?? null)}, "type": "ambient-walk:command", "command": "next"}`,
          ) as unknown,
      ),
  );

  it('parseCommand never throws or pollutes, and accepts only well-formed commands (15,000 cases)', () => {
    fc.assert(
      fc.property(anyMessage, (m) => {
        const r = parseCommand(m);
        if (!prototypesClean()) return false;
        if (!r.ok) return true;
        const c = r.value;
        if (c.command === 'goto') return Number.isInteger(c.hop) && c.hop >= 1;
        if (c.command === 'set')
          return (
            (c.scenario !== undefined || c.theme !== undefined) &&
            (c.theme === undefined || ['auto', 'light', 'dark'].includes(c.theme)) &&
            (c.hop === undefined || (Number.isInteger(c.hop) && c.hop >= 1)) &&
            Object.entries(c.scenario ?? {}).every(
              ([k, v]) =>
                (SCENARIO_KNOB_NAMES as readonly string[]).includes(k) &&
                isKnobValue(k as never, v as string),
            )
          );
        return ['next', 'prev', 'play', 'pause'].includes(c.command);
      }),
      { ...params, numRuns: 15_000 },
    );
  });

  it('parseNotesMessage never throws and accepts only valid states and commands (5,000 cases)', () => {
    fc.assert(
      fc.property(anyMessage, (m) => {
        const r = parseNotesMessage(m);
        if (!r || r.type === 'hello') return true;
        if (r.type === 'command') return r.command === 'next' || r.command === 'prev';
        return (
          Number.isInteger(r.index) &&
          r.index >= 0 &&
          SCENARIO_KNOB_NAMES.every((k) => isKnobValue(k, r.scenario[k]))
        );
      }),
      { ...params, numRuns: 5_000 },
    );
  });

  const wellFormedWidgetMessage = (r: ReturnType<typeof readWidgetMessage>): boolean => {
    if (r === undefined || r.type === 'ambient-walk:ready') return true;
    if (r.type === 'ambient-walk:resize')
      return Number.isInteger(r.height) && r.height > 0 && r.height <= MAX_HEIGHT;
    if (r.type === 'ambient-walk:page') return r.direction === 'next' || r.direction === 'prev';
    return (
      Number.isInteger(r.index) &&
      r.index >= 0 &&
      r.index < r.total &&
      r.hop === r.index + 1 &&
      typeof r.title === 'string'
    );
  };

  it("readWidgetMessage (a host's reader, the deck plugin's) never throws or pollutes, and accepts only well-formed messages (10,000 cases)", () => {
    fc.assert(
      fc.property(anyMessage, (m) => {
        const r = readWidgetMessage(m);
        return prototypesClean() && wellFormedWidgetMessage(r);
      }),
      { ...params, numRuns: 10_000 },
    );
  });

  it('positive control: a naive widget-message reader fails it', () => {
    const naive = (m: unknown): ReturnType<typeof readWidgetMessage> => {
      const d = m as { type?: string };
      return d && typeof d.type === 'string' && d.type.startsWith('ambient-walk:')
        ? (d as ReturnType<typeof readWidgetMessage>)
        : undefined;
    };
    const r = fc.check(
      fc.property(anyMessage, (m) => wellFormedWidgetMessage(naive(m))),
      { ...params, numRuns: 2_000 },
    );
    expect(r.failed).toBe(true);
  });

  it('positive control: a naive command reader fails it', () => {
    const naive = (m: unknown): ReturnType<typeof parseCommand> => {
      const d = m as { type?: string; command?: string; hop?: number };
      return d.type === 'ambient-walk:command'
        ? { ok: true, value: { command: 'goto', hop: d.hop as number } }
        : { ok: false, reason: 'x' };
    };
    const r = fc.check(
      fc.property(anyMessage, (m) => {
        const out = naive(m);
        return (
          !out.ok ||
          (out.value.command === 'goto' && Number.isInteger(out.value.hop) && out.value.hop >= 1)
        );
      }),
      { ...params, numRuns: 2_000 },
    );
    expect(r.failed).toBe(true);
  });
});
