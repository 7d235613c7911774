/**
 * Gives the views the page's packet session (the machine that owns the hop, created once in
 * app.tsx) and puts it on the walk of the current scenario: a new scenario's walk is loaded at
 * the hop asked for with it, or at the same hop where that still exists.
 */
import { useContext, useEffect, useState, type ReactNode } from 'react';
import { createPacketSession, type PacketSession } from '../../machine/packetSession';
import { useWalk } from '../hooks/useWalk';
import { useSettingsStore } from '../StoreContext';
import { PacketSessionContext, ShownSession } from './packetHooks';

export function PacketProvider({ children }: { children: ReactNode }) {
  const walk = useWalk();
  const given = useContext(PacketSessionContext);
  const store = useSettingsStore();
  const [own] = useState(() =>
    given ? null : createPacketSession({ detail: () => store.getState().detail }),
  );
  const session = (given ?? own) as PacketSession;
  // The first walk starts the machine in this render, so the views below have a hop to draw;
  // later walks load once the render that shows them is committed.
  if (!session.snapshot()) session.show(walk);
  useEffect(() => session.show(walk), [session, walk]);
  return <ShownSession.Provider value={session}>{children}</ShownSession.Provider>;
}
