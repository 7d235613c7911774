/**
 * The shortest path (xstate/graph) to every state the packet machine can be in, for a few
 * scenarios, written as UI steps. e2e/machine-replay.spec.ts replays them through the real page
 * and checks it ends where the machine says; the plan is a committed fixture so the e2e tests
 * need nothing from the source tree.
 */
import { createActor } from 'xstate';
import { getShortestPaths } from 'xstate/graph';
import type { Scenario } from '../model/scenario';
import { packetMachine, type PacketEvent } from './packetMachine';
import type { WalkSummary } from './steps';

export type UiStep =
  | 'next'
  | 'prev'
  | 'first'
  | 'last'
  | 'play-pause'
  | { readonly hop: number }
  | { readonly detail: 'overview' | 'full' };

export interface ReplayPath {
  readonly scenario: Partial<Scenario>;
  readonly steps: readonly UiStep[];
  readonly expect: {
    readonly hop: number;
    readonly playing: boolean;
    readonly lifecycle: string;
    readonly detail: string;
  };
}

const EVENTS: PacketEvent[] = [
  { type: 'NEXT' },
  { type: 'PREV' },
  { type: 'FIRST' },
  { type: 'LAST' },
  { type: 'SEEK', index: 5 },
  { type: 'TOGGLE' },
  { type: 'SET_DETAIL', detail: 'full' },
  { type: 'SET_DETAIL', detail: 'overview' },
];

function toUi(e: PacketEvent): UiStep {
  switch (e.type) {
    case 'NEXT':
      return 'next';
    case 'PREV':
      return 'prev';
    case 'FIRST':
      return 'first';
    case 'LAST':
      return 'last';
    case 'SEEK':
      return { hop: e.index + 1 };
    case 'SET_DETAIL':
      return { detail: e.detail };
    default:
      return 'play-pause';
  }
}

/** One shortest path per distinct state value (lifecycle × playback), from hop 1 at overview. */
export function replayPlan(scenario: Partial<Scenario>, walk: WalkSummary): ReplayPath[] {
  const input = { walk, index: 0, detail: 'overview', speed: 0.25 } as const;
  const paths = getShortestPaths(packetMachine, {
    input,
    events: EVENTS,
    // Detail is part of the key: some stages (the answer going back) are only reachable by
    // stepping every hop, so a plan keyed on the state value alone would miss them.
    serializeState: (s) => {
      const snap = s as { value: unknown; context: { detail: string } };
      return JSON.stringify([snap.value, snap.context.detail]);
    },
  });
  return paths.map((p) => {
    const events = p.steps.slice(1).map((st) => st.event as PacketEvent);
    // The graph keys states without the hop index, so the snapshot it stores for a key may
    // come from another path to it: replay the events to know where this path really ends.
    const actor = createActor(packetMachine, { input }).start();
    for (const e of events) actor.send(e);
    const s = actor.getSnapshot();
    actor.stop();
    const value = s.value as { lifecycle: string; playback: string };
    return {
      scenario,
      steps: events.map(toUi),
      expect: {
        hop: s.context.index + 1,
        playing: value.playback === 'playing',
        lifecycle: value.lifecycle,
        detail: s.context.detail,
      },
    };
  });
}
