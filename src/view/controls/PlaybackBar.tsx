import { useShallow } from 'zustand/react/shallow';
import { perform, type CommandContext } from '../../commands/commands';
import { overviewSteps, stepIndexOf, stepPositions, summarize } from '../../machine/steps';
import type { PortableWalk as Walk } from '../../model';
import { SPEEDS } from '../../store/urlState';
import { selectIndex, usePacket } from '../machine/packetHooks';
import { useSettings } from '../StoreContext';
import { ActionButton, PlayPauseButton } from './ActionButton';
import { CommandRadio } from './CommandRadio';
import { IconFirst, IconLast, IconNext, IconPrev } from './Icons';
import './playback-bar.css';

export interface PlaybackBarProps {
  readonly walk: Walk;
  readonly ctx: CommandContext;
  /** Embeds show the essentials only. */
  readonly compact?: boolean;
}

/**
 * Play/Pause, step buttons, a scrubber over the hops, speed and detail level: each performs a
 * registered command, and shows the command's state.
 */
export function PlaybackBar({ walk, ctx, compact = false }: PlaybackBarProps) {
  const index = usePacket(selectIndex);
  const { speed, detail } = useSettings(useShallow((s) => ({ speed: s.speed, detail: s.detail })));
  const summary = summarize(walk);
  const positions = stepPositions(summary, detail);
  const stepCount = overviewSteps(summary).length;
  const pos = Math.max(
    0,
    positions.findIndex((p) => p >= index),
  );
  const hop = walk.hops[index];
  return (
    <div className={`playback${compact ? ' compact' : ''}`} role="toolbar" aria-label="Playback">
      <div className="transport">
        <ActionButton name="first" ctx={ctx}>
          <IconFirst />
        </ActionButton>
        <ActionButton name="prev" ctx={ctx}>
          <IconPrev />
        </ActionButton>
        <PlayPauseButton ctx={ctx} className="play-btn primary" />
        <ActionButton name="next" ctx={ctx}>
          <IconNext />
        </ActionButton>
        <ActionButton name="last" ctx={ctx}>
          <IconLast />
        </ActionButton>
      </div>
      {/* The counter is the caption's (one counter on the page); the range moves along it. */}
      <div className="scrubber">
        <input
          type="range"
          min={0}
          max={Math.max(0, positions.length - 1)}
          step={1}
          value={pos}
          aria-label={detail === 'overview' ? 'Step' : 'Hop'}
          aria-valuetext={
            hop
              ? `Step ${stepIndexOf(summary, index) + 1} of ${stepCount}, hop ${index + 1} of ${walk.hops.length}: ${hop.title}`
              : ''
          }
          onChange={(e) => {
            const to = positions[Number(e.currentTarget.value)];
            if (to !== undefined) perform(ctx, 'goto', { index: to });
          }}
        />
      </div>
      {!compact && (
        <div className="playback-settings">
          <label className="speed">
            <span>Speed</span>
            <select
              value={String(speed)}
              onChange={(e) => perform(ctx, 'setSpeed', { speed: Number(e.currentTarget.value) })}
            >
              {(SPEEDS.includes(speed as (typeof SPEEDS)[number])
                ? SPEEDS
                : [...SPEEDS, speed].sort((a, b) => a - b)
              ).map((s) => (
                <option key={s} value={String(s)}>
                  {s}×
                </option>
              ))}
            </select>
          </label>
          <fieldset className="toggle-group detail-toggle">
            <legend className="visually-hidden">Detail level</legend>
            <div className="segmented">
              {(['overview', 'full'] as const).map((d) => (
                <CommandRadio
                  key={d}
                  ctx={ctx}
                  command="setDetail"
                  args={[{ detail: d }]}
                  id={`detail-${d}`}
                  group="detail"
                  title={
                    d === 'overview'
                      ? "Step through the article's nine steps"
                      : 'Step through every kernel decision'
                  }
                >
                  {d === 'overview' ? 'Overview' : 'Every hop'}
                </CommandRadio>
              ))}
            </div>
          </fieldset>
        </div>
      )}
    </div>
  );
}
