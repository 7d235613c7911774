/**
 * How long a large cluster takes to lay out, drawn whole and drawn as the walk's path with the
 * rest summarised (`npx vitest bench layout`). A measurement to read, not a test.
 */
import { bench, describe } from 'vitest';
import { layoutDiagram } from './layout';
import { everything } from './onPath';
import { hopsThrough, largeCluster } from './testdata/largeCluster';

const cluster = largeCluster({ nodes: 5, pods: 500 });
// Two pods on each of the first two nodes (pods are dealt to the nodes in turn).
const path = [0, 5, 1, 6].map((k) => cluster.pods[k]?.netns ?? '');
const hops = hopsThrough(cluster, path);

for (const orientation of ['landscape', 'portrait'] as const) {
  describe(`500 pods on 5 nodes, ${orientation}`, () => {
    bench(
      'every pod drawn',
      () => {
        layoutDiagram(cluster, orientation, hops, undefined, everything(cluster));
      },
      { iterations: 3, time: 0 },
    );
    bench(
      'the path drawn, the rest summarised',
      () => {
        layoutDiagram(cluster, orientation, hops);
      },
      { iterations: 3, time: 0 },
    );
  });
}
