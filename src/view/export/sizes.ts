/**
 * The size maths of raster exports: the presets, a custom size kept within what a canvas and
 * a video encoder take, the figure fitted inside the frame without distortion, and how long
 * each hop stays on screen in a recording.
 */

export interface PixelSize {
  readonly width: number;
  readonly height: number;
}

export const SIZE_PRESETS: readonly (PixelSize & { readonly label: string })[] = [
  { width: 1920, height: 1080, label: '1920 × 1080 (Full HD slide)' },
  { width: 1280, height: 720, label: '1280 × 720 (HD slide)' },
  { width: 1080, height: 1080, label: '1080 × 1080 (square)' },
];

/** Smallest and largest edge: a canvas past 8K fails silently in some browsers. */
export const MIN_EDGE = 64;
export const MAX_EDGE = 7680;

/**
 * A size typed by a person, made usable: whole pixels within the limits; for video, even
 * numbers too (VP8 and VP9 encode 4:2:0 and want even edges). Nonsense falls back to `fallback`.
 */
export function clampSize(
  width: number,
  height: number,
  opts: { readonly even?: boolean; readonly fallback?: PixelSize } = {},
): PixelSize {
  const fallback = opts.fallback ?? SIZE_PRESETS[0]!;
  const one = (v: number, fb: number): number => {
    const n = Number.isFinite(v) && v > 0 ? Math.round(v) : fb;
    const c = Math.min(MAX_EDGE, Math.max(MIN_EDGE, n));
    return opts.even && c % 2 === 1 ? c - 1 : c;
  };
  return { width: one(width, fallback.width), height: one(height, fallback.height) };
}

export interface Placement {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly scale: number;
}

/**
 * Where a figure of `source` size goes in a frame of `target` size: as large as fits, its
 * aspect ratio kept, centred (the rest of the frame is the theme's background).
 */
export function fitContain(source: PixelSize, target: PixelSize, margin = 0): Placement {
  const room = { width: target.width - 2 * margin, height: target.height - 2 * margin };
  const scale = Math.max(0, Math.min(room.width / source.width, room.height / source.height));
  const width = source.width * scale;
  const height = source.height * scale;
  return {
    x: (target.width - width) / 2,
    y: (target.height - height) / 2,
    width,
    height,
    scale,
  };
}

/** Milliseconds a step stays on screen at 1×: the app's own playback pace (STEP_MS). */
export const RECORD_STEP_MS = 1500;
/** Of each step, the part spent fading from the previous one. */
export const FADE_SHARE = 0.2;

export interface FrameTiming {
  /** When the step starts, from the start of the recording (ms). */
  readonly start: number;
  /** How long it is shown, fade included (ms). */
  readonly duration: number;
  /** How long the fade in from the previous step lasts (ms; 0 for the first). */
  readonly fade: number;
}

/** The schedule of a recording of `steps` steps at `speed` (0.25–4). The last is held twice as long. */
export function frameSchedule(
  steps: number,
  speed: number,
  stepMs = RECORD_STEP_MS,
): FrameTiming[] {
  const s = Number.isFinite(speed) && speed > 0 ? speed : 1;
  const each = stepMs / s;
  const out: FrameTiming[] = [];
  let start = 0;
  for (let i = 0; i < steps; i++) {
    const duration = i === steps - 1 ? each * 2 : each;
    out.push({ start, duration, fade: i === 0 ? 0 : each * FADE_SHARE });
    start += duration;
  }
  return out;
}

/** The whole recording's length (ms). */
export function scheduleLength(schedule: readonly FrameTiming[]): number {
  const last = schedule[schedule.length - 1];
  return last ? last.start + last.duration : 0;
}
