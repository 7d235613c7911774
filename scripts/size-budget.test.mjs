// Positive controls for the size budget: each check must catch the input it exists for.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { bootFiles, forbiddenImports, initialAssets, measure } from './size-budget.mjs';

const dirs = [];
function site(files) {
  const dir = mkdtempSync(join(tmpdir(), 'size-budget-'));
  dirs.push(dir);
  for (const [name, body] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), body);
  }
  return dir;
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const html = (extra = '') =>
  `<!doctype html><link rel="stylesheet" href="./assets/a.css"><link rel="modulepreload" href="./assets/dep.js"><script type="module" src="./assets/main.js"></script>${extra}`;

describe('the size budget', () => {
  it('counts the entry, its preloaded modules and the stylesheets, not lazy chunks', () => {
    expect(initialAssets(html())).toEqual([
      './assets/main.js',
      './assets/a.css',
      './assets/dep.js',
    ]);
  });

  it('passes a small site', () => {
    const dir = site({
      'index.html': html(),
      'assets/main.js': 'console.log(1)',
      'assets/dep.js': 'export {}',
      'assets/a.css': 'a{}',
      'assets/lazy.js': randomBytes(400_000).toString('base64'),
    });
    const r = measure(dir, { boot: [] });
    expect(r.problems).toEqual([]);
    expect(r.totalKb).toBeLessThan(1);
  });

  it('fails an oversized bundle (positive control)', () => {
    // Random bytes do not compress: 200 kB of them is well over the 130 kB gate.
    const dir = site({
      'index.html': html(),
      'assets/main.js': `export const x = "${randomBytes(150_000).toString('base64')}";`,
      'assets/dep.js': '',
      'assets/a.css': '',
    });
    const r = measure(dir, { boot: [] });
    expect(r.totalKb).toBeGreaterThan(130);
    expect(r.problems.join()).toMatch(/over the 130 kB gate/);
  });

  it('counts what the entry imports on start, through the manifest, and not lazy chunks', () => {
    const manifest = {
      'index.html': { file: 'assets/main.js', isEntry: true, dynamicImports: ['src/app.tsx'] },
      'src/app.tsx': { file: 'assets/app.js', imports: ['_shared.js'], css: ['assets/app.css'] },
      '_shared.js': { file: 'assets/shared.js', imports: ['src/app.tsx'] },
      'src/lazy.tsx': { file: 'assets/lazy.js' },
    };
    expect(bootFiles(manifest, ['src/app.tsx'])).toEqual([
      'assets/app.js',
      'assets/app.css',
      'assets/shared.js',
    ]);
    expect(() => bootFiles(manifest, ['src/gone.tsx'])).toThrow(/not in the build manifest/);
  });

  it('fails an oversized module loaded on start (positive control)', () => {
    const dir = site({
      'index.html': html(),
      'assets/main.js': 'import("./app.js")',
      'assets/dep.js': '',
      'assets/a.css': '',
      'assets/app.js': randomBytes(150_000).toString('base64'),
      '.vite/manifest.json': JSON.stringify({ 'src/app.tsx': { file: 'assets/app.js' } }),
    });
    expect(measure(dir, { boot: [] }).problems).toEqual([]);
    expect(measure(dir).problems.join()).toMatch(/over the 130 kB gate/);
  });

  it('fails when it cannot see what the entry loads on start', () => {
    const dir = site({
      'index.html': html(),
      'assets/main.js': '',
      'assets/dep.js': '',
      'assets/a.css': '',
    });
    expect(measure(dir).problems.join()).toMatch(/no \.vite\/manifest\.json/);
  });

  it('fails eval( and new Function( in the output (positive control)', () => {
    const dir = site({
      'index.html': html(),
      'assets/main.js': 'eval("1")',
      'assets/dep.js': 'const f = new Function("return 1")',
      'assets/a.css': '',
    });
    const p = measure(dir, { boot: [] }).problems.join('\n');
    expect(p).toMatch(/main\.js calls eval\(/);
    expect(p).toMatch(/dep\.js calls new Function\(/);
  });

  it('flags the d3 umbrella and classic zod in source (positive control)', () => {
    const dir = site({
      'a.ts': "import * as d3 from 'd3';\nimport { select } from 'd3-selection';",
      'b.tsx': "import { z } from 'zod';\nimport { z as m } from 'zod/mini';",
    });
    const p = forbiddenImports(dir);
    expect(p).toHaveLength(2);
    expect(p.join()).toMatch(/d3 umbrella/);
    expect(p.join()).toMatch(/classic zod/);
  });

  it('passes this project (after a build)', () => {
    expect(forbiddenImports('src')).toEqual([]);
  });
});
