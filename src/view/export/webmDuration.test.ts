import { describe, expect, it } from 'vitest';
import { readDuration, readVint, sizeVint8, withDuration } from './webmDuration';

const bytes = (...parts: (number[] | string)[]): Uint8Array =>
  Uint8Array.from(
    parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)),
  );

/** A WebM as Chromium's MediaRecorder starts one: EBML header, a Segment of unknown size,
 * its Info without a Duration, then Tracks and a Cluster. */
function recorderLike(): Uint8Array {
  return bytes(
    [0x1a, 0x45, 0xdf, 0xa3, 0x84, 0x42, 0x82, 0x81, 0x77], // EBML { DocType-ish, 4 bytes }
    [0x18, 0x53, 0x80, 0x67, 0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff], // Segment, unknown
    [0x15, 0x49, 0xa9, 0x66, 0x90], // Info, 16 bytes
    [0x2a, 0xd7, 0xb1, 0x83, 0x0f, 0x42, 0x40], // TimecodeScale 1,000,000
    [0x4d, 0x80, 0x86],
    'Chrome', // MuxingApp
    [0x16, 0x54, 0xae, 0x6b, 0x82, 0xaa, 0xbb], // Tracks
    [0x1f, 0x43, 0xb6, 0x75, 0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xe7, 0x81, 0x00], // Cluster
  );
}

describe('WebM duration', () => {
  it('reads EBML variable-length integers, and knows an unknown size', () => {
    expect(readVint(bytes([0x82]), 0)).toEqual({ value: 2, length: 1, unknown: false });
    expect(readVint(bytes([0x40, 0x02]), 0)).toEqual({ value: 2, length: 2, unknown: false });
    expect(readVint(bytes([0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]), 0)?.unknown).toBe(
      true,
    );
    expect(readVint(sizeVint8(300), 0)).toEqual({ value: 300, length: 8, unknown: false });
  });

  it('writes the duration into a recording that has none', () => {
    const raw = recorderLike();
    expect(readDuration(raw)).toBeUndefined();
    const fixed = withDuration(raw, 3750);
    expect(readDuration(fixed)).toBeCloseTo(3750);
    // Everything after Info is the same bytes.
    const tail = raw.subarray(raw.length - 22);
    expect([...fixed.subarray(fixed.length - 22)]).toEqual([...tail]);
  });

  it('grows a Segment of known size by what it added', () => {
    const raw = recorderLike();
    raw.set([0x01, 0, 0, 0, 0, 0, 0, 21 + 7 + 15], 13); // Segment size: Info 21, Tracks 7, Cluster 15
    const fixed = withDuration(raw, 1000);
    expect(readVint(fixed, 13)?.value).toBe(raw.length - 21 + (fixed.length - raw.length));
    expect(readDuration(fixed)).toBeCloseTo(1000);
  });

  it('leaves a file that already has a duration, or is not WebM, as it was', () => {
    const once = withDuration(recorderLike(), 2000);
    expect(withDuration(once, 5000)).toBe(once);
    const junk = bytes('not a webm at all');
    expect(withDuration(junk, 1000)).toBe(junk);
  });
});
