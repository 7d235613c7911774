/**
 * The page's URL parameters: a public contract (docs sites and slides link to them), written
 * once, as the table `URL_PARAMS`. The table drives parsing (a malformed or unknown value
 * becomes a notice naming the parameter, which falls back to its default), writing the address
 * back, the store's snapshot of what the address carries, the list of known names and the
 * README's parameter tables (`npm run test:unit` fails when README.md differs from them).
 *
 * A new parameter is one row. A row whose value depends on another parameter (a release that
 * only some modes have) adds a `check`: the state takes the row's fallback for that mode, and
 * the address's value, if it gave one, gets a notice (see paramTable.test.ts).
 */
import * as v from 'valibot';
import {
  DEFAULT_SCENARIO,
  defaultDns,
  defaultIstio,
  normalizeScenario,
  type Scenario,
  type ScenarioKnob,
} from '../model/scenario';
import type { CompareColumn } from '../model/compare/columnText';
import { clusterRef, compareColumns, decimal, flag, hopNumber, oneOf, origin } from './paramKinds';
import { markdownTable, param, paramTable, type Param } from './paramTable';
import { knobSchema } from './scenarioSchema';

export { parseOrigin } from './paramKinds';
export type { Notice } from './paramTable';

export const THEME_SCHEMA = v.picklist(['auto', 'light', 'dark']);
export const MOTION_SCHEMA = v.picklist(['auto', 'reduce']);
export const DETAIL_SCHEMA = v.picklist(['overview', 'full']);
export const PANEL_SCHEMA = v.picklist(['rules', 'config']);

export type Theme = v.InferOutput<typeof THEME_SCHEMA>;
export type Motion = v.InferOutput<typeof MOTION_SCHEMA>;
export type Detail = v.InferOutput<typeof DETAIL_SCHEMA>;
export type ReferencePanel = v.InferOutput<typeof PANEL_SCHEMA>;

export const SPEEDS = [0.25, 0.5, 1, 1.5, 2, 3, 4] as const;
export const MIN_SPEED = 0.25;
export const MAX_SPEED = 4;

export interface UrlState {
  readonly scenario: Scenario;
  /**
   * 0-based index into the full hop list (the URL's `hop` is 1-based); undefined opens the walk
   * at its first step (hop 1, or in overview the stop of step 1).
   */
  readonly hop: number | undefined;
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
  /**
   * A cluster of one's own: a scenario file served with the site (a relative URL) or
   * `saved:<name>`, a cluster kept in this browser. Read by the importer, loaded on demand.
   */
  readonly cluster?: string;
  /** Walks shown side by side, stepping together; absent shows one walk. */
  readonly compare?: readonly CompareColumn[];
  /** Learner mode: asks where the packet goes before each hop is shown. */
  readonly predict: boolean;
}

/** Redirection modes the model can walk today; the others parse but fall back with a notice. */
export const AVAILABLE_REDIRECTS: readonly Scenario['redirect'][] = ['iptables', 'ebpf', 'inpod'];

/**
 * The README's words for each row are written in the row, but only the README test reads them:
 * the production build (where Vite makes import.meta.env.PROD true) leaves them out, half a
 * kilobyte the page never shows.
 */
const README = !import.meta.env.PROD;

/** A scenario knob's row: its values are the scenario validator's. */
function knob<K extends ScenarioKnob>(
  key: K,
  doc: string | false,
  extra: {
    notes?: Partial<Record<Scenario[K], string>> | false;
    check?: (
      value: Scenario[K],
      state: UrlState,
    ) => { value: Scenario[K]; message: string } | undefined;
    implied?: (state: UrlState) => Scenario[K];
  } = {},
): Param<UrlState> {
  const fallback = DEFAULT_SCENARIO[key];
  return param<UrlState, Scenario[K]>({
    key,
    group: 'scenario',
    doc: doc || '',
    default: fallback,
    ...oneOf<Scenario[K]>(knobSchema(key), fallback, extra.notes || {}),
    get: (s) => s.scenario[key],
    // Knobs are set one at a time from nothing, in their order, when the defaults are made.
    set: (s, value) => ({ ...s, scenario: { ...(s.scenario ?? {}), [key]: value } }),
    ...(extra.check ? { check: extra.check } : {}),
    ...(extra.implied ? { implied: extra.implied } : {}),
  });
}

type Field = Exclude<keyof UrlState, 'scenario'>;

/** A view parameter's row: a field of the state by the same name. */
function view<K extends Field>(
  key: K,
  doc: string | false,
  dflt: UrlState[K],
  kind: Pick<Param<UrlState>, 'values' | 'expected' | 'fallback'> & {
    parse(raw: string): UrlState[K] | undefined;
    serialize(value: UrlState[K]): string;
  },
): Param<UrlState> {
  return param<UrlState, UrlState[K]>({
    key,
    group: 'view',
    doc: doc || '',
    default: dflt,
    ...kind,
    get: (s) => s[key],
    // An optional field left out is absent, not undefined, so states compare as data.
    set: (s, value) => {
      const next: Partial<Record<Field, unknown>> = { ...s, [key]: value };
      if (value === undefined) delete next[key];
      return next as UrlState;
    },
  });
}

