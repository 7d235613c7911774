/**
 * While the machine is playing, sends NEXT at a pace set by the speed: the small clock actor
 * beside the machine (kept out of it so every path can be model-tested).
 */
import { timeout } from 'd3-timer';
import { useEffect } from 'react';
import { selectIndex, selectPlaying, usePacket, usePacketApi } from './PacketProvider';

/** Milliseconds per step at 1×. */
export const STEP_MS = 1500;

export function usePlaybackClock(): void {
  const { send } = usePacketApi();
  const playing = usePacket(selectPlaying);
  const index = usePacket(selectIndex);
  const speed = usePacket((s) => s.context.speed);
  useEffect(() => {
    if (!playing) return;
    const t = timeout(() => send({ type: 'NEXT' }), STEP_MS / speed);
    return () => t.stop();
  }, [playing, index, speed, send]);
}
