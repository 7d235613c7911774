/**
 * ztunnel's inbound decisions (1.18–1.20, the same code): `serve_connect` for HBONE on 15008 and
 * `proxy_inbound_plaintext` for plaintext on 15006. Both check the destination's waypoint and
 * the L4 policy, and then connect to the workload with the original source IP.
 */
import type { Ipv4 } from '../addresses';
import { principalText, type SpiffeId } from '../packet';
import { ztunnelRbac, type PolicyDecision } from '../policy/evaluate';
import type { RbacSemantics } from '../policy/types';
import type { DenyLog, WaypointEnforcement } from '../releases/types';
import {
  fetchWaypoint,
  fetchWorkload,
  policiesFor,
  workloadIdentity,
  type ZtunnelStore,
  type ZtunnelWorkload,
} from './store';

export type InboundResult =
  | {
      readonly kind: 'reject';
      readonly status: 400 | 401 | 404 | 'closed';
      readonly log: string;
      readonly rbac?: PolicyDecision;
    }
  | {
      readonly kind: 'proxy';
      readonly target: { readonly ip: Ipv4; readonly port: number };
      /** The address ztunnel binds (IP_TRANSPARENT) when it connects to the workload. */
      readonly sourceIp: Ipv4;
      readonly fromWaypoint: boolean;
      readonly rbac?: PolicyDecision;
    }
  | {
      readonly kind: 'hairpin-to-waypoint';
      readonly waypoint: Ipv4;
      readonly waypointWorkload: ZtunnelWorkload;
    };

export interface InboundDecision {
  readonly result: InboundResult;
  readonly destination?: ZtunnelWorkload;
  readonly steps: readonly string[];
}

function parseAuthority(authority: string): { ip: Ipv4; port: number } | undefined {
  const m = /^(\d+\.\d+\.\d+\.\d+):(\d+)$/.exec(authority);
  return m ? { ip: m[1] as Ipv4, port: Number(m[2]) } : undefined;
}

/** True when the client's identity is that of the destination's waypoint (`check_waypoint`). */
function isFromWaypoint(
  store: ZtunnelStore,
  upstream: ZtunnelWorkload,
  client?: SpiffeId,
): boolean {
  const wp = fetchWaypoint(store, upstream);
  if (!wp || !client) return false;
  return principalText(workloadIdentity(store, wp.workload)) === principalText(client);
}

/** The release's inbound switches (releases/types.ts). */
export interface InboundRules {
  readonly waypointEnforcement: WaypointEnforcement;
  readonly denyLog: DenyLog;
}

const NODE_INBOUND: InboundRules = {
  waypointEnforcement: 'waypoint-only',
  denyLog: 'rbac-rejected',
};

/**
 * What ztunnel logs when L4 policy refuses a connection: `RBAC rejected` (to 1.21), the access
 * log's `connection closed due to policy rejection` (1.22, 1.23), with the policy named from
 * 1.24 (istio/ztunnel#1273, `AuthorizationRejectionError` Display in src/proxy.rs).
 */
export function denyLogText(
  rules: InboundRules,
  a: { clientIp: Ipv4; principal?: string; target: string; rbac: PolicyDecision },
): string {
  if (rules.denyLog === 'rbac-rejected')
    return `RBAC rejected conn=${a.clientIp}(${a.principal ? `spiffe://${a.principal}` : 'None'})->${a.target}`;
  const why =
    rules.denyLog === 'policy-rejection'
      ? ''
      : a.rbac.policy
        ? `: explicitly denied by: ${a.rbac.policy}`
        : ': allow policies exist, but none allowed';
  return `error access connection complete src.addr=${a.clientIp}${a.principal ? ` src.identity="spiffe://${a.principal}"` : ''} dst.hbone_addr=${a.target} direction="inbound" error="connection closed due to policy rejection${why}"`;
}

/**
 * `serve_connect`: an HBONE CONNECT arrived on 15008 for the original destination `origDst`.
 * `forwardedFor` is the Forwarded header's `for=` address, trusted only from the waypoint; without
 * one, the source is the TCP peer (`get_original_src_from_fwded(&req).unwrap_or(conn.src_ip)`).
 */
