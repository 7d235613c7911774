import { useMemo } from 'react';
import {
  authorizationPolicyYaml,
  ztunnelConfigListing,
  type Hop,
  type PortableWalk as Walk,
} from '../../model';
import { useFullCluster } from './useFullCluster';
import './listing.css';
import './config-panel.css';

/**
 * ztunnel's config dump as the walk's release prints it (the workload's waypoint fills in when
 * one is deployed), its policies, and the AuthorizationPolicies of the scenario as written.
 */
export default function ConfigPanel({ walk, hop }: { walk: Walk; hop: Hop | undefined }) {
  const cluster = useFullCluster(walk);
  const listing = useMemo(() => ztunnelConfigListing(cluster), [cluster]);
  const refs = new Set(
    (hop?.actor.refs ?? []).filter((r) => r.section === 'ztunnel-config').map((r) => r.lineId),
  );
  return (
    <div className="config-panel">
      <p className="muted">
        The same data every ztunnel gets from istiod; the walk's decisions are lookups in it, in the
        format {listing.title}.
      </p>
      <div className="listing-command">
        <code>{listing.command}</code>
      </div>
      <pre className="json" tabIndex={0} aria-label="ztunnel config dump">
        {listing.lines.map((l, i) => {
          const waypoint = l.emphasis === 'waypoint';
          const hit = l.id !== undefined && refs.has(l.id);
          return (
            <span
              key={i}
              className={`line${hit ? ' acting' : ''}${waypoint ? ' waypoint-line' : ''}`}
            >
              {hit || waypoint ? <mark>{l.text}</mark> : l.text}
              {'\n'}
            </span>
          );
        })}
      </pre>
      {cluster.policies.length > 0 && (
        <section className="listing">
          <h3>AuthorizationPolicy</h3>
          {cluster.policies.map((p) => (
            <pre
              key={p.name}
              className="yaml"
              tabIndex={0}
              aria-label={`AuthorizationPolicy ${p.name}`}
            >
              {authorizationPolicyYaml(p)}
            </pre>
          ))}
        </section>
      )}
    </div>
  );
}
