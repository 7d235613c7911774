import { useMemo } from 'react';
import type { PortableWalk as Walk } from '../../model';
import type { CommandContext } from '../../commands/commands';
import {
  selectIndex,
  selectLifecycle,
  selectPlaying,
  usePacket,
  usePacketSession,
} from '../machine/packetHooks';
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
  /** What every command acts on: the hop's owner and the settings' owner. */
  readonly ctx: CommandContext;
}

/** What every view needs: the walk, the machine's hop and playback, theme and motion. */
export function useRuntime(fullscreenTarget?: () => Element | null): Runtime {
  usePlaybackClock();
  const walk = useWalk();
  const rawIndex = usePacket(selectIndex);
  const playing = usePacket(selectPlaying);
  const lifecycle = usePacket(selectLifecycle);
  const session = usePacketSession();
  const store = useSettingsStore();
  const speed = useSettings((s) => s.speed);
  const reduceMotion = useReducedMotion();
  const ctx = useMemo<CommandContext>(
    () => ({ session, store, ...(fullscreenTarget ? { fullscreenTarget } : {}) }),
    [session, store, fullscreenTarget],
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
