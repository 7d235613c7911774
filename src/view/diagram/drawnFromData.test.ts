/**
 * The view draws the cluster the model gives it: no file under src/view types in an address, an
 * interface, a node's name or a proxy's port. (Tests may name them: they check the drawing.)
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const VIEW = fileURLToPath(new URL('..', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

const FACTS: ReadonlyArray<[string, RegExp]> = [
  ['IPv4 address', /(?<![\d.])\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}(?![\d.])/],
  ['veth name', /\bveth[0-9a-f]/i],
  ['GENEVE interface name', /\bp?istio(in|out)\b/],
  ["node name of the article's cluster", /ambient-worker/],
  ['ztunnel port', /(?<!\d)150\d\d(?!\d)/],
];

describe('the view types in no cluster fact', () => {
  const files = sources(VIEW);

  it('finds the view sources', () => {
    expect(files.some((f) => f.endsWith('layout.ts'))).toBe(true);
  });

  for (const [what, pattern] of FACTS) {
    it(`contains no ${what} outside tests`, () => {
      const found = files.flatMap((f) =>
        readFileSync(f, 'utf8')
          .split('\n')
          .map((line, i) => [f.slice(VIEW.length), i + 1, line] as const)
          .filter(([, , line]) => pattern.test(line))
          .map(([file, n, line]) => `${file}:${n}: ${line.trim()}`),
      );
      expect(found).toEqual([]);
    });
  }
});
