/**
 * Which redirection mode and Istio release a dump (and the pod's rules) come from, and what
 * says so (domain file §3.1 "Derivations"): the version fields first, then the in-pod markers
 * in `config`, then the fields each release added. `proxyMode: Shared` is not a marker: 1.19
 * and 1.20 have it too.
 */
import type { SpecMode } from '../spec/types';
import { isObj, type RawDump } from './shape';

export interface Detected {
  readonly mode?: SpecMode;
  /** `1.24` */
  readonly istio?: string;
  /** `1.24.1` */
  readonly istioVersion?: string;
  /** The release is a lower bound read from fields, not a version string. */
  readonly istioAtLeast?: boolean;
  /** In-pod markers were looked for in a `config` and not found (a pre-in-pod ztunnel). */
  readonly preInpod?: boolean;
  /** What each conclusion was read from, for the dialog. */
  readonly evidence: readonly string[];
}

const minorOf = (v: string): string | undefined => /^v?(1\.\d{1,2})(\.|-|$)/.exec(v)?.[1];
const minorNumber = (m: string): number => Number(m.split('.')[1]);

/** The first field that names a version. */
function versionOf(d: RawDump): { version?: string; from?: string } {
  const meta = isObj(d.config?.proxyMetadata) ? d.config.proxyMetadata : undefined;
  const candidates: [unknown, string][] = [
    [meta?.ISTIO_VERSION, 'config.proxyMetadata.ISTIO_VERSION'],
    [d.version?.istioVersion, 'version.istioVersion'],
    [d.version?.gitTag, 'version.gitTag'],
    [(d.config as Record<string, unknown> | undefined)?.proxy_metadata, 'config.proxy_metadata'],
  ];
  for (const [v, from] of candidates) {
    const s =
      typeof v === 'string'
        ? v
        : isObj(v) && typeof v.ISTIO_VERSION === 'string'
          ? v.ISTIO_VERSION
          : '';
    if (minorOf(s)) return { version: s, from };
  }
  return {};
}

/** The newest release whose fields the dump has (a lower bound). */
function fieldsFloor(d: RawDump): { minor: number; why: string } | undefined {
  const has = (list: readonly Record<string, unknown>[], key: string): boolean =>
    list.some((o) => key in o);
  const rbacHas = (key: string): boolean => JSON.stringify(d.policies).includes(`"${key}"`);
  const floors: [boolean, number, string][] = [
    [has(d.services, 'cidrVips'), 30, 'Services have cidrVips (1.30+)'],
    [
      has(d.services, 'canonical') || has(d.policies, 'dryRun'),
      29,
      'canonical / dryRun fields (1.29+)',
    ],
    [has(d.workloads, 'capacity'), 26, 'workloads have capacity (1.26+)'],
    [rbacHas('serviceAccounts'), 25, 'policies match serviceAccounts (1.25+)'],
    [d.format === 'dump-lists', 23, 'workloads and services are lists (1.23+)'],
  ];
  const hit = floors.find(([yes]) => yes);
  return hit ? { minor: hit[1], why: hit[2] } : undefined;
}

/** Mode and release from a dump; rule shapes are weighed in by `rules.ts`. */
export function detectRelease(d: RawDump): Detected {
  const evidence: string[] = [];
  const c = d.config;
  const { version, from } = versionOf(d);
  let istio = version ? minorOf(version) : undefined;
  let atLeast = false;
  if (version) evidence.push(`Istio ${version} (${from})`);
  else {
    const floor = fieldsFloor(d);
    if (floor) {
      istio = `1.${floor.minor}`;
      atLeast = true;
      evidence.push(`no version in the input; ${floor.why}`);
    } else if (d.format === 'dump-1.21') {
      istio = '1.21';
      atLeast = false;
      evidence.push('snake_case stores (by_addr, by_uid): Istio 1.21 or earlier');
    } else if (d.format === 'dump-maps') {
      istio = '1.22';
      evidence.push('workloads and services are maps: Istio 1.22 (or istioctl’s test format)');
    }
  }
  const workload118 = d.workloads.some(
    (w) => 'workloadIp' in w || 'waypointAddresses' in w || 'gatewayAddress' in w,
  );
  if (workload118) {
    evidence.push('workloads have workloadIp / waypointAddresses (Istio 1.18)');
    return { mode: 'iptables', istio: '1.18', preInpod: true, evidence };
  }
  if (!c) {
    if (istio && minorNumber(istio) >= 21) {
      evidence.push('no ztunnel config in the input; in-pod is the only mode from 1.21');
      return {
        mode: 'inpod',
        istio,
        ...(version ? { istioVersion: version } : {}),
        istioAtLeast: atLeast,
        evidence,
      };
    }
    evidence.push('no ztunnel config in the input: the mode cannot be read from it');
    return {
      ...(istio ? { istio } : {}),
      ...(version ? { istioVersion: version } : {}),
      istioAtLeast: atLeast,
      evidence,
    };
  }
  const inpod =
    ('inpodUds' in c && 'packetMark' in c) ||
    c.inpodEnabled === true ||
    c.inpod_enabled === true ||
    ('inpod_uds' in c && 'packet_mark' in c);
  if (inpod) {
    evidence.push(
      'inpodUds' in c
        ? 'config has inpodUds and packetMark (in-pod)'
        : 'config has inpod enabled (in-pod)',
    );
    return {
      mode: 'inpod',
      ...(istio ? { istio } : {}),
      ...(version ? { istioVersion: version } : {}),
      istioAtLeast: atLeast,
      evidence,
    };
  }
  evidence.push('config has no in-pod marker (inpodUds/packetMark, inpodEnabled, inpod_enabled)');
  return {
    mode: 'iptables',
    ...(istio ? { istio } : {}),
    ...(version ? { istioVersion: version } : {}),
    preInpod: true,
    evidence,
  };
}

/** Release numbers compared: `1.9` < `1.24`. */
export function compareMinor(a: string, b: string): number {
  return minorNumber(a) - minorNumber(b);
}
