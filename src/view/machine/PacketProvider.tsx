/**
 * Gives the views the page's packet session (the machine that owns the hop, created once in
 * app.tsx) and puts it on the walk of the current scenario: a new scenario's walk is loaded at
 * the hop asked for with it, or at the same hop where that still exists.
 */
import {
  createContext,
  useContext,
  useEffect,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import {
  createPacketSession,
  type PacketSession,
  type PacketSnapshot,
} from '../../machine/packetSession';
import { useWalk } from '../hooks/useWalk';

export type { PacketSnapshot };

/** The page's session; without one (the build-time first view, tests) the provider makes its own. */
export const PacketSessionContext = createContext<PacketSession | null>(null);

const ShownSession = createContext<PacketSession | null>(null);

export function PacketProvider({ children }: { children: ReactNode }) {
  const walk = useWalk();
  const given = useContext(PacketSessionContext);
  const [own] = useState(() => (given ? null : createPacketSession()));
  const session = (given ?? own) as PacketSession;
  // The first walk starts the machine in this render, so the views below have a hop to draw;
  // later walks load once the render that shows them is committed.
  if (!session.snapshot()) session.show(walk);
  useEffect(() => session.show(walk), [session, walk]);
  return <ShownSession.Provider value={session}>{children}</ShownSession.Provider>;
}

export function usePacketSession(): PacketSession {
  const session = useContext(ShownSession);
  if (!session) throw new Error('PacketProvider is missing');
  return session;
}

/** Subscribes to a slice of the machine's snapshot. */
export function usePacket<T>(selector: (s: PacketSnapshot) => T): T {
  const session = usePacketSession();
  const get = (): T => selector(session.snapshot() as PacketSnapshot);
  return useSyncExternalStore(session.subscribe, get, get);
}

/** The page's hop: the machine's, or the one a walk on its way will open at. */
export function useHop(): number {
  const session = usePacketSession();
  return useSyncExternalStore(session.subscribe, session.hop, session.hop);
}

export const selectIndex = (s: PacketSnapshot): number => s.context.index;
export const selectPlaying = (s: PacketSnapshot): boolean => s.matches({ playback: 'playing' });
export const selectLifecycle = (s: PacketSnapshot): string =>
  (s.value as { lifecycle: string }).lifecycle;
