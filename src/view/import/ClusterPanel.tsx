import { useEffect, useMemo, useState } from 'react';
import { routeSpec } from '../../model/import';
import type { ClusterWalk } from '../hooks/clusterWalk';
import { loadCluster, type ClusterSource } from './clusterSource';
import { Diagnostics } from './Diagnostics';
import { RouteList } from './RouteList';
import './import-dialog.css';

/**
 * A `cluster=` cluster in the embed and presenter mode. Walked hop by hop (`walked`), it is the
 * compact header over the diagram that walks it: its name, request and findings. Otherwise its
 * request walked at ztunnel's level, with why it is not walked through the kernel. Loaded on
 * demand.
 */
export default function ClusterPanel({
  cluster,
  walked,
}: {
  cluster: string;
  walked?: ClusterWalk | undefined;
}) {
  const [loaded, setLoaded] = useState<ClusterSource | undefined>();
  useEffect(() => {
    if (walked) return;
    let live = true;
    void loadCluster(cluster).then((r) => {
      if (live) setLoaded(r);
    });
    return () => {
      live = false;
    };
  }, [cluster, walked]);
  const source: ClusterSource | undefined = walked
    ? {
        ...(walked.spec ? { spec: walked.spec } : {}),
        diagnostics: walked.diagnostics.filter((d) => d.severity !== 'info'),
      }
    : loaded;
  const route = useMemo(
    () => (!walked && loaded?.spec ? routeSpec(loaded.spec) : undefined),
    [loaded, walked],
  );
  return (
    <section
      className={`cluster-panel${walked ? ' cluster-panel-compact' : ''}`}
      aria-labelledby="cluster-panel-title"
      data-testid="cluster-panel"
      data-walked={walked ? 'kernel' : 'route'}
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
