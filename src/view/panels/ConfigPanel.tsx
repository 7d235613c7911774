import { useMemo } from 'react';
import {
  ztunnelConfigListing,
  type Cluster,
  type Hop,
  type PortableWalk as Walk,
} from '../../model';
import { useFullCluster } from './useFullCluster';
import './listing.css';
import './config-panel.css';

/**
 * ztunnel's workload entries as the article shows them (`waypointAddresses` fills in when a
 * waypoint is deployed), its policies, and the AuthorizationPolicies of the scenario.
 */
export default function ConfigPanel({ walk, hop }: { walk: Walk; hop: Hop | undefined }) {
  const cluster = useFullCluster(walk.scenario);
  const listing = useMemo(() => ztunnelConfigListing(cluster), [cluster]);
  const refs = new Set(
    (hop?.actor.refs ?? []).filter((r) => r.section === 'ztunnel-config').map((r) => r.lineId),
  );
  return (
    <div className="config-panel">
      <p className="muted">
        The same data every ztunnel gets from istiod; the walk's decisions are lookups in it. Format
        of the article's ztunnel (workload fields of Feb–Mar 2023).
      </p>
      <div className="listing-command">
        <code>{listing.command}</code>
      </div>
      <pre className="json" tabIndex={0} aria-label="ztunnel config dump">
        {listing.lines.map((l, i) => {
          const waypoint = l.text.includes('"waypointAddresses": [') && !l.text.includes('[]');
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
              {policyYaml(p)}
            </pre>
          ))}
        </section>
      )}
    </div>
  );
}

function policyYaml(p: Cluster['policies'][number]): string {
  const lines = [
    'apiVersion: security.istio.io/v1beta1',
    'kind: AuthorizationPolicy',
    'metadata:',
    `  name: ${p.name}`,
    `  namespace: ${p.namespace}`,
    'spec:',
    '  selector:',
    '    matchLabels:',
    ...Object.entries(p.selector).map(([k, v]) => `      ${k}: ${v}`),
    `  action: ${p.action}`,
    '  rules:',
  ];
  for (const r of p.rules) {
    let first = true;
    const dash = (): string => {
      const d = first ? '  - ' : '    ';
      first = false;
      return d;
    };
    if (r.from) {
      lines.push(`${dash()}from:`);
      for (const s of r.from)
        lines.push(
          `    - source:`,
          `        principals: [${(s.principals ?? []).map((x) => `"${x}"`).join(', ')}]`,
        );
    }
    if (r.to) {
      lines.push(`${dash()}to:`);
      for (const o of r.to) {
        lines.push('    - operation:');
        if (o.methods)
          lines.push(`        methods: [${o.methods.map((x) => `"${x}"`).join(', ')}]`);
        if (o.paths) lines.push(`        paths: [${o.paths.map((x) => `"${x}"`).join(', ')}]`);
      }
    }
  }
  return `${lines.join('\n')}\n# ${p.intent}`;
}
