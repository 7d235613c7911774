import {
  DNS_CAPTURE_DEFAULT,
  FIREWALLS,
  ISTIO_RELEASES,
  MODE_RELEASES,
  firewallFits,
} from './releases/ids';

/**
 * The scenario knobs. Their names and values are also the page's URL parameters, so they are
 * a public contract: change them only with a redirect for old links.
 */

export const SCENARIO_KNOBS = {
  redirect: ['iptables', 'ebpf', 'inpod'],
  /** The Istio release the walk is exact to; which fit a mode is `MODE_RELEASES` (releases/). */
  istio: ISTIO_RELEASES,
  waypoint: ['none', 'httpbin', 'sleep', 'both'],
  placement: ['cross-node', 'same-node'],
  dns: ['off', 'on'],
  policy: ['allow', 'deny-l4', 'deny-l7'],
  source: ['mesh', 'outside'],
  /** What programs the pod netns in in-pod mode: iptables, or nftables (1.28+, opt-in). */
  firewall: FIREWALLS,
} as const;

export type ScenarioKnob = keyof typeof SCENARIO_KNOBS;
export type RedirectMode = (typeof SCENARIO_KNOBS.redirect)[number];
export type IstioChoice = (typeof SCENARIO_KNOBS.istio)[number];
export type WaypointChoice = (typeof SCENARIO_KNOBS.waypoint)[number];
export type Placement = (typeof SCENARIO_KNOBS.placement)[number];
export type DnsChoice = (typeof SCENARIO_KNOBS.dns)[number];
export type PolicyChoice = (typeof SCENARIO_KNOBS.policy)[number];
export type SourceChoice = (typeof SCENARIO_KNOBS.source)[number];
export type FirewallChoice = (typeof SCENARIO_KNOBS.firewall)[number];

export interface Scenario {
  readonly redirect: RedirectMode;
  readonly istio: IstioChoice;
  readonly waypoint: WaypointChoice;
  readonly placement: Placement;
  readonly dns: DnsChoice;
  readonly policy: PolicyChoice;
  readonly source: SourceChoice;
  readonly firewall: FirewallChoice;
}

export const DEFAULT_SCENARIO: Scenario = {
  redirect: 'iptables',
  istio: '1.18',
  waypoint: 'none',
  placement: 'cross-node',
  dns: 'off',
  policy: 'allow',
  source: 'mesh',
  firewall: 'iptables',
};

export const SCENARIO_KNOB_NAMES = Object.keys(SCENARIO_KNOBS) as ScenarioKnob[];

/** Human labels for the toggles. */
export const KNOB_LABELS: Readonly<Record<ScenarioKnob, string>> = {
  redirect: 'Redirection',
  istio: 'Istio release',
  waypoint: 'Waypoint',
  placement: 'Placement',
  dns: 'DNS capture',
  policy: 'Policy',
  source: 'sleep is',
  firewall: 'Pod firewall',
};

export const VALUE_LABELS: Readonly<Record<string, string>> = {
  iptables: 'iptables + GENEVE',
  ebpf: 'eBPF',
  inpod: 'in-pod',
  '1.18': 'Istio 1.18',
  '1.19': 'Istio 1.19',
  '1.20': 'Istio 1.20',
  '1.21': 'Istio 1.21–1.23',
  '1.24': 'Istio 1.24',
  '1.30': 'Istio 1.30',
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
  nftables: 'nftables',
};

/** Labels that differ by knob: `iptables` is a redirection mode and a pod firewall. */
const KNOB_VALUE_LABELS: Partial<Record<ScenarioKnob, Readonly<Record<string, string>>>> = {
  firewall: { iptables: 'iptables' },
};

/** How a knob's value is shown. */
export function valueLabel(knob: ScenarioKnob, value: string): string {
  return KNOB_VALUE_LABELS[knob]?.[value] ?? VALUE_LABELS[value] ?? value;
}

/** True when `value` is one of the knob's values. */
export function isKnobValue<K extends ScenarioKnob>(knob: K, value: string): value is Scenario[K] {
  return (SCENARIO_KNOBS[knob] as readonly string[]).includes(value);
}

/**
 * Every combination of knob values that can be walked, `redirect` varying slowest; each mode
 * with the releases it fits (`releases` narrows them, e.g. to each mode's default).
 */
