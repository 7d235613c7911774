/**
 * The cross-check: pasted ztunnel access-log lines against the hops of a walk that ztunnel
 * logs (its outbound and inbound connections). Each such hop finds the lines of the same
 * direction, source workload and Service; the best one is compared field by field, and the
 * result is agreement or the first field that disagrees. Lines from another capture (their
 * addresses are not in the cluster) are compared by role: workloads by Deployment (the pod
 * name without its hashes), addresses by port, identities and Services exactly.
 */
import { deploymentOf } from '../spec/types';
import type { ClusterSpec } from '../spec/types';
import type { AccessLogEntry } from './accessLog';
import type { RouteHop } from './route';

export interface FieldDisagreement {
  readonly field: string;
  readonly expected: string;
  readonly actual: string;
}

export interface HopCheck {
  /** Index of the hop in the walk. */
  readonly hop: number;
  readonly direction: 'outbound' | 'inbound';
  readonly status: 'agree' | 'disagree' | 'absent';
  /** The line compared (1-based in the paste). */
  readonly line?: number;
  readonly disagreement?: FieldDisagreement;
  /** Other lines for the same hop that disagree (another time, another route). */
  readonly othersDisagreeing: number;
}

export interface CrossCheck {
  readonly verdict: 'agree' | 'disagree' | 'nothing-matched';
  readonly hops: readonly HopCheck[];
  readonly first?: HopCheck;
  /** The log's addresses are this cluster's (else compared by role). */
  readonly sameCapture: boolean;
}

export { deploymentOf };

const nameOf = (ref?: string): string | undefined => ref?.split('/')[1];
const nsOf = (ref?: string): string | undefined => ref?.split('/')[0];
const portOf = (addr: string): string => addr.slice(addr.lastIndexOf(':') + 1);

/** What ztunnel would log for a hop, as `field → value` in the log's order. */
export function expectedFields(h: RouteHop): [string, string][] {
  const f: [string, string | undefined][] = [
    ['src.workload', nameOf(h.src.workload)],
    ['src.namespace', nsOf(h.src.workload)],
    ['src.identity', h.src.identity],
    ['dst.addr', `${h.dst.ip}:${h.dst.port}`],
    ['dst.hbone_addr', h.hbone],
    ['dst.service', h.service],
    ['dst.workload', nameOf(h.dst.workload)],
    ['dst.namespace', nsOf(h.dst.workload)],
    ['dst.identity', h.dst.identity],
  ];
  return f.filter((x): x is [string, string] => x[1] !== undefined);
}

function compare(
  expected: [string, string][],
  e: AccessLogEntry,
  sameCapture: boolean,
): FieldDisagreement[] {
  const out: FieldDisagreement[] = [];
  for (const [field, want] of expected) {
    const got = e.fields[field];
    if (got === undefined) continue; // ztunnel omits empty fields; absence is not a claim.
    const same = field.endsWith('.workload')
      ? sameCapture
        ? got === want
        : deploymentOf(got) === deploymentOf(want)
      : field.endsWith('addr') && !sameCapture
        ? portOf(got) === portOf(want)
        : got === want;
    if (!same) out.push({ field, expected: want, actual: got });
  }
  return out;
}

/** Compares the log with the walk's logged hops; see the module comment. */
export function crossCheck(
  spec: ClusterSpec,
  hops: readonly RouteHop[],
  entries: readonly AccessLogEntry[],
): CrossCheck {
  // Same capture: a line's source address is the address this cluster gives that very pod.
  const podAt = new Map(spec.workloads.flatMap((w) => w.ips.map((ip) => [ip, w.name] as const)));
  const sameCapture = entries.some(
    (e) =>
      e.fields['src.workload'] !== undefined &&
      podAt.get((e.fields['src.addr'] ?? '').replace(/:\d+$/, '')) === e.fields['src.workload'],
  );
  const checks: HopCheck[] = [];
  hops.forEach((h, i) => {
    if (!h.logs) return;
    const expected = expectedFields(h);
    const srcName = nameOf(h.src.workload) ?? '';
    const candidates = entries.filter(
      (e) =>
        e.fields.direction === h.logs &&
        (sameCapture
          ? e.fields['src.addr']?.startsWith(`${h.src.ip}:`)
          : deploymentOf(e.fields['src.workload'] ?? '') === deploymentOf(srcName)) &&
        (!h.service || !e.fields['dst.service'] || e.fields['dst.service'] === h.service),
    );
    if (candidates.length === 0) {
      checks.push({ hop: i, direction: h.logs, status: 'absent', othersDisagreeing: 0 });
      return;
    }
    const scored = candidates
      .map((e) => ({ e, d: compare(expected, e, sameCapture) }))
      .sort((a, b) => a.d.length - b.d.length || a.e.line - b.e.line);
    const best = scored[0]!;
    const others = scored.slice(1).filter((s) => s.d.length > 0).length;
    checks.push({
      hop: i,
      direction: h.logs,
      status: best.d.length ? 'disagree' : 'agree',
      line: best.e.line,
      ...(best.d[0] ? { disagreement: best.d[0] } : {}),
      othersDisagreeing: others,
    });
  });
  const first = checks.find((c) => c.status === 'disagree');
  const verdict = first
    ? 'disagree'
    : checks.some((c) => c.status === 'agree')
      ? 'agree'
      : 'nothing-matched';
  return { verdict, hops: checks, ...(first ? { first } : {}), sameCapture };
}
