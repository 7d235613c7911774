import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO, SCENARIO_KNOBS } from '../model';
import {
  AVAILABLE_REDIRECTS,
  DEFAULT_URL_STATE,
  parseUrlState,
  serializeUrlState,
  type UrlState,
} from './urlState';

describe('URL state', () => {
  it('reads the scenario knobs by their public names', () => {
    const { state, notices } = parseUrlState(
      '?redirect=ebpf&waypoint=httpbin&placement=same-node&dns=on&policy=deny-l7&source=outside',
    );
    expect(notices).toEqual([]);
    expect(state.scenario).toEqual({
      redirect: 'ebpf',
      istio: '1.20',
      waypoint: 'httpbin',
      placement: 'same-node',
      dns: 'on',
      policy: 'deny-l7',
      source: 'outside',
      firewall: 'iptables',
    });
  });

  it('round-trips every parameter', () => {
    const full: UrlState = {
      scenario: {
        redirect: 'ebpf',
        istio: '1.20',
        waypoint: 'both',
        placement: 'same-node',
        dns: 'on',
        policy: 'deny-l4',
        source: 'outside',
        firewall: 'iptables',
      },
      hop: 11,
      autoplay: true,
      speed: 2,
      theme: 'dark',
      motion: 'reduce',
      detail: 'full',
      embed: true,
      present: true,
      scale: 1.5,
      panel: 'config',
      parentOrigin: 'https://blog.example.org',
      compare: [{ redirect: 'iptables', istio: '1.20' }, { redirect: 'ebpf' }],
      predict: true,
      cluster: 'saved:bookinfo prod',
    };
    const search = serializeUrlState(full);
    expect(search).toBe(
      '?redirect=ebpf&waypoint=both&placement=same-node&dns=on&policy=deny-l4&source=outside&hop=12&detail=full&speed=2&theme=dark&motion=reduce&autoplay=1&embed=1&present=1&scale=1.5&panel=config&compare=iptables_1.20,ebpf&predict=1&parentOrigin=https%3A%2F%2Fblog.example.org&cluster=saved%3Abookinfo+prod',
    );
    expect(parseUrlState(search)).toEqual({ state: full, notices: [] });
  });

  it('reads the release: a mode without `istio` takes its own default (iptables 1.18, eBPF 1.20)', () => {
    expect(parseUrlState('?istio=1.19').state.scenario).toMatchObject({
      redirect: 'iptables',
      istio: '1.19',
    });
    expect(parseUrlState('').state.scenario.istio).toBe('1.18');
    expect(parseUrlState('?redirect=ebpf').state.scenario.istio).toBe('1.20');
    expect(serializeUrlState(parseUrlState('?redirect=ebpf').state)).toBe('?redirect=ebpf');
    expect(serializeUrlState(parseUrlState('?istio=1.20').state)).toBe('?istio=1.20');
  });

  it("falls back to the mode's release, with a notice naming `istio`, when the pair does not fit", () => {
    const { state, notices } = parseUrlState('?redirect=ebpf&istio=1.18');
    expect(state.scenario).toMatchObject({ redirect: 'ebpf', istio: '1.20' });
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ param: 'istio' });
    expect(notices[0]?.message).toMatch(/istio=1\.18.*redirect=ebpf.*Istio 1\.20/);
  });

  it('names `istio` when its value is not a release', () => {
    const { state, notices } = parseUrlState('?istio=1.99');
    expect(state.scenario.istio).toBe('1.18');
    expect(notices[0]).toMatchObject({ param: 'istio' });
  });

  it('writes nothing for the defaults', () => {
    expect(serializeUrlState(DEFAULT_URL_STATE)).toBe('');
    expect(parseUrlState('').state).toEqual(DEFAULT_URL_STATE);
  });

  it.each([
    ['?redirect=bpf', 'redirect', 'iptables'],
    ['?waypoint=', 'waypoint', 'none'],
    ['?placement=SAME-NODE', 'placement', 'cross-node'],
  ])('names the parameter and falls back to its default for %s', (search, param, fallback) => {
    const { state, notices } = parseUrlState(search);
    expect(notices.map((n) => n.param)).toEqual([param]);
    expect(notices[0]?.message).toContain(param);
    expect(state.scenario[param as keyof typeof state.scenario]).toBe(fallback);
  });

  it('opens in-pod redirection at its newest release, with that release’s DNS capture default', () => {
    const { state, notices } = parseUrlState('?redirect=inpod');
    expect(notices).toEqual([]);
    expect(state.scenario).toMatchObject({ redirect: 'inpod', istio: '1.30', dns: 'on' });
    expect(serializeUrlState(state)).toBe('?redirect=inpod');
  });

  it('opens in-pod at 1.21 with DNS capture off (the chart default through 1.24)', () => {
    const { state, notices } = parseUrlState('?redirect=inpod&istio=1.21');
    expect(notices).toEqual([]);
    expect(state.scenario).toMatchObject({ redirect: 'inpod', istio: '1.21', dns: 'off' });
    expect(serializeUrlState(state)).toBe('?redirect=inpod&istio=1.21');
    const off = parseUrlState('?redirect=inpod&dns=off').state;
    expect(off.scenario.dns).toBe('off');
    expect(serializeUrlState(off)).toBe('?redirect=inpod&dns=off');
  });

  it('falls back to iptables, with a notice, for a pod firewall the walk cannot evaluate', () => {
    const { state, notices } = parseUrlState('?redirect=iptables&firewall=nftables');
    expect(state.scenario.firewall).toBe('iptables');
    expect(notices.map((n) => n.param)).toEqual(['firewall']);
  });

  it.each(['?hop=0', '?hop=-3', '?hop=abc', '?hop=1e3', '?hop=2.5'])(
    'rejects a malformed hop (%s)',
    (search) => {
      const { state, notices } = parseUrlState(search);
      expect(state.hop).toBeUndefined();
      expect(notices[0]?.param).toBe('hop');
    },
  );

  it.each(['?speed=0', '?speed=5', '?speed=fast', '?speed=', '?speed=NaN', '?speed=Infinity'])(
    'rejects a speed outside 0.25–4 (%s)',
    (search) => {
      const { state, notices } = parseUrlState(search);
      expect(state.speed).toBe(1);
      expect(notices[0]?.param).toBe('speed');
    },
  );

  it('rejects a parentOrigin that is not an http(s) origin', () => {
    expect(parseUrlState('?parentOrigin=javascript:alert(1)').notices[0]?.param).toBe(
      'parentOrigin',
    );
    expect(parseUrlState('?parentOrigin=https://x.example/path?q').state.parentOrigin).toBe(
      'https://x.example',
    );
  });

  it('keeps a cluster reference, a saved name or a URL, and refuses an empty or a control-character one', () => {
    expect(parseUrlState('?cluster=clusters/bookinfo.json').state.cluster).toBe(
      'clusters/bookinfo.json',
    );
    expect(parseUrlState('?cluster=saved:prod').state.cluster).toBe('saved:prod');
    for (const bad of ['?cluster=', '?cluster=saved:', '?cluster=a%0Ab']) {
      const { state, notices } = parseUrlState(bad);
      expect(state.cluster).toBeUndefined();
      expect(notices[0]?.param).toBe('cluster');
    }
  });

  it('names unknown parameters but ignores tracking ones', () => {
    const { notices } = parseUrlState('?colour=red&utm_source=blog&fbclid=x');
    expect(notices.map((n) => n.param)).toEqual(['colour']);
  });

  it('uses the first of a repeated parameter and says so', () => {
    const { state, notices } = parseUrlState('?dns=on&dns=off');
    expect(state.scenario.dns).toBe('on');
    expect(notices[0]?.param).toBe('dns');
  });

  it('keeps a long garbage value out of the notice', () => {
    const { notices } = parseUrlState(`?policy=${'x'.repeat(5000)}`);
    expect(notices[0]!.message.length).toBeLessThan(200);
  });

  it('leaves the default scenario alone when nothing is given', () => {
    expect(parseUrlState('?').state.scenario).toEqual(DEFAULT_SCENARIO);
  });

  it('reads compare’s columns and writes them back with plain commas', () => {
    const { state, notices } = parseUrlState('?compare=iptables,ebpf&predict=1');
    expect(notices).toEqual([]);
    expect(state.compare).toEqual([{ redirect: 'iptables' }, { redirect: 'ebpf' }]);
    expect(state.predict).toBe(true);
    expect(serializeUrlState(state)).toBe('?compare=iptables,ebpf&predict=1');
  });

  it.each(['?compare=nft', '?compare=iptables,', '?compare=1.18,1.19,1.20,1.18', '?compare='])(
    'names compare when its value is malformed (%s), and shows one walk',
    (search) => {
      const { state, notices } = parseUrlState(search);
      expect(state.compare).toBeUndefined();
      expect(notices[0]?.param).toBe('compare');
      expect(notices[0]?.message).toMatch(/Showing one walk/);
    },
  );

  const unwalked = SCENARIO_KNOBS.redirect.find((m) => !AVAILABLE_REDIRECTS.includes(m));
  it.skipIf(!unwalked)('names compare when a column is a mode not modelled yet', () => {
    const { state, notices } = parseUrlState(`?compare=iptables,${unwalked}`);
    expect(state.compare).toBeUndefined();
    expect(notices[0]?.param).toBe('compare');
  });
});
