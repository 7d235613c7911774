import { describe, expect, it } from 'vitest';
import { createMachine, type AnyStateMachine, type SnapshotFrom } from 'xstate';
import { DEFAULT_SCENARIO, walkScenario, type Scenario } from '../model';
import { checkMachine } from './check';
import { packetMachine, type PacketEvent } from './packetMachine';
import { OUTCOME_STATES, summarize } from './steps';

const EVENTS: PacketEvent[] = [
  { type: 'NEXT', detail: 'overview' },
  { type: 'NEXT', detail: 'full' },
  { type: 'PREV', detail: 'overview' },
  { type: 'PREV', detail: 'full' },
  { type: 'FIRST' },
  { type: 'LAST' },
  { type: 'SEEK', index: 5 },
  { type: 'PLAY' },
  { type: 'PAUSE' },
  { type: 'TOGGLE' },
];

const serialize = (s: SnapshotFrom<AnyStateMachine>): string =>
  JSON.stringify([s.value, (s.context as { index?: number }).index]);
const lifecycleFinal = (s: SnapshotFrom<AnyStateMachine>): boolean =>
  Object.values(OUTCOME_STATES).includes((s.value as { lifecycle: string }).lifecycle as never);

/** Scenarios that between them reach every stage and every outcome. */
const COVER: Array<Partial<Scenario>> = [
  {},
  { dns: 'on', waypoint: 'httpbin', redirect: 'ebpf' },
  { policy: 'deny-l4' },
  { policy: 'deny-l7', waypoint: 'httpbin' },
  { source: 'outside' },
  { istio: '1.18', dns: 'on' },
];

describe('model checking the packet machine', () => {
  const results = COVER.map((over) =>
    checkMachine(packetMachine, {
      input: { walk: summarize(walkScenario({ ...DEFAULT_SCENARIO, ...over })) },
      events: EVENTS,
      serialize,
      isFinal: lifecycleFinal,
    }),
  );

  it('has no reachable snapshot without a path to a final state', () => {
    for (const r of results) {
      // Every hop is a state for each detail level and playback mode: far more than the hops.
      expect(r.reachable).toBeGreaterThan(20);
      expect(r.deadEnds).toEqual([]);
    }
  });

  it('reaches every state node across the scenarios', () => {
    const visited = new Set(results.flatMap((r) => [...r.visitedStateNodes]));
    const missing = results[0]!.unreachableStateNodes.filter((id) => !visited.has(id));
    expect(missing).toEqual([]);
  });

  it('positive control: finds the dead end and the unreachable state of a broken machine', () => {
    const broken = createMachine({
      id: 'broken',
      initial: 'a',
      states: {
        a: { on: { GO: 'b', STUCK: 'stuck' } },
        b: { type: 'final' },
        stuck: { on: { GO: 'stuck' } },
        orphan: {},
      },
    });
    const r = checkMachine(broken, {
      events: [{ type: 'GO' }, { type: 'STUCK' }],
      serialize: (s) => JSON.stringify(s.value),
      isFinal: (s) => s.status === 'done',
    });
    expect(r.deadEnds).toEqual(['"stuck"']);
    expect(r.unreachableStateNodes).toEqual(['broken.orphan']);
  });
});
