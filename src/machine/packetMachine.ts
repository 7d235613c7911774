/**
 * The packet's lifecycle as a state machine: its states are the data-plane stages (in the
 * source pod → redirected on the node → in ztunnel outbound → HBONE on the wire → at the
 * waypoint → captured on the destination node → at the destination ztunnel → to the pod), and
 * the walk ends in a final state: delivered, denied at L4 or L7, or not captured.
 *
 * Which state a step lands in is decided by guards that read the model's walk (the stage of
 * the hop it lands on), so one machine serves every scenario. Playback (playing/paused) is a
 * parallel region; the clock that sends NEXT while playing lives outside, so the machine has no
 * timers and every path can be walked by xstate/graph.
 */
import { and, assign, createMachine, stateIn, type SnapshotFrom } from 'xstate';
import {
  LIFECYCLE_STATES,
  lifecycleStateAt,
  nextPosition,
  openingIndex,
  previousPosition,
  stepPositions,
  type Detail,
  type LifecycleState,
  type WalkSummary,
} from './steps';

/**
 * The machine owns the hop index and nothing else of the page: the detail level a step uses
 * comes with the step (the settings store owns it), and the speed is the playback clock's.
 */
export interface PacketContext {
  readonly walk: WalkSummary;
  readonly index: number;
}

/**
 * Next and Previous step to the positions of their detail level: `overview` between the
 * article's nine steps, `full` through every hop.
 */
export type MoveEvent =
  | { type: 'NEXT'; detail: Detail }
  | { type: 'PREV'; detail: Detail }
  | { type: 'FIRST'; detail?: Detail }
  | { type: 'LAST' }
  | { type: 'SEEK'; index: number }
  | { type: 'LOAD'; walk: WalkSummary; index: number };

/** Play (or Toggle) at the end starts again from the first step of the detail level given. */
export type PacketEvent =
  | MoveEvent
  | { type: 'PLAY'; detail?: Detail }
  | { type: 'PAUSE' }
  | { type: 'TOGGLE'; detail?: Detail };

export interface PacketInput {
  readonly walk: WalkSummary;
  readonly index?: number;
}

function lastIndex(walk: WalkSummary): number {
  return walk.stages.length - 1;
}

/** Where a movement event takes the packet, or undefined when it cannot move. */
export function targetIndex(ctx: PacketContext, event: PacketEvent): number | undefined {
  switch (event.type) {
    case 'NEXT':
      return nextPosition(ctx.walk, event.detail, ctx.index);
    case 'PREV':
      return previousPosition(ctx.walk, event.detail, ctx.index);
    case 'FIRST': {
      const first = openingIndex(ctx.walk, event.detail ?? 'full');
      return ctx.index === first ? undefined : first;
    }
    case 'LAST':
      return ctx.index === lastIndex(ctx.walk) ? undefined : lastIndex(ctx.walk);
    case 'SEEK': {
      const i = Math.round(event.index);
      return Number.isFinite(i) && i >= 0 && i <= lastIndex(ctx.walk) && i !== ctx.index
        ? i
        : undefined;
    }
    case 'PLAY':
    case 'TOGGLE':
      // Play at the end starts again from the first step.
      return ctx.index === lastIndex(ctx.walk)
        ? openingIndex(ctx.walk, event.detail ?? 'full')
        : undefined;
    default:
      return undefined;
  }
}

function clampIndex(walk: WalkSummary, index: number): number {
  return Math.max(0, Math.min(lastIndex(walk), Number.isFinite(index) ? Math.round(index) : 0));
}

const stateName = (s: LifecycleState): string => s;

