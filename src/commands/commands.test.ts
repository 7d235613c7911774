import { afterEach, describe, expect, it } from 'vitest';
import { openingIndex, overviewSteps, stepPositions, summarize } from '../machine/steps';
import { readFileSync } from 'node:fs';
import { createPacketSession } from '../machine/packetSession';
import { portableWalk } from '../model/portable';
import { readClusterSpec } from '../model/spec/read';
import { walkSpec } from '../model/specCluster';
import { DEFAULT_SCENARIO, walkScenario } from '../model';
import { createSettingsStore } from '../store/settings';
import { DEFAULT_URL_STATE } from '../store/urlState';
import { commandState, perform, run, type CommandContext } from './commands';

const sessions: Array<() => void> = [];
afterEach(() => {
  for (const stop of sessions.splice(0)) stop();
});

function page(hop?: number): CommandContext & { index: () => number; last: number } {
  const store = createSettingsStore(DEFAULT_URL_STATE, []);
  const session = createPacketSession({ hop, detail: () => store.getState().detail });
  const walk = walkScenario(DEFAULT_SCENARIO);
  session.show(walk);
  sessions.push(() => session.stop());
  return {
    session,
    store,
    index: () => session.snapshot()!.context.index,
    last: walk.hops.length - 1,
  };
}

