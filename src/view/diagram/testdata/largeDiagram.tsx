/**
 * The diagram of a large made-up cluster as SVG markup, for looking at (scripts/diagram-shots.mjs
 * renders it in Chromium): 60 pods on 3 nodes and a walk through 2 pods on each of 2 nodes,
 * drawn by the real Diagram with the real layout. The hops carry the article's first packet so
 * the packet's drawing has something to show.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { DEFAULT_SCENARIO, portableWalk, walkScenario, type PortableWalk } from '../../../model';
import { createSettingsStore } from '../../../store/settings';
import { SettingsContext } from '../../StoreContext';
import { Diagram } from '../Diagram';
import type { DiagramType, Orientation } from '../dimensions';
import { layoutDiagram } from '../layout';
import { hopsThrough, largeCluster } from './largeCluster';

export function largeWalk(): PortableWalk {
  const article = portableWalk(walkScenario(DEFAULT_SCENARIO));
  const cluster = largeCluster({ nodes: 3, pods: 60, tunnels: true });
  const [a1, b1, , a2, b2] = cluster.pods;
  const path = [a1, a2, b1, b2].map((p) => p?.netns ?? '');
  const first = article.hops[0];
  const hops = hopsThrough(cluster, path).map((h, index) => ({
    ...h,
    index,
    packetBefore: first?.packetBefore ?? null,
    packetAfter: first?.packetAfter ?? null,
  }));
  return { ...article, cluster, hops };
}

export function largeDiagramMarkup(orientation: Orientation, type: DiagramType, hop = 0): string {
  const walk = largeWalk();
  return renderToStaticMarkup(
    <SettingsContext.Provider value={createSettingsStore()}>
      <Diagram
        walk={walk}
        layout={layoutDiagram(walk.cluster, orientation, walk.hops, type)}
        index={hop}
        reduceMotion={true}
        speed={1}
        zoomable={false}
      />
    </SettingsContext.Provider>,
  );
}
