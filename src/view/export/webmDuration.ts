/**
 * Chromium's MediaRecorder writes a WebM that does not say how long it is (it streams, so the
 * length is unknown when the header goes out): a <video> reports an infinite duration, cannot
 * show a seek bar, and slide tools refuse the file. This writes the duration into the file's
 * Segment Info, which is what a muxer that knew the length would have written.
 *
 * EBML in brief: an element is an ID (a variable-length integer, marker bits kept), a size (a
 * variable-length integer, marker bit dropped; all ones means "unknown") and its data.
 */

const EBML_ID = 0x1a45dfa3;
const SEGMENT_ID = 0x18538067;
const INFO_ID = 0x1549a966;
const DURATION_ID = 0x4489;
const TIMECODE_SCALE_ID = 0x2ad7b1;

interface Vint {
  readonly value: number;
  readonly length: number;
  /** All value bits set: an unknown size. */
  readonly unknown: boolean;
}

/** Reads a variable-length integer; `keepMarker` for IDs. */
export function readVint(bytes: Uint8Array, at: number, keepMarker = false): Vint | undefined {
  const first = bytes[at];
  if (first === undefined || first === 0) return undefined;
  const length = Math.clz32(first) - 23;
  if (length < 1 || length > 8 || at + length > bytes.length) return undefined;
  let value = keepMarker ? first : first & (0xff >> length);
  let allOnes = value === 0xff >> length;
  for (let i = 1; i < length; i++) {
    const b = bytes[at + i]!;
    value = value * 256 + b;
    if (b !== 0xff) allOnes = false;
  }
  return { value, length, unknown: !keepMarker && allOnes };
}

/** An element size as an 8-byte variable-length integer (room for any size a file has). */
export function sizeVint8(size: number): Uint8Array {
  const out = new Uint8Array(8);
  let v = size;
  for (let i = 7; i >= 1; i--) {
    out[i] = v % 256;
    v = Math.floor(v / 256);
  }
  out[0] = 0x01;
  return out;
}

function idBytes(id: number): Uint8Array {
  const out: number[] = [];
  for (let v = id; v > 0; v = Math.floor(v / 256)) out.unshift(v % 256);
  return Uint8Array.from(out);
}

interface Element {
  readonly id: number;
  readonly start: number;
  readonly headerLength: number;
  readonly size: Vint;
}

function readElement(bytes: Uint8Array, at: number): Element | undefined {
  const id = readVint(bytes, at, true);
  if (!id) return undefined;
  const size = readVint(bytes, at + id.length);
  if (!size) return undefined;
  return { id: id.value, start: at, headerLength: id.length + size.length, size };
}

const concat = (parts: readonly Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

/** Reads an unsigned integer element's data. */
function readUint(bytes: Uint8Array, at: number, length: number): number {
  let v = 0;
  for (let i = 0; i < length; i++) v = v * 256 + bytes[at + i]!;
  return v;
}

/**
 * The file with its duration written in (milliseconds; converted to the file's timecode
 * scale). A file that already has one, or that is not a WebM this understands, comes back as
 * it was: the duration is a nicety, never a reason to lose a recording.
 */
export function withDuration(bytes: Uint8Array, durationMs: number): Uint8Array {
  const ebml = readElement(bytes, 0);
  if (!ebml || ebml.id !== EBML_ID || ebml.size.unknown) return bytes;
  const segAt = ebml.start + ebml.headerLength + ebml.size.value;
  const segment = readElement(bytes, segAt);
  if (!segment || segment.id !== SEGMENT_ID) return bytes;
  const segData = segAt + segment.headerLength;
  // Info is one of the Segment's first children (after a SeekHead, if any).
  let at = segData;
  for (let guard = 0; guard < 16 && at < bytes.length; guard++) {
    const child = readElement(bytes, at);
    if (!child || child.size.unknown) return bytes;
    if (child.id === INFO_ID) return patchInfo(bytes, segment, segAt, child, durationMs);
    at = child.start + child.headerLength + child.size.value;
  }
  return bytes;
}

function patchInfo(
  bytes: Uint8Array,
  segment: Element,
  segAt: number,
  info: Element,
  durationMs: number,
): Uint8Array {
  const dataStart = info.start + info.headerLength;
  const dataEnd = dataStart + info.size.value;
  let scale = 1_000_000;
  for (let at = dataStart; at < dataEnd;) {
    const e = readElement(bytes, at);
    if (!e) return bytes;
    if (e.id === DURATION_ID) return bytes;
    if (e.id === TIMECODE_SCALE_ID) scale = readUint(bytes, at + e.headerLength, e.size.value);
    at = e.start + e.headerLength + e.size.value;
  }
  const duration = new Uint8Array(11);
  duration.set(idBytes(DURATION_ID), 0);
  duration[2] = 0x88; // size 8
  new DataView(duration.buffer).setFloat64(3, (durationMs * 1_000_000) / scale);
  const infoData = concat([bytes.subarray(dataStart, dataEnd), duration]);
  const infoHeader = concat([idBytes(INFO_ID), sizeVint8(infoData.length)]);
  const grown = infoHeader.length + infoData.length - (dataEnd - info.start);
  let segHeader = bytes.subarray(segAt, segAt + segment.headerLength);
  if (!segment.size.unknown)
    segHeader = concat([idBytes(SEGMENT_ID), sizeVint8(segment.size.value + grown)]);
  return concat([
    bytes.subarray(0, segAt),
    segHeader,
    bytes.subarray(segAt + segment.headerLength, info.start),
    infoHeader,
    infoData,
    bytes.subarray(dataEnd),
  ]);
}

/** The duration a file says it has (ms), if it says (for tests and for checking a patch). */
export function readDuration(bytes: Uint8Array): number | undefined {
  const ebml = readElement(bytes, 0);
  if (!ebml || ebml.id !== EBML_ID) return undefined;
  const segAt = ebml.start + ebml.headerLength + ebml.size.value;
  const segment = readElement(bytes, segAt);
  if (!segment || segment.id !== SEGMENT_ID) return undefined;
  for (let at = segAt + segment.headerLength, guard = 0; guard < 16; guard++) {
    const child = readElement(bytes, at);
    if (!child || child.size.unknown) return undefined;
    if (child.id === INFO_ID) {
      const end = child.start + child.headerLength + child.size.value;
      let scale = 1_000_000;
      let raw: number | undefined;
      for (let p = child.start + child.headerLength; p < end;) {
        const e = readElement(bytes, p);
        if (!e) return undefined;
        const data = p + e.headerLength;
        if (e.id === TIMECODE_SCALE_ID) scale = readUint(bytes, data, e.size.value);
        if (e.id === DURATION_ID)
          raw =
            e.size.value === 8
              ? new DataView(bytes.buffer, bytes.byteOffset + data, 8).getFloat64(0)
              : new DataView(bytes.buffer, bytes.byteOffset + data, 4).getFloat32(0);
        p = data + e.size.value;
      }
      return raw === undefined ? undefined : (raw * scale) / 1_000_000;
    }
    at = child.start + child.headerLength + child.size.value;
  }
  return undefined;
}
