/**
 * The release ids the walk models, and which redirection mode each fits. Kept apart from the
 * release records so the scenario's knobs can name them without importing the records (this
 * module ships with the first paint; the records load with the simulator).
 */
export const ISTIO_RELEASES = ['1.18', '1.19', '1.20', '1.21', '1.24', '1.30'] as const;

export type IstioRelease = (typeof ISTIO_RELEASES)[number];

type Mode = 'iptables' | 'ebpf' | 'inpod';

/** The releases each redirection mode can be walked at, the mode's default first. */
export const MODE_RELEASES: Readonly<Record<Mode, readonly IstioRelease[]>> = {
  iptables: ['1.18', '1.19', '1.20'],
  // eBPF was stubbed out in 1.18 and 1.19 ("temporarily disabled pending CNCF guidance").
  ebpf: ['1.20'],
  // 1.21 stands for 1.21–1.23 (TPROXY inbound; the 1.23.0 pod rules are byte-identical to
  // 1.21.0's), 1.24 for the first REDIRECT release, 1.30 for today's; the newest is the default.
  inpod: ['1.30', '1.24', '1.21'],
};

/** The mode's default release: 1.18 for iptables (the article's era), the only one for eBPF. */
export function defaultRelease(mode: Mode): IstioRelease | undefined {
  return MODE_RELEASES[mode][0];
}

/** True when `mode` can be walked at `release`. */
export function releaseFits(mode: Mode, release: IstioRelease): boolean {
  return MODE_RELEASES[mode].includes(release);
}

/**
 * Whether DNS capture is on when nobody asks: istio-cni's chart `values.cni.ambient.dnsCapture`
 * is false through 1.24 and true from 1.25 (manifests/charts/istio-cni/values.yaml at each tag).
 * The node-redirection releases had it off too.
 */
export const DNS_CAPTURE_DEFAULT: Readonly<Record<IstioRelease, 'on' | 'off'>> = {
  '1.18': 'off',
  '1.19': 'off',
  '1.20': 'off',
  '1.21': 'off',
  '1.24': 'off',
  '1.30': 'on',
};

export const FIREWALLS = ['iptables', 'nftables'] as const;
export type Firewall = (typeof FIREWALLS)[number];

/**
 * The releases whose istio-cni can program the pod netns with nftables instead of iptables
 * (`values.global.nativeNftables`, from 1.28; in-pod only).
 */
export const NFTABLES_RELEASES: readonly IstioRelease[] = ['1.30'];

/** The firewalls the model has an engine for (nftables: src/model/nftables/). */
export const FIREWALL_ENGINES: readonly Firewall[] = ['iptables', 'nftables'];

/** True when `mode` at `release` can be walked with `firewall` in the pod netns. */
export function firewallFits(mode: Mode, release: IstioRelease, firewall: Firewall): boolean {
  if (!FIREWALL_ENGINES.includes(firewall)) return false;
  return firewall === 'iptables' || (mode === 'inpod' && NFTABLES_RELEASES.includes(release));
}
