/**
 * `nft list ruleset` rendered from the ruleset the walk evaluates, compared with what nft 1.0.6
 * printed after loading the same rules into an empty network namespace (captured once with
 * `unshare -n nft -f … && nft list ruleset`; the expected text below is that output).
 */
import { describe, expect, it } from 'vitest';
import { hostProbeNftables } from './host';
import { inpodNftables } from './inpod';
import { nftListRuleset, nftSetLineId } from './list';
import { priorityText } from './syntax';

/** nft 1.0.6, 1.30.3's default.golden loaded into an empty netns. */
const POD_DEFAULT_130 = [
  'table inet istio-ambient-nat {',
  '\tchain prerouting {',
  '\t\ttype nat hook prerouting priority dstnat; policy accept;',
  '\t\tjump istio-prerouting',
  '\t}',
  '',
  '\tchain output {',
  '\t\ttype nat hook output priority -100; policy accept;',
  '\t\tjump istio-output',
  '\t}',
  '',
  '\tchain istio-prerouting {',
  '\t\tmeta l4proto tcp ip saddr 169.254.7.127 counter packets 0 bytes 0 accept',
  '\t\tip daddr != 127.0.0.1 tcp dport != 15008 meta mark & 0x00000fff != 0x00000539 counter packets 0 bytes 0 redirect to :15006',
  '\t}',
  '',
  '\tchain istio-output {',
  '\t\tmeta l4proto tcp ip daddr 169.254.7.127 counter packets 0 bytes 0 accept',
  '\t\toifname != "lo" meta mark & 0x00000fff != 0x00000539 udp dport 53 counter packets 0 bytes 0 redirect to :15053',
  '\t\tip daddr != 127.0.0.1 tcp dport 53 meta mark & 0x00000fff != 0x00000539 counter packets 0 bytes 0 redirect to :15053',
  '\t\tmeta l4proto tcp meta mark & 0x00000fff == 0x00000111 counter packets 0 bytes 0 accept',
  '\t\toifname "lo" ip daddr != 127.0.0.1 counter packets 0 bytes 0 accept',
  '\t\tmeta l4proto tcp ip daddr != 127.0.0.1 meta mark & 0x00000fff != 0x00000539 counter packets 0 bytes 0 redirect to :15001',
  '\t}',
  '}',
  'table inet istio-ambient-mangle {',
  '\tchain prerouting {',
  '\t\ttype filter hook prerouting priority mangle; policy accept;',
  '\t\tjump istio-prerouting',
  '\t}',
  '',
  '\tchain output {',
  '\t\ttype route hook output priority mangle; policy accept;',
  '\t\tjump istio-output',
  '\t}',
  '',
  '\tchain istio-prerouting {',
  '\t\tmeta mark & 0x00000fff == 0x00000539 counter packets 0 bytes 0 ct mark set ct mark & 0xfffff111 | 0x00000111',
  '\t}',
  '',
  '\tchain istio-output {',
  '\t\tct mark & 0x00000fff == 0x00000111 counter packets 0 bytes 0 meta mark set ct mark',
  '\t}',
  '}',
  'table inet istio-ambient-raw {',
  '\tchain prerouting {',
  '\t\ttype filter hook prerouting priority raw; policy accept;',
  '\t\tjump istio-prerouting',
  '\t}',
  '',
  '\tchain output {',
  '\t\ttype filter hook output priority raw; policy accept;',
  '\t\tjump istio-output',
  '\t}',
  '',
  '\tchain istio-prerouting {',
  '\t\tudp sport 53 meta mark & 0x00000fff != 0x00000539 counter packets 0 bytes 0 ct zone set 1',
  '\t}',
  '',
  '\tchain istio-output {',
  '\t\tudp dport 53 meta mark & 0x00000fff == 0x00000539 counter packets 0 bytes 0 ct zone set 1',
  '\t}',
  '}',
];

/** nft 1.0.6: the set, the host rule (kubelet uid 0, as on kind), three pods enrolled. */
const HOST_130 = [
  'table inet istio-ambient-nat {',
  '\tset istio-inpod-probes-v4 {',
  '\t\ttype ipv4_addr',
  '\t\tcomment "UUID of the pods that are part of ambient mesh"',
  '\t\telements = { 10.244.1.5 comment "uid-sleep", 10.244.1.7 comment "uid-httpbin",',
  '\t\t\t     10.244.1.12 comment "uid-other" }',
  '\t}',
  '',
  '\tchain postrouting {',
  '\t\ttype nat hook postrouting priority srcnat; policy accept;',
  '\t\tmeta l4proto tcp meta skuid 0 ip daddr @istio-inpod-probes-v4 counter packets 0 bytes 0 snat ip to 169.254.7.127',
  '\t}',
  '}',
];

const text = (lines: ReadonlyArray<{ text: string }>) => lines.map((l) => l.text);

describe('nft list ruleset, as a user sees it', () => {
  it("prints a 1.30 pod's default rules (DNS capture on) as nft does", () => {
    const pod = inpodNftables('1.30', { dns: true, ipv6: false });
    expect(text(nftListRuleset(pod.ruleset))).toEqual(POD_DEFAULT_130);
  });

  it("prints the node's probe set, sorted and wrapped, and its SNAT rule as nft does", () => {
    const host = hostProbeNftables('1.30', {
      kubeletUid: 0,
      ipv6: false,
      members: [
        { ip: '10.244.1.7', podUid: 'uid-httpbin' },
        { ip: '10.244.1.5', podUid: 'uid-sleep' },
        { ip: '10.244.1.12', podUid: 'uid-other' },
      ],
    });
    expect(text(nftListRuleset(host.ruleset))).toEqual(HOST_130);
  });

  it('marks every rule line with its rule id, and the set rows with the elements they hold', () => {
    const pod = inpodNftables('1.30', { dns: true, ipv6: false });
    const lines = nftListRuleset(pod.ruleset);
    const o6 = pod.ruleset.tables[0]!.chains.find((c) => c.name === 'istio-output')!.rules.at(-1)!;
    expect(lines.find((l) => l.id === o6.id)?.text).toContain('redirect to :15001');
    const ruleLines = lines.filter((l) => l.id);
    const ruleCount = pod.ruleset.tables.flatMap((t) => t.chains.flatMap((c) => c.rules)).length;
    expect(ruleLines).toHaveLength(ruleCount);

    const host = hostProbeNftables('1.30', {
      kubeletUid: 0,
      ipv6: false,
      members: [
        { ip: '10.244.1.5', podUid: 'a' },
        { ip: '10.244.1.7', podUid: 'b' },
        { ip: '10.244.1.12', podUid: 'c' },
      ],
    });
    const set = host.ruleset.tables[0]!.sets[0]!;
    const id = nftSetLineId(set, '10.244.1.12');
    expect(nftListRuleset(host.ruleset).find((l) => l.id === id)?.text).toContain('10.244.1.12');
  });

  it.each([
    ['prerouting', -150, 'mangle'],
    ['prerouting', -140, 'mangle + 10'],
    ['output', 5, 'filter + 5'],
    ['output', -100, '-100'],
    ['prerouting', -100, 'dstnat'],
    ['postrouting', 100, 'srcnat'],
    ['output', 100, '100'],
    ['forward', -200, '-200'],
  ] as const)('names priority %s %i as nft does: %s', (hook, prio, expected) => {
    expect(priorityText(hook, prio)).toBe(expected);
  });
});
