#!/usr/bin/env node
// The size budget: the JS and CSS a first visit to dist/index.html loads before anything is
// clicked — the entry script, the modules it preloads, the stylesheets, and the modules the
// entry always imports on start (src/app.tsx, found through Vite's manifest, with everything
// it imports statically) — gzip-compressed, 1 kB = 1000 B. Fails (exit 1) over the gate; reports the distance to the target. Also fails
// on an import of the `d3` umbrella or of classic `zod`, and on eval( / new Function( in dist/.
//   node scripts/size-budget.mjs [distDir] [--gate 130] [--target 110] [--json]
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

export const GATE_KB = 130;
export const TARGET_KB = 110;
/** Modules the entry imports dynamically on every start: part of the first load. */
export const BOOT_MODULES = ['src/app.tsx'];

/** Files the page loads at first: `<script src>`, `<link rel=modulepreload>`, `<link rel=stylesheet>`. */
export function initialAssets(html) {
  const out = [];
  for (const m of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"[^>]*>/g)) out.push(m[1]);
  for (const m of html.matchAll(/<link\b[^>]*>/g)) {
    const tag = m[0];
    const rel = /\brel="([^"]+)"/.exec(tag)?.[1];
    const href = /\bhref="([^"]+)"/.exec(tag)?.[1];
    if (href && (rel === 'modulepreload' || rel === 'stylesheet')) out.push(href);
  }
  return [...new Set(out)].filter((u) => !/^(https?:|data:)/.test(u));
}

function walk(dir) {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

/**
 * The files a boot module brings: its chunk, its CSS, and the same for everything it imports
 * statically, from Vite's manifest (`build.manifest`).
 */
export function bootFiles(manifest, boot) {
  const out = new Set();
  const visit = (key) => {
    const entry = manifest[key];
    if (!entry || out.has(entry.file)) return;
    out.add(entry.file);
    for (const css of entry.css ?? []) out.add(css);
    for (const dep of entry.imports ?? []) visit(dep);
  };
  for (const key of boot) {
    if (!manifest[key]) throw new Error(`${key} is not in the build manifest`);
    visit(key);
  }
  return [...out];
}

/** Measures a built site. Pure of process exit, so tests can run it on broken inputs. */
export function measure(dist, { gate = GATE_KB, target = TARGET_KB, boot = BOOT_MODULES } = {}) {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const manifestPath = join(dist, '.vite', 'manifest.json');
  const problems = [];
  let booted = [];
  if (boot.length > 0) {
    if (existsSync(manifestPath)) {
      booted = bootFiles(JSON.parse(readFileSync(manifestPath, 'utf8')), boot).map((f) => `./${f}`);
    } else {
      problems.push(`no ${relative(dist, manifestPath)}: cannot see what the entry loads on start`);
    }
  }
  const urls = [...new Set([...initialAssets(html), ...booted].map((u) => u.replace(/^\.\//, '')))];
  const files = urls.map((u) => {
    const path = resolve(dist, u.replace(/^\//, ''));
    const body = readFileSync(path);
    return {
      file: relative(dist, path),
      bytes: body.length,
      gzip: gzipSync(body, { level: 9 }).length,
    };
  });
  const totalKb = files.reduce((s, f) => s + f.gzip, 0) / 1000;
  if (files.length === 0) problems.push('index.html loads no script or stylesheet');
  if (totalKb > gate)
    problems.push(`initial JS + CSS is ${totalKb.toFixed(1)} kB gzip, over the ${gate} kB gate`);
  for (const p of walk(dist).filter((f) => /\.(js|mjs|html)$/.test(f))) {
    const text = readFileSync(p, 'utf8');
    if (/\beval\s*\(/.test(text)) problems.push(`${relative(dist, p)} calls eval(`);
    if (/\bnew\s+Function\s*\(/.test(text))
      problems.push(`${relative(dist, p)} calls new Function(`);
  }
  return { files, totalKb, gate, target, problems };
}

/** Source imports the budget forbids: the d3 umbrella (use submodules) and classic zod. */
export function forbiddenImports(srcDir) {
  const problems = [];
  for (const p of walk(srcDir).filter((f) => /\.(ts|tsx|js|mjs)$/.test(f) && !/\.test\./.test(f))) {
    const text = readFileSync(p, 'utf8');
    for (const m of text.matchAll(/(?:from\s+|import\s*\(\s*)['"]([^'"]+)['"]/g)) {
      const spec = m[1];
      if (spec === 'd3')
        problems.push(`${p}: imports the d3 umbrella package; import d3 submodules`);
      if (spec === 'zod') problems.push(`${p}: imports classic zod; use zod/mini`);
    }
  }
  return problems;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const opt = (name, dflt) => {
    const i = args.indexOf(name);
    return i >= 0 ? Number(args[i + 1]) : dflt;
  };
  const dist = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--')) ?? 'dist';
  const r = measure(dist, { gate: opt('--gate', GATE_KB), target: opt('--target', TARGET_KB) });
  const problems = [...r.problems, ...forbiddenImports('src')];
  if (args.includes('--json')) {
    process.stdout.write(`${JSON.stringify({ ...r, problems }, null, 2)}\n`);
  } else {
    for (const f of r.files)
      process.stdout.write(`${(f.gzip / 1000).toFixed(2).padStart(8)} kB  ${f.file}\n`);
    const vsTarget =
      r.totalKb <= r.target
        ? 'within the target'
        : `${(r.totalKb - r.target).toFixed(1)} kB over the ${r.target} kB target`;
    process.stdout.write(
      `initial JS + CSS: ${r.totalKb.toFixed(1)} kB gzip (gate ${r.gate} kB; ${vsTarget})\n`,
    );
  }
  for (const p of problems) process.stderr.write(`size budget: ${p}\n`);
  process.exit(problems.length ? 1 : 0);
}
