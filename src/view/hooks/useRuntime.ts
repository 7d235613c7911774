import { useMemo } from 'react';
import type { PortableWalk as Walk } from '../../model';
import type { ActionContext } from '../actions';
import {
  selectIndex,
  selectLifecycle,
  selectPlaying,
  usePacket,
  usePacketApi,
} from '../machine/PacketProvider';
import { usePlaybackClock } from '../machine/usePlaybackClock';
import { useSettings, useSettingsStore } from '../StoreContext';
import { useReducedMotion } from './useTheme';
import { useWalk } from './useWalk';

export interface Runtime {
  readonly walk: Walk;
  readonly index: number;
  readonly playing: boolean;
  /** The machine's lifecycle state (a stage, or how the walk ended); exposed for styling and tests. */
  readonly lifecycle: string;
  readonly speed: number;
  readonly reduceMotion: boolean;
  readonly ctx: ActionContext;
}

/** What every view needs: the walk, the machine's hop and playback, theme and motion. */
export function useRuntime(fullscreenTarget?: () => Element | null): Runtime {
  usePlaybackClock();
  const walk = useWalk();
  const rawIndex = usePacket(selectIndex);
  const playing = usePacket(selectPlaying);
  const lifecycle = usePacket(selectLifecycle);
  const { send } = usePacketApi();
  const store = useSettingsStore();
  const speed = useSettings((s) => s.speed);
  const reduceMotion = useReducedMotion();
  const ctx = useMemo(
    () => ({ send, store, ...(fullscreenTarget ? { fullscreenTarget } : {}) }),
    [send, store, fullscreenTarget],
  );
  return {
    walk,
    index: Math.min(rawIndex, walk.hops.length - 1),
    playing,
    lifecycle,
    speed,
    reduceMotion,
    ctx,
  };
}
