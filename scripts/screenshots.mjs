#!/usr/bin/env node
// Takes screenshots of the built site for a human to look at (not a test):
//   node scripts/screenshots.mjs [outDir] [query ...]
// Each query is shot at 1366x768, 1920x1080 and 390x844, in light and dark.
import { mkdirSync } from 'node:fs';
import { openShooter } from './lib/shoot.mjs';

const [outDir = 'screenshots', ...queries] = process.argv.slice(2);
const shots = queries.length ? queries : ['', '?redirect=ebpf', '?waypoint=httpbin&hop=30'];
const sizes = (process.env.SIZES ?? '1366x768,1920x1080,390x844')
  .split(',')
  .map((s) => s.split('x').map(Number));
const themes = (process.env.THEMES ?? 'light,dark').split(',');
mkdirSync(outDir, { recursive: true });
const shooter = await openShooter();
try {
  for (const q of shots) {
    for (const size of sizes) {
      for (const theme of themes) {
        const sep = q.includes('?') ? '&' : '?';
        const name = `${(q || 'default').replace(/[^a-z0-9=&-]/gi, '').replace(/[=&]/g, '_') || 'default'}-${size.join('x')}-${theme}.png`;
        await shooter.shot(`${q}${sep}theme=${theme}`, size, theme, `${outDir}/${name}`);
      }
    }
  }
} finally {
  await shooter.close();
}
