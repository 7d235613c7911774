/**
 * `nft list ruleset` as the app renders it for a pod or a node, compared line for line with the
 * upstream goldens (`cni/pkg/nftables/testdata/*.golden` at 1.28.0 and 1.30.3, read at test time
 * from ../shared/upstream/inpod) after normalising them the way nft does when it lists what a
 * transaction loaded. The goldens are knftables transaction text (see that folder's README), so
 * the normalisation is:
 * - chain grouping: rules move under their chain, tables keep creation order, sets come first,
 *   a blank line between blocks, base chains get their `type … hook … priority …; policy accept;`
 *   line with the priority named where nft names it (dstnat only at prerouting, srcnat only at
 *   postrouting);
 * - marks: `mark and 0xfff  != 0x539` → `meta mark & 0x00000fff != 0x00000539` (eight digits,
 *   `&`, one space); `ct mark set ct mark & 0xfffff000 |  0x111` → `… & 0xfffff111 | 0x00000111`
 *   (the kernel keeps mask and xor; nft prints mask|xor);
 * - addresses: a host prefix (`/32`, `/128`) is dropped; interface names are quoted;
 * - `counter` → `counter packets 0 bytes 0`; `snat to A` → `snat ip to A` (or `ip6`);
 *   `skuid N` → `meta skuid N`.
 * These rules were checked once against nft 1.0.6 itself (`unshare -n` + `nft -f <golden>` +
 * `nft list ruleset`) for all 28 goldens: the rendered listing matched nft's byte for byte.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { hostProbeNftables } from './host';
import { inpodNftables, type InpodNftOptions } from './inpod';
import type { NftRelease } from './istioCni';
import { nftListRuleset } from './list';
import { transactionText } from './transaction';
import type { NftRuleset } from './types';

const GOLDENS = fileURLToPath(new URL('../../../../shared/upstream/inpod/', import.meta.url));
const FOLDER: Record<NftRelease, string> = { '1.28': '1.28.0', '1.30': '1.30.3' };

function golden(release: NftRelease, name: string): string[] {
  const file = `${GOLDENS}${FOLDER[release]}/nftables/${name}.golden`;
  if (!existsSync(file))
    throw new Error(`upstream golden missing: ${file} (the shared folder beside the checkout)`);
  return readFileSync(file, 'utf8').replace(/\n$/, '').split('\n');
}

const hex8 = (n: number) => `0x${(n >>> 0).toString(16).padStart(8, '0')}`;

/** One rule body of a transaction, as nft lists it. */
function listedBody(body: string): string {
  return (
    body
      .replace(/\s+/g, ' ')
      .replace(
        /ct mark set ct mark & (0x[0-9a-f]+) \| (0x[0-9a-f]+)/,
        (_, m: string, v: string) =>
          `ct mark set ct mark & ${hex8(Number(m) | Number(v))} | ${hex8(Number(v))}`,
      )
      .replace(
        /(?:(meta|ct) )?mark (?:and|&) (0x[0-9a-f]+) (==|!=) (0x[0-9a-f]+)/g,
        (_, key: string | undefined, m: string, op: string, v: string) =>
          `${key ?? 'meta'} mark & ${hex8(Number(m))} ${op} ${hex8(Number(v))}`,
      )
      .replace(/\b(ip6? [sd]addr (?:!= )?[0-9a-f.:]+)\/(?:32|128)\b/g, '$1')
      .replace(/\b([io]ifname) (!= )?([\w.-]+)/g, '$1 $2"$3"')
      .replace(/\bcounter\b/g, 'counter packets 0 bytes 0')
      .replace(/snat to (\S+)/, (_, a: string) => `snat ${a.includes(':') ? 'ip6' : 'ip'} to ${a}`)
      // The host rule writes `skuid` bare; nft lists it under `meta`.
      .replace(/(^| )skuid /, '$1meta skuid ')
  );
}

const PRIORITY_NAMES: ReadonlyArray<[number, string, string?]> = [
  [-300, 'raw'],
  [-150, 'mangle'],
  [-100, 'dstnat', 'prerouting'],
  [0, 'filter'],
  [100, 'srcnat', 'postrouting'],
];

interface Block {
  head: string[];
  rules: string[];
}

