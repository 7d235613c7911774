import { useEffect, useMemo, useState } from 'react';
import { routeSpec } from '../../model/import';
import { loadCluster, type ClusterSource } from './clusterSource';
import { Diagnostics } from './Diagnostics';
import { RouteList } from './RouteList';
import './import-dialog.css';

/**
 * A `cluster=` cluster in the embed and presenter mode: its request walked at ztunnel's level,
 * where the full view opens it in the Import dialog. Loaded on demand.
 */
export default function ClusterPanel({ cluster }: { cluster: string }) {
  const [source, setSource] = useState<ClusterSource | undefined>();
  useEffect(() => {
    let live = true;
    void loadCluster(cluster).then((r) => {
      if (live) setSource(r);
    });
    return () => {
      live = false;
    };
  }, [cluster]);
  const route = useMemo(() => (source?.spec ? routeSpec(source.spec) : undefined), [source]);
  return (
    <section
      className="cluster-panel"
      aria-labelledby="cluster-panel-title"
      data-testid="cluster-panel"
    >
      <h2 id="cluster-panel-title">
        {source?.spec ? source.spec.name : source ? 'Cluster not loaded' : 'Loading the cluster…'}
        {source?.spec && (
          <span className="muted">
            {' '}
            {source.spec.request.from} → {source.spec.request.to}
            {` ${source.spec.request.method} ${source.spec.request.path}`}
          </span>
        )}
      </h2>
      {source && <Diagnostics diagnostics={source.diagnostics} />}
      {route && <RouteList route={route} />}
    </section>
  );
}
