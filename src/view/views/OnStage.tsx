/**
 * What the embed and presenter mode put on stage: a `cluster=` cluster's walk (hop by hop in
 * the diagram under a compact header, or at ztunnel's level when it cannot be walked through
 * the kernel), the walks side by side for `compare=` (stepped by the same keys and clicker; no
 * chooser there), or the diagram. Both views read the same settings and differ only in how they
 * draw the diagram.
 */
import { lazy, Suspense } from 'react';
import { DiagramFrame, type DiagramFrameProps } from '../diagram/DiagramFrame';
import { peekClusterWalk } from '../hooks/clusterWalk';
import { SectionBoundary } from '../SectionBoundary';
import { useSettings } from '../StoreContext';

// Loaded only when the address names a cluster or a comparison.
const ClusterPanel = lazy(() => import('../import/ClusterPanel'));
const CompareView = lazy(() => import('../learn').then((m) => ({ default: m.CompareView })));

export function OnStage(diagram: DiagramFrameProps) {
  const compare = useSettings((s) => s.compare);
  const cluster = useSettings((s) => s.cluster);
  const origin = diagram.walk.origin;
  if (origin !== undefined)
    return (
      <>
        <SectionBoundary what="The cluster">
          <Suspense fallback={null}>
            <ClusterPanel cluster={origin} walked={peekClusterWalk(origin)} />
          </Suspense>
        </SectionBoundary>
        <DiagramFrame {...diagram} />
      </>
    );
  if (cluster !== undefined)
    return (
      <SectionBoundary what="The cluster">
        <Suspense fallback={null}>
          <ClusterPanel cluster={cluster} />
        </Suspense>
      </SectionBoundary>
    );
  if (compare)
    return (
      <Suspense fallback={null}>
        <CompareView
          walk={diagram.walk}
          index={diagram.index}
          columns={compare}
          reduceMotion={diagram.reduceMotion}
          speed={diagram.speed}
          chooser={false}
          {...(diagram.labels ? { labels: diagram.labels } : {})}
          {...(diagram.typeScale !== undefined ? { typeScale: diagram.typeScale } : {})}
        />
      </Suspense>
    );
  return <DiagramFrame {...diagram} />;
}
