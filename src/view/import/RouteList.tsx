import type { CrossCheck, RouteHop, SpecRoute } from '../../model/import';

const KIND_WORDS: Record<RouteHop['kind'], string> = {
  send: 'sends',
  'ztunnel-outbound': 'ztunnel outbound',
  waypoint: 'waypoint',
  'ztunnel-inbound': 'ztunnel inbound',
  deliver: 'delivered',
  passthrough: 'passthrough',
};
const OUTCOME_WORDS: Record<SpecRoute['outcome'], string> = {
  delivered: 'Delivered',
  denied: 'Denied by policy',
  refused: 'Refused: no endpoint',
  unresolved: 'Not walkable',
};

const addr = (p: RouteHop['src']): string => `${p.ip}${p.port !== undefined ? `:${p.port}` : ''}`;

/** The imported cluster's request as ztunnel handles it, one row per decision. */
export function RouteList({ route, check }: { route: SpecRoute; check?: CrossCheck | undefined }) {
  const status = new Map(check?.hops.map((h) => [h.hop, h]) ?? []);
  return (
    <div className="import-route" data-outcome={route.outcome}>
      <p className="import-outcome">
        <strong>{OUTCOME_WORDS[route.outcome]}</strong> · {route.hops.length} steps
      </p>
      <ol className="import-hops">
        {route.hops.map((h, i) => {
          const c = status.get(i);
          return (
            <li key={i} data-kind={h.kind} data-check={c?.status}>
              <span className="import-hop-kind">{KIND_WORDS[h.kind]}</span> <code>{h.actor}</code>{' '}
              on <code>{h.node}</code>: <code>{addr(h.src)}</code>
              {h.src.identity && <span className="muted"> ({h.src.identity})</span>} →{' '}
              <code>{addr(h.dst)}</code>
              {h.dst.workload && <span className="muted"> {h.dst.workload}</span>}
              {h.hbone && (
                <>
                  {' '}
                  HBONE <code>CONNECT {h.hbone}</code>
                </>
              )}
              {h.policy && (
                <span className="muted">
                  {' '}
                  · policy: {h.policy.allowed ? 'allowed' : 'denied'}
                  {h.policy.policy ? ` by ${h.policy.policy}` : ` (${h.policy.reason})`}
                </span>
              )}
              {h.choice && <div className="muted">chose {h.choice}</div>}
              {c && (
                <div className="import-check">
                  access log:{' '}
                  {c.status === 'agree'
                    ? `agrees (line ${c.line})`
                    : c.status === 'absent'
                      ? 'no line for this step'
                      : `disagrees at line ${c.line}: ${c.disagreement?.field} is ${c.disagreement?.actual}, the walk has ${c.disagreement?.expected}`}
                </div>
              )}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
