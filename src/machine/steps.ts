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
 * One of the overview's steps: a run of consecutive hops of one overview group (the article's
 * "captured on the node", "HBONE to the destination", …). Its stop is its last hop: where the
 * packet is when that step is done.
 */
export interface OverviewStep {
  readonly group: OverviewGroup;
  readonly first: number;
  readonly last: number;
}

/** The walk's overview steps, in order; every hop belongs to exactly one. */
export function overviewSteps(walk: Pick<WalkSummary, 'groups'>): OverviewStep[] {
  const out: OverviewStep[] = [];
  walk.groups.forEach((group, i) => {
    const open = out[out.length - 1];
    if (open && open.group === group) out[out.length - 1] = { ...open, last: i };
    else out.push({ group, first: i, last: i });
  });
  return out;
}

/** The 0-based number of the overview step a hop belongs to (0 for an empty walk). */
export function stepIndexOf(walk: Pick<WalkSummary, 'groups'>, index: number): number {
  const steps = overviewSteps(walk);
  const at = steps.findIndex((s) => index >= s.first && index <= s.last);
  return at < 0 ? 0 : at;
}

/**
 * The hop indices a step lands on: every hop at `full`; at `overview`, each step's stop (its
 * last hop), so nine steps are nine stops.
 */
export function stepPositions(walk: WalkSummary, detail: Detail): number[] {
  const n = walk.stages.length;
  if (n === 0) return [];
  if (detail === 'full') return Array.from({ length: n }, (_, i) => i);
  return overviewSteps(walk).map((s) => s.last);
}

/**
 * Where a walk opens at a detail level: its first hop, or the stop of its first step. A walk of
 * one step (a DNS lookup that fails, say) opens at its first hop instead: opened at its stop it
 * would show the end with nowhere for Next to go.
 */
export function openingIndex(walk: WalkSummary, detail: Detail): number {
  const positions = stepPositions(walk, detail);
  if (detail === 'overview' && positions.length === 1) return 0;
  return positions[0] ?? 0;
}

/**
 * Where a new walk opens when the scenario changes under the reader: at the same step (the
 * same overview group, its nth run when the group recurs; else the same step number), at that
 * step's stop in overview, or as far into the step as the reader was at full detail.
 */
export function carryIndex(
  from: WalkSummary,
  index: number,
  to: WalkSummary,
  detail: Detail,
): number {
  const fromSteps = overviewSteps(from);
  const toSteps = overviewSteps(to);
  if (toSteps.length === 0) return 0;
  const k = stepIndexOf(from, index);
  const here = fromSteps[k];
  if (!here) return openingIndex(to, detail);
  const nth = fromSteps.slice(0, k).filter((s) => s.group === here.group).length;
  const same = toSteps.filter((s) => s.group === here.group);
  const step = same[Math.min(nth, same.length - 1)] ?? toSteps[Math.min(k, toSteps.length - 1)]!;
  if (detail === 'overview') return step.last;
  return Math.min(step.last, step.first + (index - here.first));
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
