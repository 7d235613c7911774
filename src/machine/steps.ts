/**
 * Pure helpers the packet machine's guards and actions use: which hops a step may land on at
 * each detail level, the next and previous of them, and which lifecycle state a hop index is.
 */
import type { OutcomeKind, OverviewGroup, Stage, Walk } from '../model';

export type Detail = 'overview' | 'full';

/** What the machine needs of a walk: the stage and overview group of each hop, and the outcome. */
export interface WalkSummary {
  readonly stages: readonly Stage[];
  readonly groups: readonly OverviewGroup[];
  readonly outcome: OutcomeKind;
}

export function summarize(walk: {
  readonly hops: readonly Pick<Walk['hops'][number], 'stage' | 'group'>[];
  readonly outcome: Pick<Walk['outcome'], 'kind'>;
}): WalkSummary {
  return {
    stages: walk.hops.map((h) => h.stage),
    groups: walk.hops.map((h) => h.group),
    outcome: walk.outcome.kind,
  };
}

/**
 * The hop indices a step lands on: every hop at `full`; at `overview`, the first hop and the
 * last hop of each run of one overview group (where the packet is when that step is done).
 */
export function stepPositions(walk: WalkSummary, detail: Detail): number[] {
  const n = walk.stages.length;
  if (n === 0) return [];
  if (detail === 'full') return Array.from({ length: n }, (_, i) => i);
  const out = [0];
  for (let i = 0; i < n; i++) {
    const last = i === n - 1 || walk.groups[i + 1] !== walk.groups[i];
    if (last && i !== 0) out.push(i);
  }
  return out;
}

export function nextPosition(walk: WalkSummary, detail: Detail, index: number): number | undefined {
  return stepPositions(walk, detail).find((p) => p > index);
}

export function previousPosition(
  walk: WalkSummary,
  detail: Detail,
  index: number,
): number | undefined {
  const ps = stepPositions(walk, detail);
  for (let i = ps.length - 1; i >= 0; i--) if ((ps[i] as number) < index) return ps[i];
  return undefined;
}

/** The lifecycle states of the packet machine. */
export const STAGE_STATES = {
  dns: 'dnsLookup',
  'source-pod': 'inSourcePod',
  'source-node': 'redirectedOnNode',
  'ztunnel-outbound': 'inZtunnelOutbound',
  'hbone-wire': 'hboneOnWire',
  waypoint: 'atWaypoint',
  'destination-node': 'capturedOnDestinationNode',
  'ztunnel-inbound': 'atDestinationZtunnel',
  'destination-pod': 'toDestinationPod',
  response: 'answerGoingBack',
} as const satisfies Record<Stage, string>;

export const OUTCOME_STATES = {
  delivered: 'delivered',
  'denied-l4': 'deniedL4',
  'denied-l7': 'deniedL7',
  'not-captured': 'notCaptured',
  failed: 'failed',
} as const satisfies Record<OutcomeKind, string>;

export type StageState = (typeof STAGE_STATES)[Stage];
export type OutcomeState = (typeof OUTCOME_STATES)[OutcomeKind];
export type LifecycleState = StageState | OutcomeState;

export const LIFECYCLE_STATES: readonly LifecycleState[] = [
  ...(Object.values(STAGE_STATES) as StageState[]),
  ...(Object.values(OUTCOME_STATES) as OutcomeState[]),
];

/** The state for a hop index: its stage, or the outcome once the packet is at the last hop. */
export function lifecycleStateAt(walk: WalkSummary, index: number): LifecycleState | undefined {
  const n = walk.stages.length;
  if (index < 0 || index >= n) return undefined;
  if (index === n - 1) return OUTCOME_STATES[walk.outcome];
  return STAGE_STATES[walk.stages[index] as Stage];
}
