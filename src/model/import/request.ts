/**
 * The request of an imported cluster: which workloads can send it (From), where it can go (To:
 * a Service's host:port, or a workload's IP:port), a default pick, and what ztunnel would make
 * of a choice (domain file §3.2, "Source and destination lookup") before the walk is asked for.
 */
import { diag, type Diagnostic } from '../spec/diagnostics';
import type { ClusterSpec, SpecRequest, SpecService, SpecWorkload } from '../spec/types';

const ref = (o: { namespace: string; name: string }): string => `${o.namespace}/${o.name}`;

/** A destination a picker offers: `reviews.bookinfo:9080`, with what it is. */
export interface DestinationChoice {
  readonly to: string;
  readonly label: string;
  readonly kind: 'service' | 'workload';
}

/** Workloads a request can start at: applications first (enrolled before not), then the rest. */
export function sourceChoices(spec: ClusterSpec): SpecWorkload[] {
  const rank = (w: SpecWorkload): number => (w.kind === 'app' ? (w.enrolled ? 0 : 1) : 2);
  return [...spec.workloads].sort((a, b) => rank(a) - rank(b) || ref(a).localeCompare(ref(b)));
}

/** Every Service port as `name.namespace:port`, then every workload IP (port 80 as a start). */
export function destinationChoices(spec: ClusterSpec): DestinationChoice[] {
  const services = [...spec.services]
    .sort((a, b) => ref(a).localeCompare(ref(b)))
    .flatMap((s) =>
      s.ports.map((p) => ({
        to: `${s.name}.${s.namespace}:${p.port}`,
        label: `${s.name}.${s.namespace}:${p.port}${s.waypoint ? ` (waypoint ${s.waypoint})` : ''}`,
        kind: 'service' as const,
      })),
    );
  const pods = spec.workloads
    .filter((w) => w.kind === 'app' && w.ips[0])
    .map((w) => ({
      to: `${w.ips[0]}:80`,
      label: `${w.ips[0]} (${ref(w)})`,
      kind: 'workload' as const,
    }));
  return [...services, ...pods];
}

/** A first request for an imported cluster: an enrolled app to another app's Service. */
export function defaultRequest(
  workloads: readonly SpecWorkload[],
  services: readonly SpecService[],
): SpecRequest | undefined {
  const apps = workloads.filter((w) => w.kind === 'app');
  const from = apps.find((w) => w.enrolled) ?? apps[0] ?? workloads[0];
  if (!from) return undefined;
  // An application's Service: one whose endpoints are apps other than the source (a waypoint's
  // own Service takes HBONE on 15008, not a request).
  const kindOf = new Map(workloads.map((w) => [ref(w), w.kind]));
  const appService = (s: SpecService): boolean =>
    Boolean(s.ports[0] && s.endpoints?.length) &&
    !s.endpoints!.some((e) => e.workload === ref(from)) &&
    s.endpoints!.every((e) => kindOf.get(e.workload) === 'app');
  const target = services.find((s) => s.waypoint && appService(s)) ?? services.find(appService);
  const other = workloads.find((w) => w !== from && w.ips[0]);
  const to = target
    ? `${target.name}${target.namespace === from.namespace ? '' : `.${target.namespace}`}:${target.ports[0]!.port}`
    : other
      ? `${other.ips[0]}:80`
      : `${from.ips[0] ?? '127.0.0.1'}:80`;
  return {
    from: ref(from),
    to,
    method: 'GET',
    path: '/',
    provenance: {
      from: { kind: 'illustrative', note: 'picked by the importer; choose From and To' },
      to: { kind: 'illustrative', note: 'picked by the importer; choose From and To' },
    },
  };
}

export type ResolvedDestination =
  | {
      readonly kind: 'service';
      readonly service: SpecService;
      readonly port: number;
      readonly targetPort: number;
    }
  | { readonly kind: 'workload'; readonly workload: SpecWorkload; readonly port: number }
  | { readonly kind: 'passthrough'; readonly address: string; readonly port: number };

export interface ResolvedRequest {
  readonly source?: SpecWorkload;
  readonly destination?: ResolvedDestination;
  readonly diagnostics: readonly Diagnostic[];
}

