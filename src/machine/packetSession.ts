/**
 * The packet machine for the page's life, outside React: the one owner of the hop index. The
 * view, the address (urlSync) and the embed bridge all subscribe here; every command moves the
 * packet through here.
 *
 * The machine needs a walk to start, and a walk for a scenario can take a moment to compute
 * (the simulator loads on demand). Until the walk it is asked for arrives, the session holds
 * the hop that walk is to open at: the address's hop on a first load, or the hop a command
 * asked for together with a new scenario. `hop()` reports that hop meanwhile, so the address
 * says where the page is going, not where it was.
 *
 * Without a hop asked for, a walk opens at its first step (in overview, the stop of step 1),
 * and a new scenario's walk opens at the step the reader was on, not at the same hop number:
 * hop 11 of an iptables walk and hop 11 of an eBPF walk are different places. A walk of another
 * cluster (a file's, or back to the article's) opens at its own opening: its steps are not the
 * reader's step in another cluster.
 */
import { createActor, type Actor, type SnapshotFrom } from 'xstate';
import type { OutcomeKind, OverviewGroup, Scenario, Stage } from '../model';
import { walkKey } from '../model/portable';
import { packetMachine, type PacketEvent } from './packetMachine';
import { carryIndex, openingIndex, summarize, type Detail, type WalkSummary } from './steps';

export type PacketActor = Actor<typeof packetMachine>;
export type PacketSnapshot = SnapshotFrom<typeof packetMachine>;

/** What the session needs of a walk: the stages for the machine, titles for messages. */
export interface SessionWalk {
  readonly scenario: Scenario;
  /** A cluster of one's own (its `cluster=` reference); absent for the article's cluster. */
  readonly origin?: string;
  readonly hops: readonly {
    readonly stage: Stage;
    readonly group: OverviewGroup;
    readonly title: string;
  }[];
  readonly outcome: { readonly kind: OutcomeKind };
}

export interface PacketSession {
  /** The hop, 0-based: the machine's, or the hop the walk on its way will open at. */
  hop(): number;
  /** Where the walk shown opens at the current detail level (0 before the first walk). */
  opening(): number;
  /** The walk the machine is on; undefined before the first. */
  walk(): SessionWalk | undefined;
  /** The machine's snapshot; undefined before the first walk. Stable between changes. */
  snapshot(): PacketSnapshot | undefined;
  /** Whether the walk is playing. */
  playing(): boolean;
  /** Called on every change of the hop, the walk or the playback. */
  subscribe(listener: () => void): () => void;
  send(event: PacketEvent): void;
  /**
   * Puts the machine on a walk: the first starts it (at the address's hop, playing when the
   * address asks); another loads at the hop asked for, or at the same hop where it exists.
   */
  show(walk: SessionWalk): void;
  /**
   * The next walk shown opens at this hop, or where it opens by itself ('opening'); undefined
   * forgets a hop asked for earlier (the next walk then opens at the reader's step).
   */
  openNextWalkAt(index: number | 'opening' | undefined): void;
  stop(): void;
}

export interface SessionOptions {
  /** The address's hop, 0-based; undefined opens the walk at its first step. */
  readonly hop?: number;
  readonly autoplay?: boolean;
  /** The detail level now (the settings store's): where a walk opens depends on it. */
  readonly detail?: () => Detail;
}

export function createPacketSession({
  hop,
  autoplay = false,
  detail = () => 'full',
}: SessionOptions = {}): PacketSession {
  let actor: PacketActor | undefined;
  let shown: SessionWalk | undefined;
  // The hop the next walk opens at: a hop asked for, 'opening' (where it opens by itself), or
  // undefined once shown (a later walk then opens at the reader's step).
  let pending: number | 'opening' | undefined = hop ?? 'opening';
  const openingOf = (w: SessionWalk | undefined): number =>
    w ? openingIndex(summarize(w), detail()) : 0;
  /** Where a walk about to be shown opens: the hop asked for, its opening, or the reader's step. */
  const openAt = (next: WalkSummary, origin: string | undefined): number => {
    if (typeof pending === 'number') return pending;
    if (pending === 'opening' || !actor || !shown || shown.origin !== origin)
      return openingIndex(next, detail());
    return carryIndex(summarize(shown), actor.getSnapshot().context.index, next, detail());
  };
  const listeners = new Set<() => void>();
  const notify = (): void => {
    for (const l of [...listeners]) l();
  };

  return {
    hop: () =>
      pending === 'opening'
        ? openingOf(shown)
        : (pending ?? actor?.getSnapshot().context.index ?? 0),
    opening: () => openingOf(shown),
    walk: () => shown,
    snapshot: () => actor?.getSnapshot(),
    playing: () => actor?.getSnapshot().matches({ playback: 'playing' }) ?? false,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    send(event) {
      actor?.send(event);
    },
    show(walk) {
      if (walk === shown) return;
      // The same walk, only fuller (its hop details arrived): the packet stays where it is and
      // keeps playing. A file's walk comes whole; another of the same file is that file walked
      // again (saved again under its name, with another request), and is loaded.
      if (shown && actor && walk.origin === undefined && walkKey(shown) === walkKey(walk)) {
        shown = walk;
        notify();
        return;
      }
      const next = summarize(walk);
      const index = openAt(next, walk.origin);
      pending = undefined;
      shown = walk;
      if (actor) {
        actor.send({ type: 'LOAD', walk: next, index });
        return;
      }
      actor = createActor(packetMachine, { input: { walk: next, index } });
      actor.subscribe(notify);
      actor.start();
      if (autoplay) actor.send({ type: 'PLAY', detail: detail() });
      notify();
    },
    openNextWalkAt(index) {
      if (index === pending) return;
      pending = typeof index === 'number' ? Math.max(0, Math.floor(index)) : index;
      notify();
    },
    stop() {
      actor?.stop();
      listeners.clear();
    },
  };
}
