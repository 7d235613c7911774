import { describe, expect, it } from 'vitest';
import { createActor, initialTransition, transition, type SnapshotFrom } from 'xstate';
import { getShortestPaths } from 'xstate/graph';
import { DEFAULT_SCENARIO, walkScenario, type Scenario } from '../model';
import { packetMachine, type PacketEvent } from './packetMachine';
import {
  lifecycleStateAt,
  openingIndex,
  OUTCOME_STATES,
  overviewSteps,
  STAGE_STATES,
  stepPositions,
  summarize,
} from './steps';

type Snap = SnapshotFrom<typeof packetMachine>;

const DETAILS = ['overview', 'full'] as const;

const SCENARIOS: Array<[string, Partial<Scenario>]> = [
  ['iptables, delivered', {}],
  ['eBPF + DNS + httpbin waypoint', { redirect: 'ebpf', dns: 'on', waypoint: 'httpbin' }],
  ['L4 deny', { policy: 'deny-l4' }],
  ['L7 deny at the waypoint', { policy: 'deny-l7', waypoint: 'httpbin' }],
  ['not captured', { source: 'outside' }],
];

function events(n: number): PacketEvent[] {
  return [
    { type: 'NEXT', detail: 'overview' },
    { type: 'NEXT', detail: 'full' },
    { type: 'PREV', detail: 'overview' },
    { type: 'PREV', detail: 'full' },
    { type: 'FIRST' },
    { type: 'FIRST', detail: 'overview' },
    { type: 'LAST' },
    { type: 'SEEK', index: Math.floor(n / 2) },
    { type: 'PLAY' },
    { type: 'PLAY', detail: 'overview' },
    { type: 'PAUSE' },
    { type: 'TOGGLE' },
  ];
}

const lifecycle = (s: Snap): string => (s.value as { lifecycle: string }).lifecycle;
const key = (s: Snap): string => JSON.stringify([s.value, s.context.index]);

