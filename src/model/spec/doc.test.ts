/**
 * docs/scenario-file.md documents every field of the format: a field added to the schema and not
 * to the page fails here, as does a page that names a field the schema does not have.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SCHEMA_KEYS } from './schema';

const DOC = readFileSync(new URL('../../../docs/scenario-file.md', import.meta.url), 'utf8');

/** Every name inside the doc's code spans (`name`, `{ port, targetPort, name? }`). */
const documented = new Set(
  [...DOC.matchAll(/`([^`\n]+)`/g)].flatMap((m) => m[1]!.match(/[a-zA-Z][a-zA-Z0-9]*/g) ?? []),
);

describe('docs/scenario-file.md', () => {
  it('names every field of every object of the schema', () => {
    const missing = Object.entries(SCHEMA_KEYS).flatMap(([obj, keys]) =>
      keys.filter((k) => !documented.has(k)).map((k) => `${obj}.${k}`),
    );
    expect(missing).toEqual([]);
  });

  it('would catch a field left out (positive control)', () => {
    expect(documented.has('notAField')).toBe(false);
    expect(documented.has('targetPorts')).toBe(true);
  });

  it('gives a small example that the reader accepts', async () => {
    const { readClusterSpec } = await import('./read');
    const json = /```json\n([\s\S]*?)```/.exec(DOC)?.[1] ?? '';
    const r = readClusterSpec(json);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.spec?.request.to).toBe('payments:8080');
  });
});
