// axe at every hop of the default walk and of the waypoint walk, in both themes: one page load
// per walk and theme, stepping with the Next button, so each hop's own content (its details,
// source links, packet table, the diagram's state, the rules it highlights) is checked.
//
// axe is injected once per page and run with axe.run (AxeBuilder injects it again on every
// analyze() and takes about twice as long). The whole page is checked at the first and the
// last hop; at the hops between, what a hop changes: the stage (diagram, caption, playback
// bar, hop details), the hop list's current item, and the Rules panel's marked lines, or the
// whole panel when it has turned to another namespace. The rest of the page is the same at
// every hop. Over some 200 hops that saves minutes. The last test shows that the run here finds
// what AxeBuilder finds.
import AxeBuilder from '@axe-core/playwright';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { expect, test, type Page } from './test';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

// The axe-core that @axe-core/playwright itself runs.
const require = createRequire(import.meta.url);
const AXE_SOURCE = (
  require(
    require.resolve('axe-core', { paths: [dirname(require.resolve('@axe-core/playwright'))] }),
  ) as { source: string }
).source;

interface Violation {
  readonly id: string;
  readonly nodes: ReadonlyArray<{ readonly target: readonly unknown[] }>;
}

/**
 * axe's violations on the page as it is (or in the parts `only` selects), one line each: the
 * rule and the first few elements.
 */
async function axeNow(page: Page, only?: readonly string[]): Promise<string[]> {
  const violations = await page.evaluate(
    async ([tags, only]) => {
      const axe = (window as unknown as { axe: { run: (...a: unknown[]) => Promise<unknown> } })
        .axe;
      const context = only ? { include: only.map((s) => [s]) } : document;
      const r = (await axe.run(context, { runOnly: { type: 'tag', values: tags } })) as {
        violations: Violation[];
      };
      return r.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target) }));
    },
    [TAGS, only] as const,
  );
  return violations.map(
    (v) =>
      `${v.id}: ${v.nodes
        .slice(0, 3)
        .map((t) => t.join(' '))
        .join(' | ')}`,
  );
}

for (const theme of ['light', 'dark'] as const) {
  for (const [walk, query] of [
    ['the default walk', ''],
    ['the waypoint walk', '&waypoint=httpbin'],
  ] as const) {
    test(`axe finds nothing at any hop: ${walk}, ${theme}`, async ({ page }) => {
      test.setTimeout(300_000);
      await page.goto(`./?detail=full&motion=reduce&theme=${theme}${query}`);
      const hops = page.getByRole('list', { name: 'Hops' });
      await expect(hops).toBeVisible();
      await expect(page.locator('.rules-scroll')).toBeVisible();
      await page.evaluate(AXE_SOURCE);
      const total = await hops.getByRole('listitem').count();
      expect(total).toBeGreaterThan(40);
      const details = page.getByRole('region', { name: 'Hop details' });
      const namespace = page.locator('.rules-toolbar select');
      const found: string[] = [];
      let checkedNamespace = '';
      for (let hop = 1; hop <= total; hop++) {
        await expect(details).toContainText(`Hop ${hop} of ${total}`);
        await expect(hops.locator('[aria-current="step"] .hop-num')).toHaveText(String(hop));
        const shown = await namespace.inputValue();
        const only =
          hop === 1 || hop === total
            ? undefined
            : [
                '.stage',
                '.hop-list .current',
                shown === checkedNamespace ? '.rules-scroll .acting' : '.reference',
              ];
        checkedNamespace = shown;
        found.push(...(await axeNow(page, only)).map((v) => `hop ${hop}: ${v}`));
        if (hop < total) await page.getByRole('button', { name: 'Next hop', exact: true }).click();
      }
      expect(found).toEqual([]);
    });
  }
}

test('the per-hop run finds what AxeBuilder finds: stacked small links, faint text', async ({
  page,
}) => {
  await page.goto('./?detail=full&motion=reduce&theme=light');
  await expect(page.getByRole('list', { name: 'Hops' })).toBeVisible();
  await page.evaluate(() => {
    const box = document.createElement('div');
    box.innerHTML =
      '<a href="#a" style="display:block;font-size:10px;line-height:12px">one</a>' +
      '<a href="#b" style="display:block;font-size:10px;line-height:12px">two</a>' +
      '<p style="color:#ddd;background:#fff">faint</p>';
    document.querySelector('.hop-details')!.append(box);
  });
  await page.evaluate(AXE_SOURCE);
  const ours = new Set((await axeNow(page)).map((v) => v.split(':')[0]));
  const builder = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const theirs = new Set(builder.violations.map((v) => v.id));
  expect([...ours].sort()).toEqual([...theirs].sort());
  expect([...ours]).toEqual(expect.arrayContaining(['target-size', 'color-contrast']));
});