/** The Service a host names: `reviews` (the source's namespace), `reviews.bookinfo`, the FQDN. */
function serviceByHost(spec: ClusterSpec, host: string, from: string): SpecService | undefined {
  const ns = from.split('/')[0];
  return spec.services.find(
    (s) =>
      s.hostname === host ||
      `${s.name}.${s.namespace}` === host ||
      `${s.name}.${s.namespace}.svc` === host ||
      (s.name === host && s.namespace === ns),
  );
}

/**
 * What ztunnel would make of the spec's request: the source workload (and whether it is local
 * to the dump's node and captured), the destination (a Service port, a workload, or an address
 * ztunnel passes through), with the domain's lookup diagnostics.
 */
export function resolveRequest(
  spec: ClusterSpec,
  unresolvedWaypoints: Readonly<Record<string, string>> = {},
): ResolvedRequest {
  const out: Diagnostic[] = [];
  const r = spec.request;
  const source = spec.workloads.find((w) => ref(w) === r.from || w.ips.includes(r.from));
  if (!source) {
    out.push(
      diag(
        'E_SRC_NOT_FOUND',
        'error',
        `No workload ${r.from} in this dump. Is it from the source pod's node?`,
        'Pick a workload under From.',
      ),
    );
    return { diagnostics: out };
  }
  const who = ref(source);
  if (spec.localNode && source.node !== spec.localNode)
    out.push(
      diag(
        'E_SRC_NOT_LOCAL',
        'info',
        `This ztunnel (node ${spec.localNode}) doesn't run the proxy for pod ${who} (node ${source.node}). Its outbound decision happens on ${source.node}'s ztunnel.`,
        `For ${source.node}'s workloadState and certificates, paste that node's ztunnel dump; workloads, Services and policies are the same in every ztunnel.`,
      ),
    );
  if (!source.enrolled)
    out.push(
      diag(
        'E_SRC_NOT_ENROLLED',
        'warning',
        `Pod ${who} isn't captured (no in-pod rules / no ztunnel proxy). Its traffic leaves unproxied.`,
        'The walk shows a request from outside the mesh.',
      ),
    );
  const m = /^(.*):(\d{1,5})$/.exec(r.to);
  const host = (m?.[1] ?? r.to).replace(/^\[|\]$/g, '');
  const port = Number(m?.[2] ?? 80);
  const service =
    serviceByHost(spec, host, r.from) ?? spec.services.find((s) => s.vips.includes(host));
  if (service) {
    const p = service.ports.find((x) => x.port === port);
    if (!p) {
      out.push(
        diag(
          'E_SVC_PORT',
          'error',
          `Service ${ref(service)} has no port ${port}: ztunnel will refuse ('no healthy upstream' / port not found).`,
          `Pick one of its ports: ${service.ports.map((x) => x.port).join(', ') || 'none'}.`,
        ),
      );
      return { source, diagnostics: out };
    }
    const healthy = (service.endpoints ?? []).filter((e) => e.healthy !== false);
    if (healthy.length === 0)
      out.push(
        diag(
          'E_NO_ENDPOINTS',
          'error',
          `Service ${ref(service)} has no healthy endpoints: connection fails with 'no healthy upstream'.`,
          'Pick another Service, or check its pods are ready.',
        ),
      );
    const lost = unresolvedWaypoints[ref(service)];
    if (lost)
      out.push(
        diag(
          'E_WAYPOINT_UNRESOLVED',
          'error',
          `Waypoint ${lost} is referenced but not in this dump; ztunnel would fail with 'unknown waypoint'.`,
          'Paste a dump that has the waypoint’s Service.',
        ),
      );
    return {
      source,
      destination: { kind: 'service', service, port, targetPort: p.targetPort },
      diagnostics: out,
    };
  }
  const workload = spec.workloads.find((w) => w.ips.includes(host));
  if (workload)
    return { source, destination: { kind: 'workload', workload, port }, diagnostics: out };
  out.push(
    diag(
      'E_DST_UNKNOWN',
      'info',
      `ztunnel doesn't know ${host}: it will be passed through as plain TCP.`,
    ),
  );
  return { source, destination: { kind: 'passthrough', address: host, port }, diagnostics: out };
}
