/** Words for a TC program run: its verdict, the mark or cb[4] it set, and its branch line by line. */
import { hex } from '../addresses';
import { cbName, PROGRAM_SUMMARY } from '../ebpf/programs';
import type { TcFact } from '../facts';
import type { Narrator } from './context';
import { sentence } from './prose';

export const narrateTc: Narrator<TcFact> = (f) => {
  const at = `tc ${f.direction} on ${f.iface}`;
  const verdict =
    f.verdict === 'TC_ACT_REDIRECT'
      ? `bpf_redirect to ${f.redirectTo}`
      : f.verdict === 'TC_ACT_SHOT'
        ? 'TC_ACT_SHOT'
        : 'TC_ACT_OK';
  const mark = f.markSet;
  return {
    title:
      mark !== undefined
        ? `${f.program} (${at}) marks it ${mark} (${hex(mark)})`
        : `${f.program} (${at}): ${verdict}`,
    narration:
      f.verdict === 'TC_ACT_REDIRECT'
        ? `The eBPF program ${f.program} at the TC ${f.direction} of ${f.iface} redirects the packet to ${f.redirectTo}${f.cb4 !== undefined ? ` with cb[4]=${cbName(f.cb4)}` : ''}, skipping the rest of the stack.`
        : f.verdict === 'TC_ACT_SHOT'
          ? `The eBPF program ${f.program} at the TC ${f.direction} of ${f.iface} drops the packet (TC_ACT_SHOT).`
          : `The eBPF program ${f.program} at the TC ${f.direction} of ${f.iface} lets it pass${mark !== undefined ? ` with mark ${mark} (${hex(mark)})` : ''}.`,
    why: sentence(PROGRAM_SUMMARY[f.program]),
    actor: {
      kind: 'ebpf',
      name: f.program,
      text: f.path.join('\n'),
      details: [`attached: ${at} (clsact, bpf da)`, ...f.helpers.map((h) => `helper: ${h}`)],
      refs: [{ netns: f.netns, section: 'tc', lineId: `tc/${f.iface}/${f.direction}` }],
    },
  };
};