/** The URL parameters, in the order the address writes them. */
export const URL_PARAMS: readonly Param<UrlState>[] = [
  knob('redirect', README && 'how the source node hands the pod’s traffic to ztunnel', {
    notes: README && {
      iptables: 'Istio 1.18–1.20',
      ebpf: 'the article’s four TC programs; Istio 1.20',
      inpod: 'Istio 1.21+: rules and ztunnel’s listeners inside each pod’s netns',
    },
    check: (value) =>
      AVAILABLE_REDIRECTS.includes(value)
        ? undefined
        : {
            value: DEFAULT_SCENARIO.redirect,
            message: `“redirect=${value}” (in-pod redirection, Istio 1.24+) is not modelled yet. Showing ${DEFAULT_SCENARIO.redirect}.`,
          },
  }),
  knob(
    'istio',
    README && 'the Istio release every rule, behaviour and source of the walk is exact to',
    {
      notes: README && {
        '1.18': 'iptables; its default, the article’s era',
        '1.19': 'iptables',
        '1.20': 'iptables or eBPF; eBPF’s only release',
        '1.21': 'in-pod, 1.21–1.23: TPROXY inbound',
        '1.24': 'in-pod: REDIRECT inbound',
        '1.30': 'in-pod; its default',
      },
      // A release the mode is not walked at: the mode's default, with a notice naming `istio`.
      implied: (s) => defaultIstio(s.scenario.redirect),
      check: (istio, s) => {
        const issue = normalizeScenario({ ...s.scenario, istio }).issues.find(
          (i) => i.knob === 'istio',
        );
        return issue
          ? { value: defaultIstio(s.scenario.redirect), message: issue.message }
          : undefined;
      },
    },
  ),
  knob('waypoint', README && 'which service account’s traffic goes through a waypoint proxy'),
  knob('placement', README && 'whether sleep and httpbin run on two nodes or on one'),
  knob(
    'dns',
    README && 'whether ztunnel captures and answers DNS; the release’s default (on from 1.25)',
    {
      implied: (s) => defaultDns(s.scenario.istio),
    },
  ),
  knob(
    'policy',
    README && 'an authorization policy on httpbin that allows, or denies at L4 or at L7',
  ),
  knob('source', README && 'whether sleep is in the mesh'),
  knob('firewall', README && 'what programs the pod netns in in-pod mode', {
    notes: README && { nftables: 'Istio 1.28+, in-pod only' },
    check: (firewall, s) => {
      const issue = normalizeScenario({ ...s.scenario, firewall }).issues.find(
        (i) => i.knob === 'firewall',
      );
      return issue ? { value: DEFAULT_SCENARIO.firewall, message: issue.message } : undefined;
    },
  }),
  view(
    'hop',
    README &&
      'the hop shown (1-based); without it the walk opens at its first step (in `overview`, where step 1 ends)',
    undefined,
    hopNumber,
  ),
  view(
    'detail',
    README &&
      '`overview` steps through the article’s nine steps, `full` through every kernel decision',
    'overview',
    oneOf(DETAIL_SCHEMA, 'overview'),
  ),
  view('speed', README && 'playback speed', 1, decimal(MIN_SPEED, MAX_SPEED, 1)),
  view(
    'theme',
    README && 'colour scheme; `auto` follows the system',
    'auto',
    oneOf(THEME_SCHEMA, 'auto'),
  ),
  view('motion', README && '`reduce` turns animation off', 'auto', oneOf(MOTION_SCHEMA, 'auto')),
  view('autoplay', README && 'starts playing on load', false, flag),
  view(
    'embed',
    README && 'the widget for an iframe: the diagram and the essential controls',
    false,
    flag,
  ),
  view('present', README && 'presenter mode', false, flag),
  view('scale', README && 'presenter type size', 1, decimal(0.5, 3, 1)),
  view(
    'panel',
    README && 'the reference tab open below the diagram',
    'rules',
    oneOf(PANEL_SCHEMA, 'rules'),
  ),
  view(
    'compare',
    README &&
      'walks side by side, stepping together: modes (`iptables,ebpf`), releases (`1.18,1.20`) or scenarios (`none,httpbin`); one column is set beside the page’s walk',
    undefined,
    {
      ...compareColumns,
      // A column of a mode the model does not walk yet makes the value one it cannot show.
      parse: (raw) => {
        const columns = compareColumns.parse(raw);
        return columns?.every((c) => !c.redirect || AVAILABLE_REDIRECTS.includes(c.redirect))
          ? columns
          : undefined;
      },
    },
  ),
  view(
    'predict',
    README && 'learner mode: choose where the packet goes before each hop is shown',
    false,
    flag,
  ),
  view(
    'parentOrigin',
    README && 'embeds: the only origin commands are taken from and messages are sent to',
    undefined,
    origin,
  ),
  view(
    'cluster',
    README &&
      'a cluster of your own: a scenario file served with the site (same origin), or one imported and saved in this browser (see “Your own cluster”)',
    undefined,
    clusterRef,
  ),
];

const URL_TABLE = paramTable(URL_PARAMS, {
  scenario: null,
  hop: null,
  autoplay: null,
  speed: null,
  theme: null,
  motion: null,
  detail: null,
  embed: null,
  present: null,
  scale: null,
  panel: null,
  parentOrigin: null,
  cluster: null,
  compare: null,
  predict: null,
});

export const DEFAULT_URL_STATE: UrlState = URL_TABLE.defaults;

export const KNOWN_PARAMS: readonly string[] = URL_TABLE.keys;

/** Parses a query string (with or without `?`) into the page state and the notices to show. */
export function parseUrlState(search: string): ReturnType<typeof URL_TABLE.parse> {
  return URL_TABLE.parse(search);
}

/** The query string for a state: only what differs from the defaults, in a stable order. */
export function serializeUrlState(state: UrlState): string {
  return URL_TABLE.serialize(state);
}

/** What the address carries of a state that has more (the store's settings, with the hop). */
export function pickUrlState(source: UrlState): UrlState {
  return URL_TABLE.pick(source);
}

/** The README's tables: the scenario parameters and the view parameters. */
export function readmeParamTables(): { scenario: string; view: string } {
  return {
    scenario: markdownTable(URL_PARAMS, 'scenario'),
    view: markdownTable(URL_PARAMS, 'view'),
  };
}
