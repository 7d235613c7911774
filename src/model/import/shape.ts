/**
 * What a parsed JSON (or YAML) value is, and its workloads, services and policies as lists,
 * whatever the release printed: the raw `/config_dump` (lists from 1.23, maps keyed
 * `network/IP` in 1.22, snake_case stores in 1.21), istioctl's per-kind arrays (`workloads`,
 * `services`, `policies`, `connections` -o json), istiod's view (protobuf JSON), a scenario
 * file, or something else (an Envoy dump). Certificates are dropped here, before anything else
 * sees them.
 */
import { diag, type Diagnostic } from '../spec/diagnostics';

type Obj = Record<string, unknown>;

export type DumpFormat =
  'dump-lists' | 'dump-maps' | 'dump-1.21' | 'istioctl' | 'istiod-view' | 'scenario-file';

export interface RawDump {
  readonly format: DumpFormat;
  readonly workloads: readonly Obj[];
  readonly services: readonly Obj[];
  readonly policies: readonly Obj[];
  readonly config?: Obj;
  readonly version?: Obj;
  readonly workloadState?: Obj;
  /** Which istioctl kinds an array held. */
  readonly kinds: readonly ('workloads' | 'services' | 'policies' | 'connections')[];
  /** The value itself, for a scenario file. */
  readonly value?: unknown;
}

export const isObj = (x: unknown): x is Obj =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

/** A list, or a map's values (istioctl's `unmarshalListOrMap`). */
export function listOrMap(x: unknown): Obj[] {
  if (Array.isArray(x)) return x.filter(isObj);
  if (isObj(x)) return Object.values(x).filter(isObj);
  return [];
}

/** How many PEM blocks a value holds (anywhere), so the user can be told they were dropped. */
function countPems(x: unknown, depth = 0): number {
  if (depth > 12) return 0;
  if (typeof x === 'string') return x.includes('-----BEGIN') ? 1 : 0;
  if (Array.isArray(x)) return x.reduce<number>((n, v) => n + countPems(v, depth + 1), 0);
  if (isObj(x)) return Object.values(x).reduce<number>((n, v) => n + countPems(v, depth + 1), 0);
  return 0;
}

const looksWorkload = (o: Obj): boolean =>
  (Array.isArray(o.workloadIps) || typeof o.workloadIp === 'string') && typeof o.name === 'string';
const looksService = (o: Obj): boolean => typeof o.hostname === 'string' && 'vips' in o;
const looksPolicy = (o: Obj): boolean =>
  'action' in o && 'rules' in o && typeof o.name === 'string';
const looksConnections = (o: Obj): boolean => 'state' in o && isObj(o.info);

export interface Shaped {
  readonly dump?: RawDump;
  readonly diagnostics: readonly Diagnostic[];
}

