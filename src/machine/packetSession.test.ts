/**
 * The session tells a file's walk from the knobs' walk that amounts to the same knobs: opening
 * a cluster loads its walk at its opening, and closing it brings the knobs' walk back at its
 * own; a fuller copy of the walk shown keeps the packet where it is.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { portableWalk, walkKey } from '../model/portable';
import { readClusterSpec } from '../model/spec/read';
import { walkSpec } from '../model/specCluster';
import { walkScenario } from '../model/walk';
import { createPacketSession, type PacketSession } from './packetSession';

const bookinfo = readClusterSpec(
  readFileSync(new URL('../../public/clusters/bookinfo.json', import.meta.url), 'utf8'),
).spec!;
const REF = 'clusters/bookinfo.json';
const fileWalk = { ...portableWalk(walkSpec(bookinfo).walk!), origin: REF };
// The knobs' walk with the very knobs the file amounts to.
const knobWalk = portableWalk(walkScenario(fileWalk.scenario));

const sessions: PacketSession[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.stop();
});
function session(): PacketSession {
  const s = createPacketSession({ detail: () => 'full' });
  sessions.push(s);
  return s;
}
const at = (s: PacketSession): number => s.snapshot()!.context.index;

describe('walkKey', () => {
  it('tells a file’s walk from the knobs’ walk with the same knobs', () => {
    expect(walkKey(fileWalk)).not.toBe(walkKey(knobWalk));
    expect(walkKey({ scenario: knobWalk.scenario })).toBe(walkKey(knobWalk));
  });

  it('is the same for the same file walked again, and differs between files', () => {
    expect(walkKey({ ...fileWalk })).toBe(walkKey(fileWalk));
    expect(walkKey({ ...fileWalk, origin: 'saved:bookinfo' })).not.toBe(walkKey(fileWalk));
  });
});

describe('the session and a cluster of one’s own', () => {
  it('loads the file’s walk after the knobs’ walk with equal knobs, at its opening', () => {
    const s = session();
    s.show(knobWalk);
    const opening = s.opening();
    s.send({ type: 'SEEK', index: opening + 4 });
    expect(at(s)).toBe(opening + 4);
    s.show(fileWalk);
    expect(s.walk()).toBe(fileWalk);
    expect(at(s)).toBe(s.opening());
    // The machine has the file's walk (the hops differ: the file's cluster has a waypoint).
    expect(s.snapshot()!.context.walk.stages).toEqual(fileWalk.hops.map((h) => h.stage));
    expect(fileWalk.hops.map((h) => h.stage)).not.toEqual(knobWalk.hops.map((h) => h.stage));
  });

  it('returns to the knobs’ walk at its opening when the cluster closes', () => {
    const s = session();
    s.show(knobWalk);
    s.show(fileWalk);
    s.send({ type: 'SEEK', index: 7 });
    s.show(knobWalk);
    expect(s.walk()).toBe(knobWalk);
    expect(at(s)).toBe(s.opening());
  });

  it('loads the same file walked again (saved again under its name) at the hop asked for', () => {
    const s = session();
    s.show(fileWalk);
    s.send({ type: 'SEEK', index: 9 });
    const again = { ...fileWalk };
    s.openNextWalkAt('opening');
    s.show(again);
    expect(s.walk()).toBe(again);
    expect(at(s)).toBe(s.opening());
    expect(s.hop()).toBe(s.opening());
  });

  it('keeps the packet where it is when the knobs’ walk comes again, fuller', () => {
    const s = session();
    s.show(knobWalk);
    s.send({ type: 'SEEK', index: 9 });
    const fuller = { ...knobWalk };
    s.show(fuller);
    expect(s.walk()).toBe(fuller);
    expect(at(s)).toBe(9);
  });
});