export function allScenarios(
  modes: readonly RedirectMode[] = SCENARIO_KNOBS.redirect,
  releases: (mode: RedirectMode) => readonly IstioChoice[] = (m) => MODE_RELEASES[m],
): Scenario[] {
  const out: Scenario[] = [];
  for (const redirect of modes)
    for (const istio of releases(redirect))
      for (const firewall of SCENARIO_KNOBS.firewall.filter((f) =>
        firewallFits(redirect, istio, f),
      ))
        for (const waypoint of SCENARIO_KNOBS.waypoint)
          for (const placement of SCENARIO_KNOBS.placement)
            for (const dns of SCENARIO_KNOBS.dns)
              for (const policy of SCENARIO_KNOBS.policy)
                for (const source of SCENARIO_KNOBS.source)
                  out.push({ redirect, istio, waypoint, placement, dns, policy, source, firewall });
  return out;
}

/** Each mode at its default release only. */
export const DEFAULT_RELEASES = (m: RedirectMode): readonly IstioChoice[] =>
  MODE_RELEASES[m].slice(0, 1);

/** Whether ztunnel captures DNS at `istio` when nobody asks (the chart's default). */
export function defaultDns(istio: IstioChoice): DnsChoice {
  return DNS_CAPTURE_DEFAULT[istio];
}

/**
 * The scenario with one knob changed, kept walkable: switching the redirection mode keeps the
 * release when the new mode is walked at it, and otherwise takes the new mode's default; DNS
 * capture left at its release's default follows the new release's default (as the address,
 * which writes `dns` only when it differs from that default, does on a reload); a firewall the
 * new mode or release does not have becomes iptables.
 */
export function withKnob<K extends ScenarioKnob>(
  s: Scenario,
  knob: K,
  value: Scenario[K],
): Scenario {
  let next = { ...s, [knob]: value } as Scenario;
  if (knob === 'redirect') {
    const fits = MODE_RELEASES[next.redirect];
    if (!fits.includes(next.istio) && fits[0] !== undefined) next = { ...next, istio: fits[0] };
  }
  if (next.istio !== s.istio && s.dns === defaultDns(s.istio))
    next = { ...next, dns: defaultDns(next.istio) };
  if (!firewallFits(next.redirect, next.istio, next.firewall))
    next = { ...next, firewall: DEFAULT_SCENARIO.firewall };
  return next;
}

/** The release a mode is walked at when none is asked for. */
export function defaultIstio(mode: RedirectMode): IstioChoice {
  return MODE_RELEASES[mode][0] ?? DEFAULT_SCENARIO.istio;
}

/** A problem with a combination of knobs: which parameter, and what is shown instead. */
export interface ScenarioIssue {
  readonly knob: ScenarioKnob;
  readonly message: string;
}

/**
 * The scenario made walkable: a release that does not fit the mode becomes the mode's default,
 * with an issue naming the parameter (eBPF was stubbed out in 1.18 and 1.19).
 */
export function normalizeScenario(s: Scenario): { scenario: Scenario; issues: ScenarioIssue[] } {
  const fits = MODE_RELEASES[s.redirect];
  const fallback = fits[0];
  const issues: ScenarioIssue[] = [];
  let scenario = s;
  if (!fits.includes(s.istio) && fallback !== undefined) {
    const why =
      s.redirect === 'ebpf'
        ? ` (eBPF redirection was stubbed out in ${s.istio}: "temporarily disabled pending CNCF guidance")`
        : '';
    scenario = { ...scenario, istio: fallback };
    issues.push({
      knob: 'istio',
      message: `“istio=${s.istio}” does not fit redirect=${s.redirect}${why}; it is walked at ${fits.join(', ')}. Showing Istio ${fallback}.`,
    });
  }
  const firewall = firewallIssue(scenario);
  if (firewall) {
    scenario = { ...scenario, firewall: DEFAULT_SCENARIO.firewall };
    issues.push(firewall);
  }
  return { scenario, issues };
}

/** Why the scenario's pod firewall cannot be walked, if it cannot. */
function firewallIssue(s: Scenario): ScenarioIssue | undefined {
  if (firewallFits(s.redirect, s.istio, s.firewall)) return undefined;
  const why =
    s.redirect !== 'inpod'
      ? 'only in-pod redirection programs the pod netns'
      : firewallFits('inpod', '1.30', s.firewall)
        ? `Istio ${s.istio} has no native nftables (it came in 1.28)`
        : 'the nftables engine is not modelled yet';
  return {
    knob: 'firewall',
    message: `“firewall=${s.firewall}” does not fit redirect=${s.redirect}&istio=${s.istio}: ${why}. Showing iptables.`,
  };
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