describe('the registered commands', () => {
  it('disable Previous and First at the first hop, Next and Last at the last', () => {
    const ctx = page();
    expect(commandState(ctx, 'prev').enabled).toBe(false);
    expect(commandState(ctx, 'first').enabled).toBe(false);
    expect(commandState(ctx, 'next').enabled).toBe(true);
    perform(ctx, 'last');
    expect(ctx.index()).toBe(ctx.last);
    expect(commandState(ctx, 'next').enabled).toBe(false);
    expect(commandState(ctx, 'last').enabled).toBe(false);
    expect(commandState(ctx, 'prev').enabled).toBe(true);
  });

  it('show a blacked-out screen again on Next, Previous, First, Last or Play, without moving', () => {
    const ctx = page();
    perform(ctx, 'next');
    const at = ctx.index();
    for (const name of ['next', 'prev', 'first', 'last', 'toggle'] as const) {
      perform(ctx, 'blackout');
      expect(ctx.store.getState().blackout, name).toBe(true);
      perform(ctx, name);
      expect(ctx.store.getState().blackout, name).toBe(false);
      expect(ctx.index(), name).toBe(at);
      expect(ctx.session.playing(), name).toBe(false);
    }
    // At the last hop Next cannot move, but still shows the screen.
    perform(ctx, 'last');
    perform(ctx, 'blackout');
    expect(commandState(ctx, 'next').enabled).toBe(true);
    perform(ctx, 'next');
    expect(ctx.store.getState().blackout).toBe(false);
    expect(commandState(ctx, 'next').enabled).toBe(false);
  });

  it('press Play (and name it Pause) while playing', () => {
    const ctx = page();
    expect(commandState(ctx, 'toggle')).toMatchObject({ label: 'Play', pressed: false });
    perform(ctx, 'toggle');
    expect(commandState(ctx, 'toggle')).toMatchObject({ label: 'Pause', pressed: true });
    expect(commandState(ctx, 'play').pressed).toBe(true);
    run(ctx, { name: 'pause', args: [] });
    expect(commandState(ctx, 'toggle')).toMatchObject({ label: 'Play', pressed: false });
  });

  it("step by the store's detail level: the article's steps at overview, every hop at full", () => {
    const ctx = page();
    const overview = stepPositions(summarize(walkScenario(DEFAULT_SCENARIO)), 'overview');
    // The walk opens where step 1 ends; Next finishes step 2.
    expect(ctx.index()).toBe(overview[0]);
    perform(ctx, 'next');
    expect(ctx.index()).toBe(overview[1]);
    perform(ctx, 'setDetail', { detail: 'full' });
    expect(commandState(ctx, 'setDetail', { detail: 'full' }).checked).toBe(true);
    perform(ctx, 'next');
    expect(ctx.index()).toBe(overview[1]! + 1);
  });

  it('keep the step, not the hop number, when the mode changes under the reader', () => {
    for (const detail of ['overview', 'full'] as const) {
      const ctx = page();
      perform(ctx, 'setDetail', { detail });
      const from = summarize(walkScenario(DEFAULT_SCENARIO));
      // The hop where the GENEVE tunnel takes the packet: a step both modes have by name.
      const at = overviewSteps(from).find((s) => s.group === 'to-ztunnel')!;
      perform(ctx, 'goto', { index: at.last });
      perform(ctx, 'setKnob', { knob: 'redirect', value: 'ebpf' });
      const ebpf = walkScenario(ctx.store.getState().scenario);
      ctx.session.show(ebpf);
      const to = overviewSteps(summarize(ebpf)).find((s) => s.group === 'to-ztunnel')!;
      expect(ebpf.hops[ctx.index()]!.group, detail).toBe('to-ztunnel');
      expect(ctx.index(), detail).toBe(
        detail === 'overview' ? to.last : Math.min(to.last, to.first + at.last - at.first),
      );
    }
  });

  it('keep the hop and keep playing when the same walk arrives fuller (its details loaded)', () => {
    const ctx = page();
    perform(ctx, 'goto', { index: 7 });
    perform(ctx, 'play');
    ctx.session.show(walkScenario(DEFAULT_SCENARIO));
    expect(ctx.index()).toBe(7);
    expect(ctx.session.playing()).toBe(true);
  });

  it('choose in-pod redirection at its default release, and keep a release it is walked at', () => {
    const ctx = page();
    const inpod = { knob: 'redirect', value: 'inpod' } as const;
    expect(commandState(ctx, 'setKnob', inpod)).toMatchObject({ enabled: true, checked: false });
    perform(ctx, 'setKnob', inpod);
    expect(ctx.store.getState().scenario).toMatchObject({ redirect: 'inpod', istio: '1.30' });
    expect(commandState(ctx, 'setKnob', { knob: 'istio', value: '1.18' }).enabled).toBe(false);
    perform(ctx, 'setKnob', { knob: 'istio', value: '1.21' });
    expect(ctx.store.getState().scenario.istio).toBe('1.21');
    perform(ctx, 'setKnob', { knob: 'redirect', value: 'ebpf' });
    expect(ctx.store.getState().scenario).toMatchObject({ redirect: 'ebpf', istio: '1.20' });
  });

  it('go to a hop, clamped to the walk, and check it', () => {
    const ctx = page();
    perform(ctx, 'goto', { index: 7 });
    expect(ctx.index()).toBe(7);
    expect(commandState(ctx, 'goto', { index: 7 }).checked).toBe(true);
    perform(ctx, 'goto', { index: 10_000 });
    expect(ctx.index()).toBe(ctx.last);
  });

  it('disable Slower at the slowest speed and Faster at the fastest', () => {
    const ctx = page();
    perform(ctx, 'setSpeed', { speed: 0.25 });
    expect(commandState(ctx, 'slower').enabled).toBe(false);
    perform(ctx, 'faster');
    expect(ctx.store.getState().speed).toBe(0.5);
    perform(ctx, 'setSpeed', { speed: 4 });
    expect(commandState(ctx, 'faster').enabled).toBe(false);
  });

  it('reset to the default walk where it opens, paused, keeping embed and present', () => {
    const ctx = page(9);
    ctx.store.setState({ embed: true });
    perform(ctx, 'setKnob', { knob: 'waypoint', value: 'httpbin' });
    perform(ctx, 'setDetail', { detail: 'full' });
    ctx.session.show(walkScenario(ctx.store.getState().scenario));
    perform(ctx, 'play');
    perform(ctx, 'reset');
    expect(ctx.store.getState()).toMatchObject({
      scenario: DEFAULT_SCENARIO,
      detail: 'overview',
      embed: true,
    });
    // The default walk opens where overview's step 1 ends; until it has loaded, the page says
    // it is going to the opening (which the address leaves out).
    const opening = openingIndex(summarize(walkScenario(DEFAULT_SCENARIO)), 'overview');
    expect(ctx.session.hop()).toBe(ctx.session.opening());
    ctx.session.show(walkScenario(DEFAULT_SCENARIO));
    expect(ctx.index()).toBe(opening);
    expect(ctx.session.opening()).toBe(opening);
    expect(ctx.session.playing()).toBe(false);
  });

  it('set a theme alone: the store takes it, and the walk and the hop stay', () => {
    const ctx = page(6);
    run(ctx, { name: 'set', args: [{ theme: 'dark' }] });
    expect(ctx.store.getState().theme).toBe('dark');
    expect(ctx.index()).toBe(6);
    run(ctx, { name: 'set', args: [{ theme: 'auto', scenario: { waypoint: 'httpbin' } }] });
    expect(ctx.store.getState()).toMatchObject({
      theme: 'auto',
      scenario: { waypoint: 'httpbin' },
    });
  });
});

