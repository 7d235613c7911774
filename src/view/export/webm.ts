/**
 * The walk as a WebM video: each step's figure drawn on a canvas in turn, faded in from the
 * previous one, held for as long as playback at the chosen speed would, and recorded with
 * MediaRecorder from the canvas's stream. It records in real time (a 9-step overview at 1× is
 * about 15 s); the file then gets its duration written in (webmDuration.ts).
 */
import { drawFitted, loadSvgImage } from './raster';
import { frameSchedule, scheduleLength, type PixelSize } from './sizes';
import { withDuration } from './webmDuration';

/** Frames per second of the canvas stream: the fades are smooth and the file stays small. */
const FPS = 30;

/** The first recording type this browser has, best first; undefined when none. */
export function pickWebmType(isSupported: (type: string) => boolean): string | undefined {
  return ['video/webm;codecs=vp9', 'video/webm;codecs=vp8', 'video/webm'].find((t) => {
    try {
      return isSupported(t);
    } catch {
      return false;
    }
  });
}

/** Why this browser cannot record, in words for the reader; undefined when it can. */
export function recordingUnavailable(): string | undefined {
  if (typeof MediaRecorder === 'undefined')
    return 'This browser cannot record video (it has no MediaRecorder). SVG, PNG and the handout still work.';
  if (typeof HTMLCanvasElement.prototype.captureStream !== 'function')
    return 'This browser cannot record a canvas (no captureStream). SVG, PNG and the handout still work.';
  if (!pickWebmType((t) => MediaRecorder.isTypeSupported(t)))
    return 'This browser cannot write WebM video. SVG, PNG and the handout still work.';
  return undefined;
}

export interface RecordOptions {
  /** Each step's figure, in order. */
  readonly frames: readonly string[];
  readonly source: PixelSize;
  readonly size: PixelSize;
  readonly speed: number;
  readonly background: string;
  readonly signal?: AbortSignal;
  readonly onProgress?: (step: number, steps: number) => void;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function recordWebm(o: RecordOptions): Promise<Blob> {
  const why = recordingUnavailable();
  if (why) throw new Error(why);
  const images = await Promise.all(o.frames.map(loadSvgImage));
  const canvas = document.createElement('canvas');
  canvas.width = o.size.width;
  canvas.height = o.size.height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('This browser has no 2D canvas to record on.');
  drawFitted(ctx, images[0]!, o.source, o.size, o.background);
  const stream = canvas.captureStream(FPS);
  const mimeType = pickWebmType((t) => MediaRecorder.isTypeSupported(t))!;
  const recorder = new MediaRecorder(stream, { mimeType, videoBitsPerSecond: 4_000_000 });
  const chunks: Blob[] = [];
  recorder.ondataavailable = (e) => {
    if (e.data.size > 0) chunks.push(e.data);
  };
  const stopped = new Promise<void>((resolve, reject) => {
    recorder.onstop = () => resolve();
    recorder.onerror = () => reject(new Error('The recording failed in the browser.'));
  });
  const schedule = frameSchedule(images.length, o.speed);
  const total = scheduleLength(schedule);
  recorder.start(500);
  const t0 = performance.now();
  try {
    for (;;) {
      if (o.signal?.aborted) throw new DOMException('The recording was cancelled.', 'AbortError');
      const t = performance.now() - t0;
      if (t >= total) break;
      let i = schedule.findIndex((f) => t < f.start + f.duration);
      if (i < 0) i = schedule.length - 1;
      const f = schedule[i]!;
      const into = t - f.start;
      o.onProgress?.(i + 1, schedule.length);
      if (f.fade > 0 && into < f.fade) {
        drawFitted(ctx, images[i - 1]!, o.source, o.size, o.background);
        drawFitted(ctx, images[i]!, o.source, o.size, o.background, into / f.fade);
      } else drawFitted(ctx, images[i]!, o.source, o.size, o.background);
      // Timers, not animation frames: a recording in a background tab keeps going (slower).
      await sleep(1000 / FPS);
    }
  } finally {
    if (recorder.state !== 'inactive') recorder.stop();
    for (const track of stream.getTracks()) track.stop();
  }
  await stopped;
  const raw = new Uint8Array(await new Blob(chunks).arrayBuffer());
  return new Blob([withDuration(raw, performance.now() - t0) as Uint8Array<ArrayBuffer>], {
    type: 'video/webm',
  });
}