describe.each(SCENARIOS)('the packet machine over every path (%s)', (_name, over) => {
  const walk = summarize(walkScenario({ ...DEFAULT_SCENARIO, ...over }));
  const n = walk.stages.length;
  const last = n - 1;
  const paths = getShortestPaths(packetMachine, {
    input: { walk },
    events: events(n),
    serializeState: (s) => key(s as Snap),
  });
  const reachable = paths.map((p) => p.state as Snap);
  const step = (s: Snap, e: PacketEvent): Snap => transition(packetMachine, s, e)[0];

  it('reaches every hop, and a good number of states in all', () => {
    const indices = new Set(reachable.map((s) => s.context.index));
    expect(indices.size).toBe(n);
    expect(reachable.length).toBeGreaterThan(n);
  });

  it("is in the state of the current hop's stage, and in a final state only at the last hop", () => {
    for (const s of reachable) {
      expect(lifecycle(s)).toBe(lifecycleStateAt(walk, s.context.index));
      const isFinal = Object.values(OUTCOME_STATES).includes(lifecycle(s) as never);
      expect(isFinal).toBe(s.context.index === last);
    }
  });

  it("ends in the final state of the walk's outcome", () => {
    const end = reachable.find((s) => s.context.index === last)!;
    expect(lifecycle(end)).toBe(OUTCOME_STATES[walk.outcome]);
    expect(end.status).toBe('active'); // the playback region keeps the machine alive for First/Previous
  });

  it('never gets stuck: from every reachable state, Next advances until the last hop, and Last gets there', () => {
    for (const detail of DETAILS) {
      for (const s of reachable) {
        const n1 = step(s, { type: 'NEXT', detail });
        if (s.context.index < last)
          expect(n1.context.index, key(s)).toBeGreaterThan(s.context.index);
        else expect(n1.context.index).toBe(last);
        let cur = s;
        for (let i = 0; i <= n && cur.context.index < last; i++)
          cur = step(cur, { type: 'NEXT', detail });
        expect(cur.context.index).toBe(last);
        expect(lifecycle(step(s, { type: 'LAST' }))).toBe(OUTCOME_STATES[walk.outcome]);
      }
    }
  });

  it('makes Previous and Next inverse on the step positions of the detail level they carry', () => {
    for (const detail of DETAILS) {
      const positions = stepPositions(walk, detail);
      for (const s of reachable) {
        if (!positions.includes(s.context.index)) continue;
        const fwd = step(s, { type: 'NEXT', detail });
        if (fwd.context.index !== s.context.index)
          expect(step(fwd, { type: 'PREV', detail }).context.index, key(s)).toBe(s.context.index);
        const back = step(s, { type: 'PREV', detail });
        if (back.context.index !== s.context.index)
          expect(step(back, { type: 'NEXT', detail }).context.index, key(s)).toBe(s.context.index);
      }
    }
  });

  it('steps only to overview positions when Next carries overview, and to every hop with full', () => {
    const overview = stepPositions(walk, 'overview');
    let s = initialTransition(packetMachine, { walk, index: openingIndex(walk, 'overview') })[0];
    const seen = [s.context.index];
    while (s.context.index < last) {
      s = step(s, { type: 'NEXT', detail: 'overview' });
      seen.push(s.context.index);
    }
    expect(seen).toEqual(overview);
    // Opened at hop 1 by an address, the first Next finishes step 1.
    const atHop1 = initialTransition(packetMachine, { walk, index: 0 })[0];
    expect(step(atHop1, { type: 'NEXT', detail: 'overview' }).context.index).toBe(overview[0]);
    expect(step(atHop1, { type: 'NEXT', detail: 'full' }).context.index).toBe(1);
  });

  it("at the overview level has one stop per step: the last hop of each of the article's steps", () => {
    const positions = stepPositions(walk, 'overview');
    const steps = overviewSteps(walk);
    expect(positions).toHaveLength(steps.length);
    expect(positions[positions.length - 1]).toBe(last);
    for (const p of positions) expect(walk.groups[p + 1]).not.toBe(walk.groups[p]);
    expect(openingIndex(walk, 'overview')).toBe(steps[0]!.last);
    expect(openingIndex(walk, 'full')).toBe(0);
  });

  it('a walk of one overview step (the DNS lookup that fails at 1.18) opens at its first hop, so Next has somewhere to go', () => {
    const dns = summarize(walkScenario({ ...DEFAULT_SCENARIO, dns: 'on' }));
    const steps = overviewSteps(dns);
    expect(steps).toHaveLength(1);
    expect(openingIndex(dns, 'overview')).toBe(0);
    const s = initialTransition(packetMachine, { walk: dns, index: 0 })[0];
    expect(step(s, { type: 'NEXT', detail: 'overview' }).context.index).toBe(steps[0]!.last);
  });

  it('First and Play at the end go to where the detail level opens the walk', () => {
    const atEnd = initialTransition(packetMachine, { walk, index: last })[0];
    expect(step(atEnd, { type: 'FIRST', detail: 'overview' }).context.index).toBe(
      overviewSteps(walk)[0]!.last,
    );
    expect(step(atEnd, { type: 'FIRST' }).context.index).toBe(0);
    expect(step(atEnd, { type: 'PLAY', detail: 'overview' }).context.index).toBe(
      overviewSteps(walk)[0]!.last,
    );
  });

  it('pauses by itself when playback reaches the end, and Play at the end starts again', () => {
    let s = initialTransition(packetMachine, { walk, index: last - 1 })[0];
    s = step(s, { type: 'PLAY' });
    expect(s.matches({ playback: 'playing' })).toBe(true);
    s = step(s, { type: 'NEXT', detail: 'full' });
    expect(s.context.index).toBe(last);
    s = step(s, { type: 'NEXT', detail: 'full' });
    expect(s.matches({ playback: 'paused' })).toBe(true);
    s = step(s, { type: 'PLAY' });
    expect(s.context.index).toBe(0);
    expect(s.matches({ playback: 'playing' })).toBe(true);
    s = step(s, { type: 'TOGGLE' });
    expect(s.context.index).toBe(0);
    expect(s.matches({ playback: 'paused' })).toBe(true);
  });
});

describe('loading another walk', () => {
  it("moves to the new walk's hop and state, paused", () => {
    const a = summarize(walkScenario(DEFAULT_SCENARIO));
    const b = summarize(walkScenario({ ...DEFAULT_SCENARIO, policy: 'deny-l4' }));
    const actor = createActor(packetMachine, { input: { walk: a, index: 5 } }).start();
    actor.send({ type: 'PLAY' });
    actor.send({ type: 'LOAD', walk: b, index: 999 });
    const s = actor.getSnapshot();
    expect(s.context.index).toBe(b.stages.length - 1);
    expect(lifecycle(s)).toBe('deniedL4');
    expect(s.matches({ playback: 'paused' })).toBe(true);
    actor.send({ type: 'LOAD', walk: a, index: 3 });
    expect(lifecycle(actor.getSnapshot())).toBe(STAGE_STATES[a.stages[3]!]);
  });

  it('ignores a seek outside the walk', () => {
    const a = summarize(walkScenario(DEFAULT_SCENARIO));
    const s0 = initialTransition(packetMachine, { walk: a, index: 2 })[0];
    expect(transition(packetMachine, s0, { type: 'SEEK', index: -1 })[0].context.index).toBe(2);
    expect(transition(packetMachine, s0, { type: 'SEEK', index: 10_000 })[0].context.index).toBe(2);
    expect(
      transition(packetMachine, s0, { type: 'SEEK', index: Number.NaN })[0].context.index,
    ).toBe(2);
  });
});
