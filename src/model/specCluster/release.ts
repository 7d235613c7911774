/**
 * Which of the model's releases walks a scenario file's cluster. Every walk is one named
 * release: a file at a release the model has is walked at it; an in-pod file at a release the
 * model does not have is walked with the nearest release whose rules and behaviour it shares
 * (1.22–1.23 as 1.21's TPROXY era, 1.25–1.27 as 1.24's REDIRECT, 1.28+ as 1.30), and says so.
 */
import { firewallFits, releaseFits } from '../releases';
import { ISTIO_RELEASES, type IstioRelease } from '../releases/ids';
import { diag, type Diagnostic } from '../spec/diagnostics';
import type { ClusterSpec } from '../spec/types';

export interface WalkedRelease {
  readonly release: IstioRelease;
  /** Said at the walk when the file's release is not the one walked. */
  readonly note?: string;
}

const minor = (v: string): number | undefined => {
  const m = /^1\.(\d{1,2})$/.exec(v);
  return m ? Number(m[1]) : undefined;
};

/** The in-pod release that stands for a minor version, by the rules it writes. */
function inpodStandIn(n: number): IstioRelease | undefined {
  if (n < 21) return undefined;
  if (n <= 23) return '1.21';
  if (n <= 27) return '1.24';
  return '1.30';
}

/**
 * The release the model walks `spec` at, or why it cannot.
 *
 * @example
 * walkedRelease({ ...spec, mode: 'inpod', istio: '1.26' }); // { release: '1.24', note: … }
 */
export function walkedRelease(spec: ClusterSpec): WalkedRelease | Diagnostic {
  const n = minor(spec.istio);
  const exact = (ISTIO_RELEASES as readonly string[]).includes(spec.istio)
    ? (spec.istio as IstioRelease)
    : undefined;
  const release = exact ?? (spec.mode === 'inpod' && n !== undefined ? inpodStandIn(n) : undefined);
  if (!release || !releaseFits(spec.mode, release))
    return diag(
      'E_RELEASE_NOT_WALKED',
      'error',
      `The model has no ${spec.mode} walk at Istio ${spec.istio}: node redirection is walked at 1.18–1.20 (eBPF at 1.20), in-pod from 1.21.`,
      'Set "istio" to a release the mode exists at.',
      'istio',
    );
  if (!firewallFits(spec.mode, release, spec.firewall))
    return diag(
      'E_FIREWALL_NOT_WALKED',
      'error',
      `firewall "${spec.firewall}" is not walked for ${spec.mode} at Istio ${spec.istio}: istio-cni writes nftables from 1.28, in-pod only.`,
      'Set "firewall" to "iptables".',
      'firewall',
    );
  if (release === spec.istio) return { release };
  // The exact version, when it is one of the file's release (not a leftover of an edit).
  const version = spec.istioVersion?.startsWith(`${spec.istio}.`) ? spec.istioVersion : spec.istio;
  return {
    release,
    note: `This cluster runs Istio ${version}; it is walked with the ${release} release's rules and proxy behaviour, which the model has and ${spec.istio} shares.`,
  };
}
