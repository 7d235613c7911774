/**
 * The page's URL parameters: a public contract (docs sites and slides link to them). Parsing
 * never throws: a malformed or unknown value becomes a notice naming the parameter, and the
 * parameter falls back to its default.
 */
import {
  DEFAULT_SCENARIO,
  isKnobValue,
  SCENARIO_KNOB_NAMES,
  SCENARIO_KNOBS,
  type Scenario,
  type ScenarioKnob,
} from '../model';

export type Theme = 'auto' | 'light' | 'dark';
export type Motion = 'auto' | 'reduce';
export type Detail = 'overview' | 'full';
export type ReferencePanel = 'rules' | 'config';

export const SPEEDS = [0.25, 0.5, 1, 1.5, 2, 3, 4] as const;
export const MIN_SPEED = 0.25;
export const MAX_SPEED = 4;

export interface UrlState {
  readonly scenario: Scenario;
  /** 0-based index into the full hop list (the URL's `hop` is 1-based). */
  readonly hop: number;
  readonly autoplay: boolean;
  readonly speed: number;
  readonly theme: Theme;
  readonly motion: Motion;
  readonly detail: Detail;
  readonly embed: boolean;
  readonly present: boolean;
  readonly scale: number;
  /** Which reference tab is open below the diagram. */
  readonly panel: ReferencePanel;
  /** The only origin embed commands are accepted from, when given. */
  readonly parentOrigin?: string;
}

export const DEFAULT_URL_STATE: UrlState = {
  scenario: DEFAULT_SCENARIO,
  hop: 0,
  autoplay: false,
  speed: 1,
  theme: 'auto',
  motion: 'auto',
  detail: 'overview',
  embed: false,
  present: false,
  scale: 1,
  panel: 'rules',
};

export interface Notice {
  readonly id: string;
  readonly param: string;
  readonly message: string;
}

/** Redirection modes the model can walk today; the others parse but fall back with a notice. */
export const AVAILABLE_REDIRECTS: readonly Scenario['redirect'][] = ['iptables', 'ebpf'];

const OTHER_PARAMS = [
  'hop',
  'autoplay',
  'speed',
  'theme',
  'motion',
  'detail',
  'embed',
  'present',
  'scale',
  'panel',
  'parentOrigin',
] as const;

export const KNOWN_PARAMS: readonly string[] = [...SCENARIO_KNOB_NAMES, ...OTHER_PARAMS];

/** Query parameters that link trackers add; ignored without a notice. */
const IGNORED = /^(utm_[a-z]+|fbclid|gclid|ref|_ga)$/;

const MAX_VALUE_SHOWN = 40;

function shown(value: string): string {
  const v = value.length > MAX_VALUE_SHOWN ? `${value.slice(0, MAX_VALUE_SHOWN)}…` : value;
  return JSON.stringify(v);
}

function flag(value: string): boolean | undefined {
  if (value === '1' || value === 'true') return true;
  if (value === '0' || value === 'false') return false;
  return undefined;
}

