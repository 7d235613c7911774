/**
 * The release ids the walk models, and which redirection mode each fits. Kept apart from the
 * release records so the scenario's knobs can name them without importing the records.
 */
export const ISTIO_RELEASES = ['1.18', '1.19', '1.20'] as const;

export type IstioRelease = (typeof ISTIO_RELEASES)[number];

type Mode = 'iptables' | 'ebpf' | 'inpod';

/** The releases each redirection mode can be walked at, the mode's default first. */
export const MODE_RELEASES: Readonly<Record<Mode, readonly IstioRelease[]>> = {
  iptables: ['1.18', '1.19', '1.20'],
  // eBPF was stubbed out in 1.18 and 1.19 ("temporarily disabled pending CNCF guidance").
  ebpf: ['1.20'],
  inpod: [],
};

/** The mode's default release: 1.18 for iptables (the article's era), the only one for eBPF. */
export function defaultRelease(mode: Mode): IstioRelease | undefined {
  return MODE_RELEASES[mode][0];
}

/** True when `mode` can be walked at `release`. */
export function releaseFits(mode: Mode, release: IstioRelease): boolean {
  return MODE_RELEASES[mode].includes(release);
}
