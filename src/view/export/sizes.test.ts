import { describe, expect, it } from 'vitest';
import { clampSize, fitContain, frameSchedule, MAX_EDGE, MIN_EDGE, scheduleLength } from './sizes';

describe('export size maths', () => {
  it('keeps a custom size whole and within the canvas limits', () => {
    expect(clampSize(1600.4, 900.6)).toEqual({ width: 1600, height: 901 });
    expect(clampSize(99999, 3)).toEqual({ width: MAX_EDGE, height: MIN_EDGE });
    expect(clampSize(Number.NaN, -5)).toEqual({ width: 1920, height: 1080 });
  });

  it('makes video edges even', () => {
    expect(clampSize(1281, 721, { even: true })).toEqual({ width: 1280, height: 720 });
  });

  it('fits a wide figure into a 16:9 frame, centred, without distortion', () => {
    const p = fitContain({ width: 1000, height: 800 }, { width: 1920, height: 1080 });
    expect(p.scale).toBeCloseTo(1.35);
    expect(p.height).toBeCloseTo(1080);
    expect(p.width).toBeCloseTo(1350);
    expect(p.x).toBeCloseTo(285);
    expect(p.y).toBeCloseTo(0);
    expect(p.width / p.height).toBeCloseTo(1000 / 800);
  });

  it('paces a recording like playback: 1.5 s a step at 1×, faster at 4×, the last held twice', () => {
    const s = frameSchedule(3, 1);
    expect(s.map((f) => f.start)).toEqual([0, 1500, 3000]);
    expect(s[0]!.fade).toBe(0);
    expect(s[1]!.fade).toBe(300);
    expect(scheduleLength(s)).toBe(6000);
    expect(scheduleLength(frameSchedule(9, 4))).toBe(3750);
    expect(scheduleLength(frameSchedule(0, 1))).toBe(0);
  });
});
