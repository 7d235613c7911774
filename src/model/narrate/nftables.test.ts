import { describe, expect, it } from 'vitest';
import { ipv4 } from '../addresses';
import type { Cluster } from '../cluster/types';
import type { HopRecord } from '../hop';
import type { IpPacket } from '../packet';
import { podNetnsFirewall } from '../nftables/firewall';
import { narrateNftables } from './nftables';

const fw = podNetnsFirewall('1.30', { dns: true, ipv6: false, netns: 'sleep' });
/** Only what the narrator reads: the namespace, its label and its ruleset. */
const cluster = {
  netns: { sleep: { id: 'sleep', label: 'sleep-7d8f (pod netns)', nftables: fw.ruleset } },
} as unknown as Cluster;

const syn = (dst: string, dport: number, mark = 0): IpPacket => ({
  ip: { src: ipv4('10.244.1.5'), dst: ipv4(dst), proto: 'tcp' },
  l4: { sport: 48012, dport, flags: 'SYN' },
  skb: { mark, connmark: 0 },
  payload: { kind: 'stream', layers: [] },
});
const ctx = { oif: 'eth0', ctNew: true, redirectAddress: ipv4('127.0.0.1') };

function words(p: IpPacket, table: string) {
  const { result, facts } = fw.evaluate(p, 'OUTPUT', ctx);
  const run = result.runs.find((r) => r.table === table)!;
  const fact = facts.find((f) => f.table === table)!;
  const record = { packetBefore: run.packetBefore, packetAfter: run.packet } as HopRecord;
  return { fact, record };
}

describe('nftables narration', () => {
  it('names the acting rule as nft lists it, points the Rules panel at its line, and says why', () => {
    const { fact, record } = words(syn('10.96.100.10', 8000), 'istio-ambient-nat');
    const w = narrateNftables(fact, { cluster, record });
    expect(w.title).toBe('inet istio-ambient-nat istio-output: redirected to 127.0.0.1:15001');
    expect(w.actor.text).toBe(
      'meta l4proto tcp ip daddr != 127.0.0.1 meta mark & 0x00000fff != 0x00000539 counter packets 0 bytes 0 redirect to :15001',
    );
    expect(w.actor.refs).toEqual([{ netns: 'sleep', section: 'nftables', lineId: fact.rule }]);
    expect(
      fw
        .render()
        .find((l) => l.id === fact.rule)
        ?.text.trim(),
    ).toBe(w.actor.text);
    expect(w.narration).toContain('type nat hook output priority -100');
    expect(w.why).toContain('redirect to ztunnel proxy');
  });
});
