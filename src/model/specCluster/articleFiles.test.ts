/**
 * The article's cluster written as a scenario file walks exactly as its knobs do: the same hops
 * in the same places, with the same packets and the same outcome, at every one of the 768
 * scenarios. The file path and the knob path build one cluster two ways; this is what keeps
 * them one model.
 */
import { describe, expect, it } from 'vitest';
import type { Hop } from '../hop';
import { allScenarios, scenarioKey } from '../scenario';
import { articleSpec } from '../spec';
import { walkScenario } from '../walk';
import { walkSpec } from '.';

/** What a hop did, without names made up differently by the two builders (veths, MACs). */
function signature(h: Hop): string {
  const p = h.packetAfter;
  const flow = p ? `${p.ip.src}:${p.l4.sport}>${p.ip.dst}:${p.l4.dport}` : '-';
  return `${h.stage}|${h.group}|${h.where.node ?? 'wire'}|${h.where.component}|${h.fact.kind}|${flow}|mark ${p?.skb.mark ?? '-'}`;
}

function differences(a: readonly Hop[], b: readonly Hop[]): string | undefined {
  const i = a.findIndex((h, k) => b[k] === undefined || signature(h) !== signature(b[k]!));
  if (i === -1 && a.length === b.length) return undefined;
  const at = i === -1 ? a.length : i;
  return `hop ${at + 1}: ${a[at] ? signature(a[at]!) : '(none)'} ≠ ${b[at] ? signature(b[at]!) : '(none)'}`;
}

describe('the article’s cluster as a scenario file', () => {
  const scenarios = allScenarios();

  it('walks as the knobs do at every scenario', () => {
    const differ: string[] = [];
    for (const s of scenarios) {
      const byKnobs = walkScenario(s);
      const byFile = walkSpec(articleSpec(s));
      if (!byFile.walk) {
        differ.push(`${scenarioKey(s)}: no walk (${byFile.diagnostics.map((d) => d.code).join()})`);
        continue;
      }
      const d = differences(byKnobs.hops, byFile.walk.hops);
      if (d || byKnobs.outcome.kind !== byFile.walk.outcome.kind)
        differ.push(`${scenarioKey(s)}: ${d ?? 'outcome'}`);
    }
    expect(scenarios.length).toBe(768);
    expect(differ).toEqual([]);
  });

  it('catches a file that is not the article’s (positive control: httpbin left out of the mesh)', () => {
    const s = scenarios[0]!;
    const spec = articleSpec(s);
    const unenrolled = {
      ...spec,
      workloads: spec.workloads.map((w) =>
        w.serviceAccount === 'httpbin' ? { ...w, enrolled: false } : w,
      ),
    };
    const w = walkSpec(unenrolled).walk!;
    expect(differences(walkScenario(s).hops, w.hops)).toBeDefined();
  });
});
