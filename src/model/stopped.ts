/**
 * Where a walk cannot go on: a packet that reaches no socket, a proxy that has nowhere to send
 * the connection. The article's cluster never stops a walk this way; a user's cluster can (an
 * enrolled pod on a node without ztunnel, a waypoint without pods). The processes throw
 * `WalkStopped`; `walk()` ends the walk there with the client's view of it.
 */

/** How the client sees the stop: a refused connection, a reset, or a timeout. */
export type StopKind = 'refused' | 'reset' | 'dropped';

export class WalkStopped extends Error {
  constructor(
    readonly reason: string,
    readonly as: StopKind,
  ) {
    super(reason);
    this.name = 'WalkStopped';
  }
}

/** What curl prints and exits with for each kind of stop (curl's documented exit codes). */
export const CLIENT_SEES: Readonly<Record<StopKind, { text: string; exit: number }>> = {
  refused: { text: 'curl: (7) Failed to connect: Connection refused', exit: 7 },
  reset: { text: 'curl: (56) Recv failure: Connection reset by peer', exit: 56 },
  dropped: { text: 'curl: (28) Connection timed out', exit: 28 },
};
