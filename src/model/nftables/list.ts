/**
 * `nft list ruleset` as a user sees it in a pod or on a node, from the same ruleset the walk
 * evaluates: tables in creation order, each with its sets then its chains (a blank line between
 * them), base chains with their hook line, rules in the `listed` dialect, set elements sorted
 * and wrapped the way nft 1.0.6 prints them. Each rule line carries the rule's id.
 */
import { ipToInt, type Ipv4 } from '../addresses';
import type { ListingLine } from '../netfilter/render';
import { baseChainListedText, ruleBodyText } from './syntax';
import type { NftChain, NftRuleset, NftSet, NftSetElement } from './types';

/** nft sorts elements by key; IPv4 keys compare as numbers. */
function byKey(a: NftSetElement, b: NftSetElement): number {
  const v4 = /^\d+\.\d+\.\d+\.\d+$/;
  if (v4.test(a.key) && v4.test(b.key)) return ipToInt(a.key as Ipv4) - ipToInt(b.key as Ipv4);
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/** The set's elements, sorted, in the rows nft prints them in. */
function elementRows(s: NftSet): NftSetElement[][] {
  const sorted = [...s.elements].sort(byKey);
  // nft puts two IPv4 addresses on a line and one IPv6 address (expression.c calculate_delim).
  const perLine = s.type === 'ipv4_addr' ? 2 : 1;
  const rows: NftSetElement[][] = [];
  for (let i = 0; i < sorted.length; i += perLine) rows.push(sorted.slice(i, i + perLine));
  return rows;
}

const rowId = (s: NftSet, row: readonly NftSetElement[]): string =>
  `nft-set/${s.name}/${row[0]?.key ?? ''}`;

/** The id of the listing line that shows `key` in set `s` (a line can hold two elements). */
export function nftSetLineId(s: NftSet, key: string): string | undefined {
  const row = elementRows(s).find((r) => r.some((e) => e.key === key));
  return row ? rowId(s, row) : undefined;
}

function setLines(s: NftSet): ListingLine[] {
  const lines: ListingLine[] = [{ text: `\tset ${s.name} {` }, { text: `\t\ttype ${s.type}` }];
  if (s.comment !== undefined) lines.push({ text: `\t\tcomment "${s.comment}"` });
  const rows = elementRows(s);
  rows.forEach((row, i) => {
    const items = row.map((e) =>
      e.comment === undefined ? e.key : `${e.key} comment "${e.comment}"`,
    );
    const head = i === 0 ? '\t\telements = { ' : '\t\t\t     ';
    const tail = i === rows.length - 1 ? ' }' : ',';
    lines.push({ text: `${head}${items.join(', ')}${tail}`, id: rowId(s, row) });
  });
  lines.push({ text: '\t}' });
  return lines;
}

function chainLines(c: NftChain): ListingLine[] {
  const lines: ListingLine[] = [{ text: `\tchain ${c.name} {` }];
  if (c.base) lines.push({ text: `\t\t${baseChainListedText(c.base)}` });
  for (const r of c.rules) lines.push({ text: `\t\t${ruleBodyText(r, 'listed')}`, id: r.id });
  lines.push({ text: '\t}' });
  return lines;
}

/** The namespace's `nft list ruleset` output, line by line (tabs as nft prints them). */
export function nftListRuleset(rs: NftRuleset): ListingLine[] {
  const lines: ListingLine[] = [];
  for (const t of rs.tables) {
    lines.push({ text: `table ${t.family} ${t.name} {` });
    const blocks = [...t.sets.map(setLines), ...t.chains.map(chainLines)];
    blocks.forEach((b, i) => {
      if (i > 0) lines.push({ text: '' });
      lines.push(...b);
    });
    lines.push({ text: '}' });
  }
  return lines;
}