// createMachine with its implementations, rather than setup(): setup() brings every action
// creator XState has (sendTo, log, emit, enqueueActions, …), a kilobyte this machine never uses.
export const packetMachine = createMachine(
  {
    types: {} as {
      context: PacketContext;
      events: PacketEvent;
      input: PacketInput;
      guards:
        | { type: 'landsIn'; params: { state: LifecycleState } }
        | { type: 'isAt'; params: { state: LifecycleState } }
        | { type: 'nextWouldEnd'; params: undefined };
      actions: { type: 'move'; params: undefined };
    },
    id: 'packet',
    type: 'parallel',
    context: ({ input }) => ({
      walk: input.walk,
      index: clampIndex(input.walk, input.index ?? 0),
    }),
    states: {
      lifecycle: {
        initial: 'starting',
        description: 'Where the packet is: the stage of the current hop, or how the walk ended.',
        on: Object.fromEntries(
          (['NEXT', 'PREV', 'FIRST', 'LAST', 'SEEK', 'LOAD', 'PLAY', 'TOGGLE'] as const).map(
            (type) => [
              type,
              LIFECYCLE_STATES.map((state) => ({
                // TOGGLE restarts a finished walk only when it is about to play, not when pausing.
                guard:
                  type === 'TOGGLE'
                    ? and([
                        stateIn({ playback: 'paused' }),
                        { type: 'landsIn' as const, params: { state } },
                      ])
                    : { type: 'landsIn' as const, params: { state } },
                target: `.${stateName(state)}`,
                actions: 'move' as const,
              })),
            ],
          ),
        ),
        states: {
          starting: {
            always: LIFECYCLE_STATES.map((state) => ({
              guard: { type: 'isAt' as const, params: { state } },
              target: stateName(state),
            })),
          },
          dnsLookup: { description: 'curl resolves httpbin' },
          inSourcePod: { description: 'in the source pod (sleep)' },
          redirectedOnNode: {
            description: 'redirected on the source node: iptables + GENEVE, or eBPF at TC',
          },
          inZtunnelOutbound: { description: "in the source node's ztunnel, outbound" },
          hboneOnWire: { description: 'HBONE between the source ztunnel and the next hop' },
          atWaypoint: { description: "at the destination's waypoint (Envoy)" },
          capturedOnDestinationNode: { description: 'captured on the destination node' },
          atDestinationZtunnel: { description: "in the destination node's ztunnel, inbound" },
          toDestinationPod: { description: 'on its way into httpbin' },
          answerGoingBack: { description: 'a denial travels back to curl' },
          delivered: { type: 'final', description: 'httpbin received the request' },
          deniedL4: {
            type: 'final',
            description: 'refused at L4: CONNECT 401 or a closed connection; curl sees a reset',
          },
          deniedL7: {
            type: 'final',
            description: 'refused at L7 by the waypoint: 403 RBAC: access denied',
          },
          notCaptured: {
            type: 'final',
            description: 'sleep is outside the mesh; its node did not capture the request',
          },
          failed: {
            type: 'final',
            description:
              'the request failed on the way: a name that did not resolve, a refused certificate',
          },
        },
      },
      playback: {
        initial: 'paused',
        states: {
          paused: {
            on: {
              PLAY: { target: 'playing' },
              TOGGLE: { target: 'playing' },
            },
          },
          playing: {
            on: {
              PAUSE: { target: 'paused' },
              TOGGLE: { target: 'paused' },
              NEXT: {
                guard: 'nextWouldEnd',
                target: 'paused',
                description: 'playback stops at the last step',
              },
              LOAD: { target: 'paused', description: 'a new scenario starts paused' },
            },
          },
        },
      },
    },
  },
  {
    guards: {
      /** The event moves the packet to a hop whose lifecycle state is `state`. */
      landsIn: ({ context, event }, params: { state: LifecycleState }) => {
        if (event.type === 'LOAD')
          return lifecycleStateAt(event.walk, clampIndex(event.walk, event.index)) === params.state;
        const to = targetIndex(context, event);
        return to !== undefined && lifecycleStateAt(context.walk, to) === params.state;
      },
      isAt: ({ context }, params: { state: LifecycleState }) =>
        lifecycleStateAt(context.walk, context.index) === params.state,
      nextWouldEnd: ({ context, event }) =>
        event.type === 'NEXT' &&
        nextPosition(context.walk, event.detail, context.index) === undefined,
    },
    actions: {
      move: assign(({ context, event }) => {
        if (event.type === 'LOAD')
          return { walk: event.walk, index: clampIndex(event.walk, event.index) };
        const to = targetIndex(context, event);
        return to === undefined ? {} : { index: to };
      }),
    },
  },
);

export function isPlaying(snapshot: SnapshotFrom<typeof packetMachine>): boolean {
  return snapshot.matches({ playback: 'playing' });
}

/** Positions the scrubber can take at the current detail level. */
export { stepPositions };
