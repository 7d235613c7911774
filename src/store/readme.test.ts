/// <reference types="node" />
/**
 * The README's parameter tables are generated from the URL table: this test fails when
 * README.md's tables differ from what the table produces. Refresh them with
 * `UPDATE_README=1 npx vitest run readme` (the prose around them is left alone).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readmeParamTables } from './urlState';

const README = new URL('../../README.md', import.meta.url);

const marker = (group: string): [string, string] => [
  `<!-- url-params:${group} (generated from src/store/urlState.ts) -->\n`,
  `<!-- /url-params:${group} -->`,
];

/** The rows of a Markdown table as trimmed cells, so column padding does not matter. */
function cells(table: string): string[][] {
  return table
    .trim()
    .split('\n')
    .map((line) =>
      line
        .replace(/^\||\|$/g, '')
        .split(/(?<!\\)\|/)
        .map((c) => c.trim().replace(/^-+$/, '---')),
    );
}

function section(text: string, group: string): string | undefined {
  const [start, end] = marker(group);
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  return i < 0 || j < i ? undefined : text.slice(i + start.length, j);
}

describe("the README's URL parameter tables", () => {
  const tables = readmeParamTables();
  let text = readFileSync(README, 'utf8');
  if (process.env.UPDATE_README === '1') {
    for (const [group, table] of Object.entries(tables)) {
      const old = section(text, group);
      if (old !== undefined) text = text.replace(marker(group)[0] + old, marker(group)[0] + table);
    }
    writeFileSync(README, text);
  }

  it.each(Object.entries(tables))(
    'lists the %s parameters as the URL table does',
    (group, table) => {
      const shown = section(text, group);
      expect(shown, `README.md has no ${marker(group)[0].trim()} … block`).toBeDefined();
      expect(cells(shown ?? '')).toEqual(cells(table));
    },
  );

  it('positive control: a table with one value changed does not pass', () => {
    const changed = tables.view.replace('`overview`', '`summary`');
    expect(cells(changed)).not.toEqual(cells(tables.view));
  });
});