/** Reads a parsed value as a ztunnel dump of some shape, or says what it is instead. */
export function shapeOf(value: unknown, where: string): Shaped {
  const out: Diagnostic[] = [];
  const pems = countPems(value);
  if (pems > 0)
    out.push(
      diag(
        'E_SECRETS',
        'info',
        `Certificates were removed locally before processing (${pems} PEM block${pems === 1 ? '' : 's'}).`,
        undefined,
        where,
      ),
    );
  const done = (dump?: RawDump): Shaped =>
    dump ? { dump, diagnostics: out } : { diagnostics: out };
  const notZtunnel = (): Shaped => {
    out.push(
      diag(
        'E_NOT_ZTUNNEL',
        'error',
        "Couldn't find ztunnel workloads, services or policies in this JSON.",
        'Paste the output of `istioctl ztunnel-config all -o json` (or `kubectl exec -n istio-system ds/ztunnel -- curl -s localhost:15000/config_dump`).',
        where,
      ),
    );
    return done();
  };

  if (Array.isArray(value)) {
    const items = value.filter(isObj);
    if (items.length === 0) return value.length === 0 ? done(emptyIstioctl()) : notZtunnel();
    const kinds = new Set<RawDump['kinds'][number]>();
    const workloads: Obj[] = [];
    const services: Obj[] = [];
    const policies: Obj[] = [];
    let state: Obj | undefined;
    for (const o of items) {
      if (looksWorkload(o)) {
        kinds.add('workloads');
        workloads.push(o);
      } else if (looksService(o)) {
        kinds.add('services');
        services.push(o);
      } else if (looksPolicy(o)) {
        kinds.add('policies');
        policies.push(o);
      } else if (looksConnections(o)) {
        kinds.add('connections');
        const info = o.info as Obj;
        state = { ...state, [`${String(info.namespace)}/${String(info.name)}`]: o };
      }
    }
    if (kinds.size === 0) return notZtunnel();
    return done({
      format: 'istioctl',
      workloads,
      services,
      policies,
      ...(state ? { workloadState: state } : {}),
      kinds: [...kinds],
    });
  }
  if (!isObj(value)) return notZtunnel();

  if (value.version === 1 && isObj(value.request) && 'workloads' in value)
    return done({
      format: 'scenario-file',
      workloads: [],
      services: [],
      policies: [],
      kinds: [],
      value,
    });

  if (Array.isArray(value.configs)) {
    const types = value.configs
      .filter(isObj)
      .map((c) => String(c['@type'] ?? ''))
      .slice(0, 50);
    if (types.some((t) => t.includes('envoy.admin'))) {
      out.push(
        diag(
          'E_ENVOY_DUMP',
          'error',
          'This is an Envoy config dump (sidecar, gateway or waypoint: `istioctl proxy-config all -o json`), not ztunnel’s.',
          'Use `istioctl ztunnel-config all -o json`.',
          where,
        ),
      );
      return done();
    }
    if (types.some((t) => t.includes('istio.workload.Address'))) {
      out.push(
        diag(
          'E_ISTIOD_VIEW',
          'warning',
          'This is istiod’s view of what it sends to ztunnel (port 15014), not ztunnel’s own state. Accepted, but `workloadState`, certificates and the local node are missing.',
          'For the full picture paste `istioctl ztunnel-config all -o json`.',
          where,
        ),
      );
      return done(istiodView(value.configs.filter(isObj)));
    }
    return notZtunnel();
  }

  const snake = ['by_addr', 'by_uid', 'by_hostname', 'by_vip', 'by_key'].some((k) => k in value);
  if (snake) {
    out.push(
      diag(
        'E_LEGACY_FORMAT_121',
        'info',
        'This dump is from Istio 1.21 or earlier. It is supported read-only: maps instead of lists.',
        undefined,
        where,
      ),
    );
    const byUid = new Map<string, Obj>();
    for (const w of [...listOrMap(value.by_uid), ...listOrMap(value.by_addr)])
      byUid.set(String(w.uid ?? w.name ?? byUid.size), w);
    const services = new Map<string, Obj>();
    for (const s of [
      ...listOrMap(value.by_vip),
      ...listOrMap(value.by_hostname).flatMap(listOrMap),
    ])
      if (looksService(s)) services.set(`${String(s.namespace)}/${String(s.hostname)}`, s);
    return done({
      format: 'dump-1.21',
      workloads: [...byUid.values()],
      services: [...services.values()],
      policies: listOrMap(value.by_key ?? value.policies),
      ...(isObj(value.config) ? { config: value.config } : {}),
      ...(isObj(value.version) ? { version: value.version } : {}),
      kinds: [],
    });
  }

  if (!('workloads' in value) && !('services' in value) && !('policies' in value))
    return notZtunnel();
  const maps = isObj(value.workloads) || isObj(value.services);
  return done({
    format: maps ? 'dump-maps' : 'dump-lists',
    workloads: listOrMap(value.workloads),
    services: listOrMap(value.services),
    policies: listOrMap(value.policies),
    ...(isObj(value.config) ? { config: value.config } : {}),
    ...(isObj(value.version) ? { version: value.version } : {}),
    ...(isObj(value.workloadState) ? { workloadState: value.workloadState } : {}),
    kinds: [],
  });
}

function emptyIstioctl(): RawDump {
  return { format: 'istioctl', workloads: [], services: [], policies: [], kinds: [] };
}

/** `AAAAAA==` (protobuf bytes) → `10.0.0.1`. */
function b64Ip(x: unknown): string | undefined {
  if (typeof x !== 'string') return undefined;
  try {
    const bytes = atob(x);
    if (bytes.length === 4) return [...bytes].map((c) => c.charCodeAt(0)).join('.');
  } catch {
    return undefined;
  }
  return undefined;
}

function gateway(g: unknown): Obj | undefined {
  if (!isObj(g)) return undefined;
  const addr = isObj(g.address) ? g.address : undefined;
  const host = isObj(g.hostname) ? g.hostname : undefined;
  const destination = addr
    ? `${String(addr.network ?? '')}/${b64Ip(addr.address) ?? ''}`
    : host
      ? `${String(host.namespace)}/${String(host.hostname)}`
      : undefined;
  return destination
    ? { destination, hboneMtlsPort: g.hboneMtlsPort ?? g.hbone_mtls_port }
    : undefined;
}

/** istiod's protobuf JSON (`istio.workload.Address`) in the dump's own field names. */
function istiodView(configs: readonly Obj[]): RawDump {
  const workloads: Obj[] = [];
  const services: Obj[] = [];
  for (const c of configs) {
    if (isObj(c.workload)) {
      const w = c.workload;
      const wp = gateway(w.waypoint);
      workloads.push({
        ...w,
        workloadIps: (Array.isArray(w.addresses) ? w.addresses : []).map(b64Ip).filter(Boolean),
        protocol: w.tunnelProtocol === 'HBONE' ? 'HBONE' : 'TCP',
        ...(wp ? { waypoint: wp } : {}),
        services: isObj(w.services) ? Object.keys(w.services) : [],
      });
    } else if (isObj(c.service)) {
      const s = c.service;
      const wp = gateway(s.waypoint);
      const ports: Obj = {};
      for (const p of Array.isArray(s.ports) ? s.ports.filter(isObj) : [])
        ports[String(p.servicePort)] = Number(p.targetPort ?? 0);
      services.push({
        ...s,
        vips: (Array.isArray(s.addresses) ? s.addresses.filter(isObj) : []).map(
          (a) => `${String(a.network ?? '')}/${b64Ip(a.address) ?? ''}`,
        ),
        ports,
        ...(wp ? { waypoint: wp } : {}),
      });
    }
  }
  return { format: 'istiod-view', workloads, services, policies: [], kinds: [] };
}