/** Parses a query string (with or without `?`) into the page state and the notices to show. */
export function parseUrlState(search: string): { state: UrlState; notices: Notice[] } {
  const notices: Notice[] = [];
  const note = (param: string, message: string): void => {
    notices.push({ id: `${param}:${notices.length}`, param, message });
  };
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(search);
  } catch {
    return {
      state: DEFAULT_URL_STATE,
      notices: [
        {
          id: 'url',
          param: 'url',
          message: 'The address could not be read; showing the default walk.',
        },
      ],
    };
  }
  const seen = new Set<string>();
  const values = new Map<string, string>();
  for (const [key, value] of params) {
    if (seen.has(key)) {
      note(key, `“${key}” is given more than once; using the first value.`);
      continue;
    }
    seen.add(key);
    if (!KNOWN_PARAMS.includes(key)) {
      if (!IGNORED.test(key))
        note(key, `Unknown parameter “${key.slice(0, MAX_VALUE_SHOWN)}” ignored.`);
      continue;
    }
    values.set(key, value);
  }

  const scenario: Record<ScenarioKnob, string> = { ...DEFAULT_SCENARIO };
  for (const knob of SCENARIO_KNOB_NAMES) {
    const v = values.get(knob);
    if (v === undefined) continue;
    if (!isKnobValue(knob, v)) {
      note(
        knob,
        `“${knob}” must be one of ${SCENARIO_KNOBS[knob].join(', ')}; got ${shown(v)}. Using ${DEFAULT_SCENARIO[knob]}.`,
      );
    } else if (knob === 'redirect' && !AVAILABLE_REDIRECTS.includes(v as Scenario['redirect'])) {
      note(
        knob,
        `“redirect=${v}” (in-pod redirection, Istio 1.24+) is not modelled yet. Showing ${DEFAULT_SCENARIO.redirect}.`,
      );
    } else {
      scenario[knob] = v;
    }
  }

  const state: { -readonly [K in keyof UrlState]: UrlState[K] } = {
    ...DEFAULT_URL_STATE,
    scenario: scenario as unknown as Scenario,
  };

  const hop = values.get('hop');
  if (hop !== undefined) {
    if (/^\d{1,4}$/.test(hop) && Number(hop) >= 1) state.hop = Number(hop) - 1;
    else note('hop', `“hop” must be a whole number from 1; got ${shown(hop)}. Starting at hop 1.`);
  }
  const bool = (key: 'autoplay' | 'embed' | 'present'): void => {
    const v = values.get(key);
    if (v === undefined) return;
    const b = flag(v);
    if (b === undefined) note(key, `“${key}” must be 1 or 0; got ${shown(v)}.`);
    else state[key] = b;
  };
  bool('autoplay');
  bool('embed');
  bool('present');

  const speed = values.get('speed');
  if (speed !== undefined) {
    const n = Number(speed);
    if (speed.trim() !== '' && Number.isFinite(n) && n >= MIN_SPEED && n <= MAX_SPEED)
      state.speed = Math.round(n * 100) / 100;
    else
      note(
        'speed',
        `“speed” must be a number from ${MIN_SPEED} to ${MAX_SPEED}; got ${shown(speed)}. Using 1.`,
      );
  }
  const scale = values.get('scale');
  if (scale !== undefined) {
    const n = Number(scale);
    if (scale.trim() !== '' && Number.isFinite(n) && n >= 0.5 && n <= 3)
      state.scale = Math.round(n * 100) / 100;
    else note('scale', `“scale” must be a number from 0.5 to 3; got ${shown(scale)}. Using 1.`);
  }
  const oneOf = <K extends 'theme' | 'motion' | 'detail' | 'panel'>(
    key: K,
    allowed: readonly UrlState[K][],
  ): void => {
    const v = values.get(key);
    if (v === undefined) return;
    if ((allowed as readonly string[]).includes(v)) state[key] = v as UrlState[K];
    else
      note(
        key,
        `“${key}” must be one of ${allowed.join(', ')}; got ${shown(v)}. Using ${DEFAULT_URL_STATE[key]}.`,
      );
  };
  oneOf('theme', ['auto', 'light', 'dark']);
  oneOf('motion', ['auto', 'reduce']);
  oneOf('detail', ['overview', 'full']);
  oneOf('panel', ['rules', 'config']);

  const origin = values.get('parentOrigin');
  if (origin !== undefined) {
    const parsed = parseOrigin(origin);
    if (parsed) state.parentOrigin = parsed;
    else
      note(
        'parentOrigin',
        `“parentOrigin” must be an http(s) origin such as https://example.com; got ${shown(origin)}. Commands from any parent are accepted.`,
      );
  }
  return { state, notices };
}

/** `https://example.com` from a URL-ish string, or undefined. */
export function parseOrigin(text: string): string | undefined {
  try {
    const u = new URL(text);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
    return u.origin;
  } catch {
    return undefined;
  }
}

/** The query string for a state: only what differs from the defaults, in a stable order. */
export function serializeUrlState(state: UrlState): string {
  const p = new URLSearchParams();
  for (const knob of SCENARIO_KNOB_NAMES) {
    if (state.scenario[knob] !== DEFAULT_SCENARIO[knob]) p.set(knob, state.scenario[knob]);
  }
  if (state.hop !== DEFAULT_URL_STATE.hop) p.set('hop', String(state.hop + 1));
  if (state.detail !== DEFAULT_URL_STATE.detail) p.set('detail', state.detail);
  if (state.speed !== DEFAULT_URL_STATE.speed) p.set('speed', String(state.speed));
  if (state.theme !== DEFAULT_URL_STATE.theme) p.set('theme', state.theme);
  if (state.motion !== DEFAULT_URL_STATE.motion) p.set('motion', state.motion);
  if (state.autoplay) p.set('autoplay', '1');
  if (state.embed) p.set('embed', '1');
  if (state.present) p.set('present', '1');
  if (state.scale !== DEFAULT_URL_STATE.scale) p.set('scale', String(state.scale));
  if (state.panel !== DEFAULT_URL_STATE.panel) p.set('panel', state.panel);
  if (state.parentOrigin) p.set('parentOrigin', state.parentOrigin);
  const s = p.toString();
  return s ? `?${s}` : '';
}
