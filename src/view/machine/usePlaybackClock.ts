/**
 * While the machine is playing, sends NEXT at a pace set by the speed: the small clock actor
 * beside the machine (kept out of it so every path can be model-tested). The speed and the
 * detail level a step takes are the settings store's.
 */
import { timeout } from 'd3-timer';
import { useEffect } from 'react';
import { useSettings, useSettingsStore } from '../StoreContext';
import { selectIndex, selectPlaying, usePacket, usePacketSession } from './packetHooks';

/** Milliseconds per step at 1×. */
export const STEP_MS = 1500;

export function usePlaybackClock(): void {
  const session = usePacketSession();
  const store = useSettingsStore();
  const playing = usePacket(selectPlaying);
  const index = usePacket(selectIndex);
  const speed = useSettings((s) => s.speed);
  useEffect(() => {
    if (!playing) return;
    const t = timeout(
      () => session.send({ type: 'NEXT', detail: store.getState().detail }),
      STEP_MS / speed,
    );
    return () => t.stop();
  }, [playing, index, speed, session, store]);
}
