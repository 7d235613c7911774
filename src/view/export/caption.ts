/**
 * The words under an exported diagram, from the walk: where the hop is in the walk, its title,
 * its narration cut to a few lines, and which walk it is (mode, release). Pure: text widths come
 * from a measuring function (a canvas in the browser, a character count in tests).
 */
import { overviewSteps, stepIndexOf, summarize } from '../../machine/steps';
import { GROUP_TITLES, type PortableWalk as Walk } from '../../model';

export type Measure = (text: string) => number;

/**
 * Words in lines no wider than `width`; past `maxLines`, the last line ends in an ellipsis. A
 * word wider than a line is kept whole on its own line (addresses and chain names must not be
 * split).
 */
export function wrapLines(
  text: string,
  width: number,
  measure: Measure,
  maxLines = Infinity,
): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    const tried = line ? `${line} ${w}` : w;
    if (line && measure(tried) > width) {
      lines.push(line);
      line = w;
    } else line = tried;
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  let last = kept[maxLines - 1]!;
  while (last.includes(' ') && measure(`${last} …`) > width) last = last.replace(/\s+\S*$/, '');
  kept[maxLines - 1] = `${last} …`;
  return kept;
}

export interface CaptionText {
  /** "Step 3 of 9 · hop 12 of 49 · Captured on the node" */
  readonly position: string;
  readonly title: string;
  readonly narration: string;
  /** "iptables + GENEVE · Istio 1.18" */
  readonly walk: string;
}

/** The caption of a hop, in the app's own counter words. */
export function captionText(walk: Walk, index: number): CaptionText {
  const hop = walk.hops[index];
  const summary = summarize(walk);
  const steps = overviewSteps(summary).length;
  const position = hop
    ? `Step ${stepIndexOf(summary, index) + 1} of ${steps} · hop ${index + 1} of ${walk.hops.length} · ${GROUP_TITLES[hop.group]}`
    : '';
  return {
    position,
    title: hop?.title ?? '',
    narration: hop?.narration ?? '',
    walk: `${walk.mode.label} · Istio ${walk.scenario.istio}`,
  };
}
