/**
 * The views' reading of the packet session: its context and the hooks over it. Types only from
 * the machine, so a lazily loaded part that reads the hop does not pull the machine into a
 * chunk of its own (the provider, which starts the machine, is PacketProvider.tsx).
 */
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { PacketSession, PacketSnapshot } from '../../machine/packetSession';

export type { PacketSnapshot };

/** The page's session; without one (the build-time first view, tests) the provider makes its own. */
export const PacketSessionContext = createContext<PacketSession | null>(null);

/** The session the views below a PacketProvider draw. */
export const ShownSession = createContext<PacketSession | null>(null);

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