describe('commands while a cluster of one’s own is walked', () => {
  const bookinfo = readClusterSpec(
    readFileSync(new URL('../../public/clusters/bookinfo.json', import.meta.url), 'utf8'),
  ).spec!;
  const REF = 'clusters/bookinfo.json';
  const fileWalk = { ...portableWalk(walkSpec(bookinfo).walk!), origin: REF };

  function clusterPage(): CommandContext & { index: () => number } {
    const store = createSettingsStore({ ...DEFAULT_URL_STATE, detail: 'full', cluster: REF }, []);
    const session = createPacketSession({ detail: () => store.getState().detail });
    session.show(fileWalk);
    sessions.push(() => session.stop());
    return { session, store, index: () => session.snapshot()!.context.index };
  }

  it('moves the packet on the file’s walk at once when a hop is set', () => {
    const ctx = clusterPage();
    perform(ctx, 'set', { hop: 20 });
    expect(ctx.index()).toBe(20);
    expect(ctx.session.hop()).toBe(20);
    expect(ctx.session.walk()).toBe(fileWalk);
  });

  it('leaves the file’s walk where it is when a knob is set (it applies once the cluster closes)', () => {
    const ctx = clusterPage();
    perform(ctx, 'goto', { index: 12 });
    perform(ctx, 'setKnob', { knob: 'redirect', value: 'ebpf' });
    expect(ctx.store.getState().scenario.redirect).toBe('ebpf');
    expect(ctx.store.getState().cluster).toBe(REF);
    expect(ctx.index()).toBe(12);
    expect(ctx.session.hop()).toBe(12);
  });

  it('Close cluster clears the cluster and opens the knobs’ walk at its opening', () => {
    const ctx = clusterPage();
    perform(ctx, 'goto', { index: 12 });
    expect(commandState(ctx, 'closeCluster').enabled).toBe(true);
    perform(ctx, 'closeCluster');
    expect(ctx.store.getState().cluster).toBeUndefined();
    expect(commandState(ctx, 'closeCluster').enabled).toBe(false);
    // The knobs' walk with the very knobs the file amounts to is another walk.
    const knobs = portableWalk(walkScenario(fileWalk.scenario));
    ctx.session.show(knobs);
    expect(ctx.session.walk()).toBe(knobs);
    expect(ctx.index()).toBe(ctx.session.opening());
  });

  it('Reset leaves the cluster for the default walk', () => {
    const ctx = clusterPage();
    perform(ctx, 'reset');
    expect(ctx.store.getState().cluster).toBeUndefined();
  });
});
