/**
 * The scenario knobs. Their names and values are also the page's URL parameters, so they are
 * a public contract: change them only with a redirect for old links.
 */

export const SCENARIO_KNOBS = {
  redirect: ['iptables', 'ebpf', 'inpod'],
  waypoint: ['none', 'httpbin', 'sleep', 'both'],
  placement: ['cross-node', 'same-node'],
  dns: ['off', 'on'],
  policy: ['allow', 'deny-l4', 'deny-l7'],
  source: ['mesh', 'outside'],
} as const;

export type ScenarioKnob = keyof typeof SCENARIO_KNOBS;
export type RedirectMode = (typeof SCENARIO_KNOBS.redirect)[number];
export type WaypointChoice = (typeof SCENARIO_KNOBS.waypoint)[number];
export type Placement = (typeof SCENARIO_KNOBS.placement)[number];
export type DnsChoice = (typeof SCENARIO_KNOBS.dns)[number];
export type PolicyChoice = (typeof SCENARIO_KNOBS.policy)[number];
export type SourceChoice = (typeof SCENARIO_KNOBS.source)[number];

export interface Scenario {
  readonly redirect: RedirectMode;
  readonly waypoint: WaypointChoice;
  readonly placement: Placement;
  readonly dns: DnsChoice;
  readonly policy: PolicyChoice;
  readonly source: SourceChoice;
}

export const DEFAULT_SCENARIO: Scenario = {
  redirect: 'iptables',
  waypoint: 'none',
  placement: 'cross-node',
  dns: 'off',
  policy: 'allow',
  source: 'mesh',
};

export const SCENARIO_KNOB_NAMES = Object.keys(SCENARIO_KNOBS) as ScenarioKnob[];

/** Human labels for the toggles. */
export const KNOB_LABELS: Readonly<Record<ScenarioKnob, string>> = {
  redirect: 'Redirection',
  waypoint: 'Waypoint',
  placement: 'Placement',
  dns: 'DNS capture',
  policy: 'Policy',
  source: 'sleep is',
};

export const VALUE_LABELS: Readonly<Record<string, string>> = {
  iptables: 'iptables + GENEVE',
  ebpf: 'eBPF',
  inpod: 'in-pod',
  none: 'none',
  httpbin: 'httpbin',
  sleep: 'sleep',
  both: 'both',
  'cross-node': 'cross-node',
  'same-node': 'same node',
  off: 'off',
  on: 'on',
  allow: 'allow',
  'deny-l4': 'deny L4',
  'deny-l7': 'deny L7',
  mesh: 'in mesh',
  outside: 'outside mesh',
};

/** True when `value` is one of the knob's values. */
export function isKnobValue<K extends ScenarioKnob>(knob: K, value: string): value is Scenario[K] {
  return (SCENARIO_KNOBS[knob] as readonly string[]).includes(value);
}

/** Every combination of knob values, `redirect` varying slowest. */
export function allScenarios(modes: readonly RedirectMode[] = SCENARIO_KNOBS.redirect): Scenario[] {
  const out: Scenario[] = [];
  for (const redirect of modes)
    for (const waypoint of SCENARIO_KNOBS.waypoint)
      for (const placement of SCENARIO_KNOBS.placement)
        for (const dns of SCENARIO_KNOBS.dns)
          for (const policy of SCENARIO_KNOBS.policy)
            for (const source of SCENARIO_KNOBS.source)
              out.push({ redirect, waypoint, placement, dns, policy, source });
  return out;
}

/** `redirect=ebpf&waypoint=httpbin` style key, for caching and test names. */
export function scenarioKey(s: Scenario): string {
  return SCENARIO_KNOB_NAMES.map((k) => `${k}=${s[k]}`).join('&');
}

export function httpbinHasWaypoint(s: Scenario): boolean {
  return s.waypoint === 'httpbin' || s.waypoint === 'both';
}

export function sleepHasWaypoint(s: Scenario): boolean {
  return s.waypoint === 'sleep' || s.waypoint === 'both';
}
