import { describe, expect, it } from 'vitest';
import type { Hop } from '../hop';
import { MODE_RELEASES } from '../releases';
import { DEFAULT_SCENARIO, SCENARIO_KNOB_NAMES, SCENARIO_KNOBS, type Scenario } from '../scenario';
import { walkScenario } from '../walk';
import { actingPhrase } from './acting';
import {
  columnLabels,
  columnShortLabels,
  compareScenarios,
  parseColumns,
  serializeColumns,
} from './columns';
import { knobOfValue } from './columnText';
import { differences, differsLine } from './differs';

/** The hops of the overview step of `group` (its first run). */
function stepHops(s: Scenario, group: Hop['group']): Hop[] {
  return walkScenario(s).hops.filter((h) => h.group === group);
}

const IPTABLES = DEFAULT_SCENARIO;
const EBPF: Scenario = { ...DEFAULT_SCENARIO, redirect: 'ebpf', istio: '1.20' };

describe('compare columns', () => {
  it('every knob value belongs to one knob only, so a value alone names its knob; `iptables` names the redirection', () => {
    const all = SCENARIO_KNOB_NAMES.flatMap((k) => [...SCENARIO_KNOBS[k]] as string[]);
    // `iptables` is also the pod firewall's default (in-pod), which a column never needs to name.
    expect(all.filter((v, i) => all.indexOf(v) !== i)).toEqual(['iptables']);
    expect(knobOfValue('iptables')).toBe('redirect');
    expect(parseColumns('nftables')).toEqual([{ firewall: 'nftables' }]);
  });

  it('reads modes, releases and scenarios, and writes them back the same', () => {
    for (const text of [
      'iptables,ebpf',
      '1.18,1.20',
      'none,httpbin',
      'iptables_1.20,ebpf',
      'ebpf',
    ]) {
      const columns = parseColumns(text);
      expect(columns, text).toBeDefined();
      expect(serializeColumns(columns!)).toBe(text);
    }
    expect(parseColumns('iptables,ebpf')).toEqual([{ redirect: 'iptables' }, { redirect: 'ebpf' }]);
  });

  it('refuses words no knob has, a knob set twice in a column, empty and a fourth column', () => {
    for (const bad of ['', 'iptables,', 'nft', 'iptables_ebpf', '1.18,1.19,1.20,1.18', 'x,y'])
      expect(parseColumns(bad), bad).toBeUndefined();
  });

  it('gives each mode a release it is walked at, and one column sits beside the page’s walk', () => {
    const [a, b] = compareScenarios(IPTABLES, parseColumns('ebpf')!);
    expect(a).toEqual(IPTABLES);
    expect(b).toEqual(EBPF);
    for (const s of compareScenarios(IPTABLES, parseColumns('iptables,ebpf')!))
      expect(MODE_RELEASES[s.redirect]).toContain(s.istio);
  });

  it('names each column’s mode and release, and any other knob that differs', () => {
    const modes = compareScenarios(IPTABLES, parseColumns('iptables,ebpf')!);
    expect(columnLabels(modes)).toEqual(['iptables + GENEVE · Istio 1.18', 'eBPF · Istio 1.20']);
    expect(columnShortLabels(modes)).toEqual(['iptables + GENEVE', 'eBPF']);
    const waypoint = compareScenarios(IPTABLES, parseColumns('none,httpbin')!);
    expect(columnLabels(waypoint)[1]).toBe('iptables + GENEVE · Istio 1.18 · waypoint httpbin');
    expect(columnShortLabels(waypoint)).toEqual(['waypoint none', 'waypoint httpbin']);
  });
});

describe('what differs at a step', () => {
  it('names iptables’ mark and eBPF’s redirecting program at the capture step', () => {
    const line = differsLine([
      { label: 'iptables', hops: stepHops(IPTABLES, 'capture') },
      { label: 'eBPF', hops: stepHops(EBPF, 'capture') },
    ]);
    expect(line).toBe(
      'iptables: mangle ztunnel-PREROUTING mark 0x0 → 0x100; eBPF: app_outbound (veth6d3e0c2b ingress) bpf_redirect to vethb7c4e1d0',
    );
  });

  it('names the policy routing table and the GENEVE tunnel iptables steers with', () => {
    const [ipt, ebpf] = differences([
      { label: 'iptables', hops: stepHops(IPTABLES, 'to-ztunnel') },
      { label: 'eBPF', hops: stepHops(EBPF, 'to-ztunnel') },
    ]);
    expect(ipt?.only).toContain('mark 0x100 → ip rule 101 → table 101');
    expect(ipt?.only).toContain('istioout GENEVE VNI 1001');
    expect(ebpf?.only).toEqual([]);
    expect(
      differsLine([
        { label: 'a', hops: [] },
        { label: 'b', hops: stepHops(EBPF, 'to-ztunnel') },
      ]),
    ).toBeNull();
  });

  it('at every overview step of iptables against eBPF, names each side that acted on its own', () => {
    const walks = [IPTABLES, EBPF].map((s) => walkScenario(s).hops);
    const groups = [...new Set(walks[0]!.map((h) => h.group))];
    for (const g of groups) {
      const sides = walks.map((hops, i) => ({
        label: ['iptables', 'eBPF'][i]!,
        hops: hops.filter((h) => h.group === g),
      }));
      for (const d of differences(sides))
        for (const p of d.only)
          expect(
            sides.find((s) => s.label === d.label)!.hops.map((h) => actingPhrase(h.fact)),
          ).toContain(p);
    }
  });

  it('leaves out what both sides did, and says nothing when they did the same', () => {
    const listener = (s: Scenario) => stepHops(s, 'hbone-out');
    const d = differences([
      { label: 'iptables', hops: listener(IPTABLES) },
      { label: 'eBPF', hops: listener(EBPF) },
    ]);
    const shared = 'ztunnel plan direct-hbone to 10.244.1.5:15008';
    expect(d.flatMap((s) => s.only)).not.toContain(shared);
    expect(
      differsLine([
        { label: 'a', hops: listener(IPTABLES) },
        { label: 'b', hops: listener(IPTABLES) },
      ]),
    ).toBeNull();
  });
});
