/**
 * The golden walks: every scenario's walk as a readable outline (see golden.ts). A mode's default
 * release is compared whole with `__golden__/<scenario>.txt`; every other release as a diff from
 * it (`__golden__/releases/<scenario>.diff`, upstream tags normalised), so what a release changes
 * reads as a few lines; an nftables walk likewise as a diff from the same walk under iptables
 * (`__golden__/firewall/<scenario>.diff`). A missing file fails (so a new scenario cannot slip through unreviewed);
 * write or refresh them with `UPDATE_GOLDENS=1 npx vitest run -u golden`.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MODE_RELEASES } from '../releases';
import { allScenarios, DEFAULT_RELEASES } from '../scenario';
import { walkScenario } from '.';
import { goldenName, walkOutline } from './golden';
import { unifiedDiff } from './lineDiff';

const MODES = ['iptables', 'ebpf', 'inpod'] as const;
const updating = process.env.UPDATE_GOLDENS === '1';

async function matchGolden(file: string, text: string): Promise<void> {
  const path = fileURLToPath(new URL(file, import.meta.url));
  if (!updating)
    expect(existsSync(path), `${file} is missing: review the walk and add it`).toBe(true);
  await expect(text).toMatchFileSnapshot(file);
}

/**
 * Upstream tags vary by release on every hop, and one added rule renumbers every later rule and
 * hop; normalised, only real differences remain.
 */
const normalised = (text: string): string =>
  text
    .replace(/@\d+\.\d+\.\d+:/g, '@<tag>:')
    .replace(/^\d+\. \[/gm, '#. [')
    .replace(/^( {3}refs: .*)$/gm, (line) => line.replace(/(iptables \w+)\/\d+/g, '$1/#'));

describe('golden walks', () => {
  for (const s of allScenarios(MODES, DEFAULT_RELEASES)) {
    const name = goldenName(s);
    if (s.firewall === 'nftables') {
      // nftables walks read as what changes against the same walk under iptables.
      it(`walks ${name} as the iptables firewall does, but for its reviewed differences`, async () => {
        const base = walkOutline(walkScenario({ ...s, firewall: 'iptables' }));
        const diff = unifiedDiff(normalised(base), normalised(walkOutline(walkScenario(s))));
        await matchGolden(`./__golden__/firewall/${name}.diff`, diff);
      });
      continue;
    }
    it(`walks ${name} exactly as its golden outline says`, async () => {
      await matchGolden(`./__golden__/${name}.txt`, walkOutline(walkScenario(s)));
    });
  }
  const others = allScenarios(MODES, (m) => MODE_RELEASES[m].slice(1));
  for (const s of others) {
    const name = goldenName(s);
    it(`walks ${name} as the default release does, but for its reviewed differences`, async () => {
      const base = walkOutline(walkScenario({ ...s, istio: DEFAULT_RELEASES(s.redirect)[0]! }));
      const diff = unifiedDiff(normalised(base), normalised(walkOutline(walkScenario(s))));
      await matchGolden(`./__golden__/releases/${name}.diff`, diff);
    });
  }
});
