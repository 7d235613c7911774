#!/usr/bin/env node
// Screenshots of a cluster of one's own walked hop by hop (bookinfo), for a human to look at
// (not a test): the full view on a phone and a laptop, presenter mode on a 1080p stage and the
// embed, each in light and dark.
//   node scripts/clusterWalkShots.mjs [outDir]
import { mkdirSync } from 'node:fs';
import { openShooter } from './lib/shoot.mjs';

const [outDir = 'screenshots/cluster-walk'] = process.argv.slice(2);
const CLUSTER = 'cluster=clusters/bookinfo.json';
// Hop 24 or so is the waypoint's; the bar, the diagram and the hop details are all in view.
const SHOTS = [
  ['full', `?${CLUSTER}&hop=24`, [390, 844]],
  ['full', `?${CLUSTER}&hop=24`, [1366, 768]],
  ['present', `?present=1&${CLUSTER}&hop=24`, [1920, 1080]],
  ['embed', `?embed=1&${CLUSTER}&hop=24`, [800, 600]],
];
mkdirSync(outDir, { recursive: true });
const shooter = await openShooter();
try {
  for (const [view, q, size] of SHOTS) {
    for (const theme of ['light', 'dark']) {
      const path = `${outDir}/bookinfo-${view}-${size.join('x')}-${theme}.png`;
      await shooter.shot(`${q}&theme=${theme}&motion=reduce`, size, theme, path, {
        timeout: 20_000,
        wait: 1000,
      });
    }
  }
} finally {
  await shooter.close();
}