export function serveConnect(
  store: ZtunnelStore,
  sem: RbacSemantics,
  args: {
    readonly client?: SpiffeId;
    readonly clientIp: Ipv4;
    readonly origDst: Ipv4;
    readonly authority: string;
    readonly forwardedFor?: Ipv4;
  },
  rules: InboundRules = NODE_INBOUND,
): InboundDecision {
  const steps: string[] = [`got CONNECT request to ${args.authority}`];
  const addr = parseAuthority(args.authority);
  if (!addr)
    return {
      result: { kind: 'reject', status: 400, log: `Sending 400, bad authority ${args.authority}` },
      steps,
    };
  if (addr.ip !== args.origDst) {
    return {
      result: {
        kind: 'reject',
        status: 400,
        log: `Sending 400, ip mismatch ${args.authority} != ${args.origDst}`,
      },
      steps,
    };
  }
  const upstream = fetchWorkload(store, addr.ip);
  if (!upstream)
    return { result: { kind: 'reject', status: 404, log: 'unknown destination' }, steps };
  // 1.22+ (ztunnel c52dc8b5): no waypoint check at all; policy applies to whoever connects.
  const enforce = rules.waypointEnforcement === 'waypoint-only';
  const hasWaypoint = enforce && upstream.waypoint !== undefined;
  const fromWaypoint = enforce && isFromWaypoint(store, upstream, args.client);
  const principal = args.client ? principalText(args.client) : undefined;
  let rbac: PolicyDecision | undefined;
  if (fromWaypoint) {
    steps.push(
      `the client is ${upstream.name}'s waypoint (${principal}): "request from waypoint, skipping policy"`,
    );
  } else {
    rbac = ztunnelRbac(
      policiesFor(store, upstream),
      {
        ...(principal ? { principal, namespace: args.client?.namespace } : {}),
        dstPort: addr.port,
      },
      sem,
    );
    steps.push(`RBAC for ${principal ?? 'no identity'} → ${args.authority}: ${rbac.reason}`);
    if (!rbac.allowed) {
      return {
        result: {
          kind: 'reject',
          status: 401,
          log: denyLogText(rules, {
            clientIp: args.clientIp,
            ...(principal ? { principal } : {}),
            target: args.authority,
            rbac,
          }),
          rbac,
        },
        destination: upstream,
        steps,
      };
    }
  }
  if (hasWaypoint && !fromWaypoint) {
    steps.push(
      'the destination has a waypoint but the connection did not come from it: "bypassed waypoint"',
    );
    return {
      result: { kind: 'reject', status: 401, log: 'bypassed waypoint', ...(rbac ? { rbac } : {}) },
      destination: upstream,
      steps,
    };
  }
  const sourceIp = fromWaypoint && args.forwardedFor ? args.forwardedFor : args.clientIp;
  if (fromWaypoint)
    steps.push(
      args.forwardedFor
        ? `original source taken from the Forwarded header: ${sourceIp}`
        : `no Forwarded header: the source is the TCP peer, the waypoint ${sourceIp}`,
    );
  steps.push(
    `connect to ${args.authority} with source ${sourceIp} (original source, IP_TRANSPARENT)`,
  );
  return {
    result: { kind: 'proxy', target: addr, sourceIp, fromWaypoint, ...(rbac ? { rbac } : {}) },
    destination: upstream,
    steps,
  };
}

/** `proxy_inbound_plaintext`: plaintext TCP captured to 15006 for `origDst:port`. */
export function servePlaintext(
  store: ZtunnelStore,
  sem: RbacSemantics,
  args: { readonly clientIp: Ipv4; readonly origDst: Ipv4; readonly port: number },
  rules: InboundRules = NODE_INBOUND,
): InboundDecision {
  const steps: string[] = [
    `inbound plaintext: accepted connection from ${args.clientIp} to ${args.origDst}:${args.port}`,
  ];
  const upstream = fetchWorkload(store, args.origDst);
  if (!upstream)
    return { result: { kind: 'reject', status: 404, log: 'unknown destination' }, steps };
  // The plaintext hairpin to the waypoint went with the waypoint check in 1.22.
  const wp =
    rules.waypointEnforcement === 'waypoint-only' ? fetchWaypoint(store, upstream) : undefined;
  if (wp) {
    steps.push(
      `${upstream.name} has a waypoint: "we forward it to the waypoint ourselves, which will hairpin back to us" (no RBAC here)`,
    );
    return {
      result: {
        kind: 'hairpin-to-waypoint',
        waypoint: wp.workload.workloadIp,
        waypointWorkload: wp.workload,
      },
      destination: upstream,
      steps,
    };
  }
  const rbac = ztunnelRbac(policiesFor(store, upstream), { dstPort: args.port }, sem);
  steps.push(`RBAC with src_identity None → ${args.origDst}:${args.port}: ${rbac.reason}`);
  if (!rbac.allowed) {
    return {
      // 1.18 `inbound_passthrough.rs`: `info!("RBAC rejected"); return Ok(())` — no status, the
      // accepted socket is simply closed.
      result: {
        kind: 'reject',
        status: 'closed',
        log: denyLogText(rules, {
          clientIp: args.clientIp,
          target: `${args.origDst}:${args.port}`,
          rbac,
        }),
        rbac,
      },
      destination: upstream,
      steps,
    };
  }
  return {
    result: {
      kind: 'proxy',
      target: { ip: args.origDst, port: args.port },
      sourceIp: args.clientIp,
      fromWaypoint: false,
      rbac,
    },
    destination: upstream,
    steps,
  };
}
