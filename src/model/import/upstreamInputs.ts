/**
 * Test helper: the real inputs in `../shared/upstream/cluster-dumps/` beside the checkout (see
 * the README there for where each came from). Tests read them in place; they are never copied
 * into the project.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const DIR = fileURLToPath(new URL('../../../../shared/upstream/cluster-dumps/', import.meta.url));

/** True when the upstream inputs are beside the checkout (they are not in a bare CI clone). */
export const HAVE_UPSTREAM = existsSync(DIR);

/** One upstream input's text. */
export function upstream(name: string): string {
  return readFileSync(DIR + name, 'utf8');
}

export const REAL_DUMP = 'ztunnel-config_dump-1.24.kiali-535bb39.json';
