/**
 * The golden walks: every scenario's walk as a readable outline (see golden.ts), compared with
 * the file in `__golden__/`. A missing file fails (so a new scenario cannot slip through
 * unreviewed); write or refresh them with `UPDATE_GOLDENS=1 npx vitest run -u golden`.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { allScenarios } from '../scenario';
import { walkScenario } from '.';
import { goldenName, walkOutline } from './golden';

const MODES = ['iptables', 'ebpf'] as const;
const updating = process.env.UPDATE_GOLDENS === '1';

describe('golden walks', () => {
  for (const s of allScenarios(MODES)) {
    const name = goldenName(s);
    it(`walks ${name} exactly as its golden outline says`, async () => {
      const file = `./__golden__/${name}.txt`;
      const path = fileURLToPath(new URL(file, import.meta.url));
      if (!updating)
        expect(existsSync(path), `${file} is missing: review the walk and add it`).toBe(true);
      await expect(walkOutline(walkScenario(s))).toMatchFileSnapshot(file);
    });
  }
});
