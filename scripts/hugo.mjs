// Finds a Hugo for the end-to-end test that builds a real Hugo site with the Embed dialog's
// shortcode. Order: an explicit env var, then `hugo` on the PATH. The oldest release the
// shortcode is written for is 0.111 (Debian bookworm's package).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** The oldest Hugo the shortcode's template is tested with. */
export const MIN_HUGO = [0, 111, 0];

/** Reads "0.111.3" out of `hugo version` output ("hugo v0.111.3+extended linux/amd64 …"). */
export function parseHugoVersion(text) {
  const m = /\bv?(\d+)\.(\d+)(?:\.(\d+))?/.exec(String(text));
  return m ? [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)] : undefined;
}

export function versionAtLeast(v, min = MIN_HUGO) {
  for (let i = 0; i < 3; i++) {
    if (v[i] !== min[i]) return v[i] > min[i];
  }
  return true;
}

function onPath(name, env) {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

/**
 * @returns {{ path: string, version: number[], source: string } | undefined}
 *   undefined when no Hugo is installed; a Hugo older than MIN_HUGO is reported, not returned.
 */
export function findHugo(env = process.env) {
  let path;
  let source;
  if (env.HUGO_PATH) {
    if (!existsSync(env.HUGO_PATH))
      throw new Error(`HUGO_PATH=${env.HUGO_PATH} does not exist. Unset it or point it at hugo.`);
    path = env.HUGO_PATH;
    source = 'env HUGO_PATH';
  } else {
    path = onPath('hugo', env);
    source = 'PATH';
  }
  if (!path) return undefined;
  let version;
  try {
    version = parseHugoVersion(execFileSync(path, ['version'], { encoding: 'utf8' }));
  } catch {
    return undefined;
  }
  if (!version) return undefined;
  return { path, version, source };
}
