/**
 * Model checking for state machines with xstate/graph: every reachable snapshot must still have
 * a way to a final state, and every state node must be reachable. Generic, so it can be run on
 * a deliberately broken machine to prove it catches one.
 */
import type { AnyStateMachine, EventObject, SnapshotFrom } from 'xstate';
import { getAdjacencyMap, getStateNodes } from 'xstate/graph';

export interface CheckOptions<TEvent extends EventObject> {
  readonly input?: unknown;
  readonly events: readonly TEvent[];
  readonly serialize: (s: SnapshotFrom<AnyStateMachine>) => string;
  /** Whether a snapshot counts as finished (a final state of the region that matters). */
  readonly isFinal: (s: SnapshotFrom<AnyStateMachine>) => boolean;
}

export interface CheckResult {
  readonly reachable: number;
  /** Snapshots from which no sequence of events leads to a final state. */
  readonly deadEnds: readonly string[];
  /** State node ids (leaf, not transient) no reachable snapshot is in. */
  readonly unreachableStateNodes: readonly string[];
  /** Every state node id some reachable snapshot was in. */
  readonly visitedStateNodes: ReadonlySet<string>;
}

export function checkMachine<TEvent extends EventObject>(
  machine: AnyStateMachine,
  opts: CheckOptions<TEvent>,
): CheckResult {
  const adj = getAdjacencyMap(machine, {
    ...(opts.input === undefined ? {} : { input: opts.input }),
    events: opts.events as never,
    serializeState: (s: unknown) => opts.serialize(s as SnapshotFrom<AnyStateMachine>),
  } as never) as unknown as Record<
    string,
    {
      state: SnapshotFrom<AnyStateMachine>;
      transitions: Record<string, { state: SnapshotFrom<AnyStateMachine> }>;
    }
  >;
  const keys = Object.keys(adj);
  const incoming = new Map<string, string[]>();
  for (const k of keys) {
    for (const t of Object.values(adj[k]!.transitions)) {
      const to = opts.serialize(t.state);
      incoming.set(to, [...(incoming.get(to) ?? []), k]);
    }
  }
  // Walk backwards from the finished snapshots: whatever is not reached cannot finish.
  const canFinish = new Set(keys.filter((k) => opts.isFinal(adj[k]!.state)));
  const queue = [...canFinish];
  while (queue.length) {
    const k = queue.pop() as string;
    for (const from of incoming.get(k) ?? []) {
      if (!canFinish.has(from)) {
        canFinish.add(from);
        queue.push(from);
      }
    }
  }
  const visited = new Set<string>();
  for (const k of keys) {
    for (const node of (adj[k]!.state as unknown as { _nodes: Array<{ id: string }> })._nodes ?? [])
      visited.add(node.id);
  }
  const leaves = getStateNodes(machine).filter(
    (n) => (n.type === 'atomic' || n.type === 'final') && !n.always?.length,
  );
  return {
    reachable: keys.length,
    deadEnds: keys.filter((k) => !canFinish.has(k)),
    unreachableStateNodes: leaves.map((n) => n.id).filter((id) => !visited.has(id)),
    visitedStateNodes: visited,
  };
}

/** The ids of the leaf state nodes a state value is in: {lifecycle: 'x'} → ['packet.lifecycle.x']. */
export function leafIds(prefix: string, value: unknown): string[] {
  if (typeof value === 'string') return [`${prefix}.${value}`];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) =>
    leafIds(`${prefix}.${k}`, v),
  );
}