/** The transaction lines, listed the way nft lists the ruleset they leave. */
function listedFromTransaction(lines: readonly string[]): string[] {
  const tables = new Map<string, { sets: Block[]; chains: Map<string, Block> }>();
  const tableOf = (fam: string, name: string) => {
    const key = `${fam} ${name}`;
    if (!tables.has(key)) tables.set(key, { sets: [], chains: new Map() });
    return tables.get(key)!;
  };
  for (const line of lines) {
    const [verb, what, fam = '', name = '', obj = '', ...rest] = line.split(' ');
    const t = tableOf(fam, name);
    if (verb === 'flush' || what === 'table') continue;
    if (what === 'set') {
      const m = /\{ type (\S+) ;(?: comment (".*") ;)? \}/.exec(rest.join(' '))!;
      const head = [`\tset ${obj} {`, `\t\ttype ${m[1]}`, ...(m[2] ? [`\t\tcomment ${m[2]}`] : [])];
      t.sets.push({ head, rules: [] });
    } else if (what === 'chain') {
      const head = [`\tchain ${obj} {`];
      const m = /\{ type (\w+) hook (\w+) priority (-?\d+) ; \}/.exec(rest.join(' '));
      if (m) {
        const [, type, hook, prio] = m;
        const named = PRIORITY_NAMES.find(
          ([v, , only]) => v === Number(prio) && (!only || only === hook),
        );
        head.push(`\t\ttype ${type} hook ${hook} priority ${named?.[1] ?? prio}; policy accept;`);
      }
      t.chains.set(obj, { head, rules: [] });
    } else if (what === 'rule') {
      t.chains.get(obj)!.rules.push(`\t\t${listedBody(rest.join(' '))}`);
    } else throw new Error(`unexpected transaction line: ${line}`);
  }
  return [...tables].flatMap(([key, t]) => [
    `table ${key} {`,
    ...[...t.sets, ...t.chains.values()].flatMap((b, i) => [
      ...(i > 0 ? [''] : []),
      ...b.head,
      ...b.rules,
      '\t}',
    ]),
    '}',
  ]);
}

const listed = (rs: NftRuleset) => nftListRuleset(rs).map((l) => l.text);

const TEST_SNAT = {
  probeSnat: '169.254.7.127',
  probeSnatV6: 'e9ac:1e77:90ca:399f:4d6d:ece2:2f9b:3164',
};
const VIRT = ['fake1s0f0', 'fake1s0f1'];
const POD_CASES: ReadonlyArray<[string, Omit<InpodNftOptions, 'ipv6'>]> = [
  ['default', { dns: true }],
  ['dns_pod_disabled_and_on_globally', { dns: false }],
  ['dns_pod_enabled_and_off_globally', { dns: true }],
  ['ingress', { dns: false, ingressMode: true }],
  ['virtual_interfaces', { dns: false, virtualInterfaces: VIRT }],
  ['ingress_and_virtual_interfaces', { dns: false, ingressMode: true, virtualInterfaces: VIRT }],
];
const RELEASES: readonly NftRelease[] = ['1.28', '1.30'];

describe("a pod's nft list ruleset is the upstream golden, listed (AppendInpodRules)", () => {
  for (const release of RELEASES) {
    for (const [name, opts] of POD_CASES) {
      for (const ipv6 of [false, true]) {
        const file = ipv6 ? `${name}_ipv6` : name;
        it(`${release}: ${file}.golden, line for line`, () => {
          const pod = inpodNftables(release, { ...opts, ...TEST_SNAT, ipv6 });
          expect(listed(pod.ruleset)).toEqual(listedFromTransaction(golden(release, file)));
        });
      }
    }
  }
});

describe("the node's nft list ruleset is the upstream golden, listed (CreateHostRulesForHealthChecks)", () => {
  for (const release of RELEASES) {
    for (const ipv6 of [false, true]) {
      const file = ipv6 ? 'hostprobe_ipv6' : 'hostprobe';
      it(`${release}: ${file}.golden after the agent's sets, line for line`, () => {
        // 1.28.0 writes the ip6 rule even without IPv6, and its set must exist for nft to load it.
        const opts = {
          kubeletUid: 1000,
          members: [],
          ...TEST_SNAT,
          ipv6: ipv6 || release === '1.28',
        };
        const host = hostProbeNftables(release, opts);
        // The golden holds only the rules; the sets come from initializeSets, run before them.
        const loaded = [...transactionText(host.sets), ...golden(release, file)];
        expect(listed(host.ruleset)).toEqual(listedFromTransaction(loaded));
      });
    }
  }
});

describe('the listing comparison can fail', () => {
  it('a rule with another port lists a different line, and only that line', () => {
    const pod = inpodNftables('1.30', { dns: true, ...TEST_SNAT, ipv6: false });
    const tables = pod.ruleset.tables.map((t) => ({
      ...t,
      chains: t.chains.map((c) => ({
        ...c,
        rules: c.rules.map((r) =>
          r.tag === 'P2'
            ? {
                ...r,
                stmts: r.stmts.map((s) => (s.kind === 'redirect' ? { ...s, port: 15007 } : s)),
              }
            : r,
        ),
      })),
    }));
    const expected = listedFromTransaction(golden('1.30', 'default'));
    const rendered = listed({ tables });
    expect(expected.filter((line, i) => rendered[i] !== line)).toEqual([
      '\t\tip daddr != 127.0.0.1 tcp dport != 15008 meta mark & 0x00000fff != 0x00000539 counter packets 0 bytes 0 redirect to :15006',
    ]);
  });

  it("1.28.0's pod listing is not 1.30.3's golden (1.28.0 lists ip6 rules without IPv6)", () => {
    const pod = inpodNftables('1.28', { dns: true, ...TEST_SNAT, ipv6: false });
    expect(listed(pod.ruleset)).not.toEqual(listedFromTransaction(golden('1.30', 'default')));
  });
});
