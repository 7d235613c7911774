import { describe, expect, it } from 'vitest';
import { columnScale } from './DiagramFrame';
import { FRAME } from './dimensions';

describe('columnScale', () => {
  it('keeps the room set at its size where it was set for, and wider', () => {
    expect(columnScale(FRAME.roomWidth)).toBe(1);
    expect(columnScale(1920)).toBe(1);
    expect(columnScale(0)).toBe(1);
  });

  it('sets it larger, in quarter steps, as the frame narrows, up to half again', () => {
    expect(columnScale(700)).toBe(1.25);
    expect(columnScale(FRAME.roomWidth / 1.5)).toBe(1.5);
    expect(columnScale(320)).toBe(1.5);
    const steps = [860, 800, 740, 700, 650, 600].map(columnScale);
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
  });
});
