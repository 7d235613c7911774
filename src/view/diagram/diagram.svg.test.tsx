/**
 * The diagram as SVG text, per (mode, a few hops), with numbers rounded and one element per
 * line: a change in the drawing is a diff a reviewer can read. A missing file fails; write or
 * refresh them with `UPDATE_GOLDENS=1 npx vitest run -u diagram.svg`.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO, portableWalk, walkScenario, type Scenario } from '../../model';
import { createSettingsStore } from '../../store/settings';
import { SettingsContext } from '../StoreContext';
import { Diagram } from './Diagram';
import { layoutDiagram, type Orientation } from './layout';

const updating = process.env.UPDATE_GOLDENS === '1';

/** One element per line, numbers to one decimal (addresses left alone), so the file reads as a list of shapes. */
export function readableSvg(markup: string): string {
  return markup
    .replace(/(?<![\d.])-?\d+\.\d{2,}(?![\d.])/g, (n) => String(Math.round(Number(n) * 10) / 10))
    .replace(/></g, '>\n<')
    .concat('\n');
}

interface Case {
  readonly name: string;
  readonly scenario: Scenario;
  readonly orientation: Orientation;
  /** Picks the hops to draw (1-based numbers in the file name). */
  readonly hops: (n: number) => readonly number[];
}

const CASES: readonly Case[] = [
  {
    name: 'iptables',
    scenario: DEFAULT_SCENARIO,
    orientation: 'landscape',
    hops: (n) => [1, Math.round(n / 3), Math.round(n / 2), n],
  },
  {
    name: 'ebpf',
    scenario: { ...DEFAULT_SCENARIO, redirect: 'ebpf', istio: '1.20' },
    orientation: 'landscape',
    hops: (n) => [2, Math.round(n / 2), n],
  },
  {
    name: 'iptables-waypoint-same-node',
    scenario: { ...DEFAULT_SCENARIO, waypoint: 'both', placement: 'same-node', dns: 'on' },
    orientation: 'landscape',
    hops: (n) => [Math.round(n / 2)],
  },
  {
    // In-pod: no tunnels; ztunnel's listeners drawn inside the app pods.
    name: 'inpod',
    scenario: { ...DEFAULT_SCENARIO, redirect: 'inpod', istio: '1.30', dns: 'on' },
    orientation: 'landscape',
    hops: (n) => [Math.round(n / 3), n],
  },
  {
    name: 'iptables-portrait',
    scenario: DEFAULT_SCENARIO,
    orientation: 'portrait',
    hops: (n) => [Math.round(n / 2)],
  },
];

describe('diagram SVG snapshots', () => {
  for (const c of CASES) {
    const walk = portableWalk(walkScenario(c.scenario));
    for (const hop of c.hops(walk.hops.length)) {
      it(`draws ${c.name} at hop ${hop} as its snapshot shows`, async () => {
        const file = `./__snapshots__/${c.name}.hop-${hop}.svg`;
        const path = fileURLToPath(new URL(file, import.meta.url));
        if (!updating) expect(existsSync(path), `${file} is missing`).toBe(true);
        const markup = renderToStaticMarkup(
          <SettingsContext.Provider value={createSettingsStore()}>
            <Diagram
              walk={walk}
              layout={layoutDiagram(walk.cluster, c.orientation, walk.hops)}
              index={hop - 1}
              reduceMotion={true}
              speed={1}
              zoomable={false}
            />
          </SettingsContext.Provider>,
        );
        await expect(readableSvg(markup)).toMatchFileSnapshot(file);
      });
    }
  }
});
