import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { SCENARIO_KNOB_NAMES } from '../model';
import { oneOf } from './paramKinds';
import { param, paramTable, type Param } from './paramTable';
import { DEFAULT_URL_STATE, KNOWN_PARAMS, URL_PARAMS } from './urlState';

describe('the URL table', () => {
  it('has a row for every scenario knob, and every name once', () => {
    for (const k of SCENARIO_KNOB_NAMES) expect(KNOWN_PARAMS).toContain(k);
    expect(new Set(KNOWN_PARAMS).size).toBe(URL_PARAMS.length);
  });

  it("gives every field of the state its row's default", () => {
    expect(Object.keys(DEFAULT_URL_STATE)).toEqual([
      'scenario',
      'autoplay',
      'speed',
      'theme',
      'motion',
      'detail',
      'embed',
      'present',
      'scale',
      'panel',
      'predict',
    ]);
    for (const row of URL_PARAMS) expect(row.get(DEFAULT_URL_STATE)).toBe(row.default);
  });
});

// A coming parameter, as one row: the Istio release, which depends on the redirection mode.
// It is here to show that a rule across parameters (notice + fallback) fits a row.
const MODES = v.picklist(['iptables', 'ebpf']);
const RELEASE = v.picklist(['1.18', '1.19', '1.20']);
type Mode = v.InferOutput<typeof MODES>;
type Release = v.InferOutput<typeof RELEASE>;
interface Toy {
  readonly redirect: Mode;
  readonly istio: Release;
}
const RELEASES: Record<Mode, readonly Release[]> = {
  iptables: ['1.18', '1.19', '1.20'],
  ebpf: ['1.20'],
};
const MODE_DEFAULT: Record<Mode, Release> = { iptables: '1.18', ebpf: '1.20' };

const TOY_ROWS: readonly Param<Toy>[] = [
  param<Toy, Mode>({
    key: 'redirect',
    group: 'scenario',
    doc: 'the mode',
    default: 'iptables',
    ...oneOf(MODES, 'iptables'),
    get: (s) => s.redirect,
    set: (s, redirect) => ({ ...s, redirect }),
  }),
  param<Toy, Release>({
    key: 'istio',
    group: 'scenario',
    doc: 'the release, one the mode has',
    default: '1.18',
    ...oneOf(RELEASE, '1.18'),
    get: (s) => s.istio,
    set: (s, istio) => ({ ...s, istio }),
    check: (istio, s) =>
      RELEASES[s.redirect].includes(istio)
        ? undefined
        : {
            value: MODE_DEFAULT[s.redirect],
            message: `“istio=${istio}” is not a release of redirect=${s.redirect}; showing ${MODE_DEFAULT[s.redirect]}.`,
          },
  }),
];
const toy = paramTable(TOY_ROWS, { redirect: null, istio: null });

describe('a rule across parameters, as one row', () => {
  it("names the parameter and the mode's default when the pair does not exist", () => {
    const { state, notices } = toy.parse('?redirect=ebpf&istio=1.18');
    expect(state).toEqual({ redirect: 'ebpf', istio: '1.20' });
    expect(notices).toEqual([
      {
        id: 'istio:0',
        param: 'istio',
        message: '“istio=1.18” is not a release of redirect=ebpf; showing 1.20.',
      },
    ]);
  });

  it("moves to the mode's default without a notice when the release was not given", () => {
    expect(toy.parse('?redirect=ebpf')).toEqual({
      state: { redirect: 'ebpf', istio: '1.20' },
      notices: [],
    });
    expect(toy.serialize(toy.parse('?redirect=ebpf').state)).toBe('?redirect=ebpf&istio=1.20');
  });

  it('keeps a pair that exists, and checks a malformed release before the rule', () => {
    expect(toy.parse('?redirect=iptables&istio=1.19')).toEqual({
      state: { redirect: 'iptables', istio: '1.19' },
      notices: [],
    });
    const bad = toy.parse('?istio=2.0');
    expect(bad.state.istio).toBe('1.18');
    expect(bad.notices.map((n) => n.message)).toEqual([
      '“istio” must be one of 1.18, 1.19, 1.20; got "2.0". Using 1.18.',
    ]);
  });
});
