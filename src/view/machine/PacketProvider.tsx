/**
 * Runs the packet machine for the page and keeps it in step with the settings store:
 * a new scenario loads its walk; the machine's hop goes to the store (and so to the URL);
 * detail and speed go from the store to the machine.
 */
import {
  createContext,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import { createActor, type Actor, type SnapshotFrom } from 'xstate';
import { packetMachine, type PacketEvent } from '../../machine/packetMachine';
import { summarize } from '../../machine/steps';
import { useWalk } from '../hooks/useWalk';
import { useSettings, useSettingsStore } from '../StoreContext';

type PacketActor = Actor<typeof packetMachine>;
export type PacketSnapshot = SnapshotFrom<typeof packetMachine>;

interface PacketApi {
  readonly actor: PacketActor;
  readonly send: (e: PacketEvent) => void;
}

const PacketContext = createContext<PacketApi | null>(null);

export function PacketProvider({ children }: { children: ReactNode }) {
  const walk = useWalk();
  const store = useSettingsStore();
  const [actor] = useState<PacketActor>(() => {
    const s = store.getState();
    return createActor(packetMachine, {
      input: { walk: summarize(walk), index: s.hop, detail: s.detail, speed: s.speed },
    });
  });

  useEffect(() => {
    actor.start();
    if (store.getState().autoplay) actor.send({ type: 'PLAY' });
    const sub = actor.subscribe((snap) => {
      if (store.getState().hop !== snap.context.index) store.getState().setHop(snap.context.index);
    });
    // Keep the store's hop in range once the machine has clamped it.
    store.getState().setHop(actor.getSnapshot().context.index);
    return () => sub.unsubscribe();
  }, [actor, store]);

  // A new walk (the scenario changed): load it, keeping the hop when it still exists.
  const firstWalk = useRef(walk);
  useEffect(() => {
    if (firstWalk.current === walk) return;
    firstWalk.current = walk;
    actor.send({
      type: 'LOAD',
      walk: summarize(walk),
      index: Math.min(store.getState().hop, walk.hops.length - 1),
    });
  }, [walk, actor, store]);

  const detail = useSettings((s) => s.detail);
  const speed = useSettings((s) => s.speed);
  useEffect(() => actor.send({ type: 'SET_DETAIL', detail }), [actor, detail]);
  useEffect(() => actor.send({ type: 'SET_SPEED', speed }), [actor, speed]);

  const api = useMemo<PacketApi>(() => ({ actor, send: (e) => actor.send(e) }), [actor]);
  return <PacketContext.Provider value={api}>{children}</PacketContext.Provider>;
}

export function usePacketApi(): PacketApi {
  const api = useContext(PacketContext);
  if (!api) throw new Error('PacketProvider is missing');
  return api;
}

/** Subscribes to a slice of the machine's snapshot. */
export function usePacket<T>(selector: (s: PacketSnapshot) => T): T {
  const { actor } = usePacketApi();
  const get = (): T => selector(actor.getSnapshot());
  return useSyncExternalStore(
    (cb) => {
      const sub = actor.subscribe(cb);
      return () => sub.unsubscribe();
    },
    get,
    get,
  );
}

export const selectIndex = (s: PacketSnapshot): number => s.context.index;
export const selectPlaying = (s: PacketSnapshot): boolean => s.matches({ playback: 'playing' });
export const selectLifecycle = (s: PacketSnapshot): string =>
  (s.value as { lifecycle: string }).lifecycle;
