/**
 * The builder reads a cluster description as data: nodes, placed pods, policies. A one-node
 * cluster described by hand is built and walked in-pod like the article's.
 */
import { describe, expect, it } from 'vitest';
import { RELEASES } from '../releases';
import { DEFAULT_SCENARIO, type Scenario } from '../scenario';
import { walk } from '../walk';
import { buildClusterFrom, describeScenario } from './build';

const s: Scenario = {
  ...DEFAULT_SCENARIO,
  redirect: 'inpod',
  istio: '1.30',
  dns: 'off',
  placement: 'same-node',
};
const rel = RELEASES['1.30'];

describe('a cluster described as data', () => {
  const article = describeScenario(s, rel);
  const node = article.nodes[0]!;
  const oneNode = {
    ...article,
    nodes: [node],
    pods: article.pods.filter((p) => p.node === node),
    policies: [],
  };
  const c = buildClusterFrom(oneNode, s, rel);

  it('has only the described nodes and pods, and no route to a node it does not have', () => {
    expect(c.nodes.map((n) => n.name)).toEqual([node.name]);
    expect(c.pods.map((p) => p.role).sort()).toEqual(['httpbin', 'sleep', 'ztunnel']);
    const dsts = (cluster: typeof c) =>
      Object.values(cluster.netns)
        .find((n) => n.kind === 'node' && n.node === node.name)!
        .routes.map((r) => r.dst);
    expect(dsts(c)).not.toContain(article.nodes[1]!.podCidr);
    // The article's two-node cluster routes to the other node's pods.
    expect(dsts(buildClusterFrom(article, s, rel))).toContain(article.nodes[1]!.podCidr);
  });

  it('enrols every pod in the mesh on it, and walks the request through both pods’ ztunnel proxies', () => {
    expect(c.enrolment?.map((e) => e.pod).length).toBe(2);
    const w = walk(c, s);
    expect(w.outcome.kind).toBe('delivered');
  });
});
