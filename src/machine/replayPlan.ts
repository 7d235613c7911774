/**
 * The shortest path (xstate/graph) to every state the packet machine can be in, for a few
 * scenarios, written as UI steps. e2e/machine-replay.spec.ts replays them through the real page
 * and checks it ends where the machine says; the plan is a committed fixture so the e2e tests
 * need nothing from the source tree.
 */
import {
  createActor,
  fromTransition,
  initialTransition,
  transition,
  type SnapshotFrom,
} from 'xstate';
import { getShortestPaths } from 'xstate/graph';
import type { Scenario } from '../model/scenario';
import { packetMachine, type PacketEvent } from './packetMachine';
import { openingIndex, type Detail, type WalkSummary } from './steps';

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

/**
 * What a person does on the page: the machine's events, except that Next, Previous, First and
 * Play take the detail level from the page's setting (the store's), which the Overview / Every hop radios set.
 */
type UiEvent =
  | { type: 'NEXT' }
  | { type: 'PREV' }
  | { type: 'FIRST' }
  | { type: 'LAST' }
  | { type: 'SEEK'; index: number }
  | { type: 'TOGGLE' }
  | { type: 'SET_DETAIL'; detail: Detail };

const EVENTS: UiEvent[] = [
  { type: 'NEXT' },
  { type: 'PREV' },
  { type: 'FIRST' },
  { type: 'LAST' },
  { type: 'SEEK', index: 5 },
  { type: 'TOGGLE' },
  { type: 'SET_DETAIL', detail: 'full' },
  { type: 'SET_DETAIL', detail: 'overview' },
];

interface PageState {
  readonly machine: SnapshotFrom<typeof packetMachine>;
  readonly detail: Detail;
}

/** The page as the plan sees it: the packet machine and the detail setting beside it. */
function pageLogic(walk: WalkSummary) {
  return fromTransition(
    (s: PageState, e: UiEvent): PageState => {
      if (e.type === 'SET_DETAIL') return { ...s, detail: e.detail };
      const event: PacketEvent =
        e.type === 'NEXT' || e.type === 'PREV' || e.type === 'FIRST' || e.type === 'TOGGLE'
          ? { type: e.type, detail: s.detail }
          : e;
      return { ...s, machine: transition(packetMachine, s.machine, event)[0] };
    },
    // The page opens at overview, where step 1 ends (the address names no hop).
    {
      machine: initialTransition(packetMachine, { walk, index: openingIndex(walk, 'overview') })[0],
      detail: 'overview',
    },
  );
}

function toUi(e: UiEvent): UiStep {
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

/** One shortest path per distinct state value (lifecycle × playback × detail), from where the page opens (overview). */
export function replayPlan(scenario: Partial<Scenario>, walk: WalkSummary): ReplayPath[] {
  const logic = pageLogic(walk);
  const paths = getShortestPaths(logic, {
    events: EVENTS,
    // Detail is part of the key: some stages (the answer going back) are only reachable by
    // stepping every hop, so a plan keyed on the state value alone would miss them.
    serializeState: (s) => {
      const page = (s as { context: PageState }).context;
      return JSON.stringify([page.machine.value, page.detail]);
    },
  });
  return paths.map((p) => {
    const events = p.steps.slice(1).map((st) => st.event as UiEvent);
    // The graph keys states without the hop index, so the snapshot it stores for a key may
    // come from another path to it: replay the events to know where this path really ends.
    const actor = createActor(logic).start();
    for (const e of events) actor.send(e);
    const { machine, detail } = actor.getSnapshot().context;
    actor.stop();
    const value = machine.value as { lifecycle: string; playback: string };
    return {
      scenario,
      steps: events.map(toUi),
      expect: {
        hop: machine.context.index + 1,
        playing: value.playback === 'playing',
        lifecycle: value.lifecycle,
        detail,
      },
    };
  });
}
