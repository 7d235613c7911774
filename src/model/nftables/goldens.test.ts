/**
 * The transactions the builders produce, compared line for line with istio-cni's own goldens
 * (`cni/pkg/nftables/testdata/*.golden` at 1.28.0 and 1.30.3, copied verbatim into
 * ../shared/upstream/inpod/ and read here at test time). Each case is the configuration the
 * upstream test used (`GetCommonInPodTestCases`, `GetCommonHostTestCases`, `constructTestConfig`;
 * see that folder's README). IPv6 variants are covered too: they are only text here, and the
 * chart's default (`cni.ambient.ipv6: true`) writes them on every pod.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { hostProbeTransactions } from './host';
import { inpodNftables, type InpodNftOptions } from './inpod';
import type { NftRelease } from './istioCni';
import { transactionText, type NftOp } from './transaction';

const GOLDENS = fileURLToPath(new URL('../../../../shared/upstream/inpod/', import.meta.url));
const FOLDER: Record<NftRelease, string> = { '1.28': '1.28.0', '1.30': '1.30.3' };

function golden(release: NftRelease, name: string): string[] {
  const file = `${GOLDENS}${FOLDER[release]}/nftables/${name}.golden`;
  if (!existsSync(file))
    throw new Error(`upstream golden missing: ${file} (the shared folder beside the checkout)`);
  return readFileSync(file, 'utf8').replace(/\n$/, '').split('\n');
}

/** `constructTestConfig`: the probe SNAT addresses of the upstream tests. */
const TEST_SNAT = {
  probeSnat: '169.254.7.127',
  probeSnatV6: 'e9ac:1e77:90ca:399f:4d6d:ece2:2f9b:3164',
};
const VIRT = ['fake1s0f0', 'fake1s0f1'];

/** `GetCommonInPodTestCases`: RedirectDNS and the pod's overrides give the effective options. */
const POD_CASES: ReadonlyArray<[string, Omit<InpodNftOptions, 'ipv6'>]> = [
  ['default', { dns: true }],
  ['ingress', { dns: false, ingressMode: true }],
  ['virtual_interfaces', { dns: false, virtualInterfaces: VIRT }],
  ['ingress_and_virtual_interfaces', { dns: false, ingressMode: true, virtualInterfaces: VIRT }],
  ['dns_pod_enabled_and_off_globally', { dns: true }],
  ['dns_pod_disabled_and_on_globally', { dns: false }],
];

const RELEASES: readonly NftRelease[] = ['1.28', '1.30'];

describe('the pod-netns transaction is the one istio-cni runs (AppendInpodRules)', () => {
  for (const release of RELEASES) {
    for (const [name, opts] of POD_CASES) {
      for (const ipv6 of [false, true]) {
        const file = ipv6 ? `${name}_ipv6` : name;
        it(`${release}: ${file}.golden, line for line`, () => {
          const built = inpodNftables(release, { ...opts, ...TEST_SNAT, ipv6 });
          expect(transactionText(built.transaction)).toEqual(golden(release, file));
        });
      }
    }
  }
});

describe('the host transaction is the one istio-cni runs (CreateHostRulesForHealthChecks)', () => {
  for (const release of RELEASES) {
    for (const ipv6 of [false, true]) {
      const file = ipv6 ? 'hostprobe_ipv6' : 'hostprobe';
      it(`${release}: ${file}.golden, line for line (kubelet uid 1000, as the test mocks it)`, () => {
        const txs = hostProbeTransactions(release, {
          kubeletUid: 1000,
          members: [],
          ...TEST_SNAT,
          ipv6,
        });
        expect(transactionText(txs.rules)).toEqual(golden(release, file));
      });
    }
  }
});

describe('the comparison can fail', () => {
  it('a rule with another port renders a different line, and only that line', () => {
    const built = inpodNftables('1.30', { dns: true, ...TEST_SNAT, ipv6: false });
    const ops = built.transaction.ops.map((o): NftOp => {
      if (o.op !== 'add-rule') return o;
      const stmts = o.rule.stmts.map((s) =>
        s.kind === 'redirect' && s.port === 15001 ? { ...s, port: 15002 } : s,
      );
      return { op: 'add-rule', rule: { ...o.rule, stmts } };
    });
    const rendered = transactionText({ ...built.transaction, ops });
    const expected = golden('1.30', 'default');
    const differing = expected.flatMap((line, i) => (rendered[i] === line ? [] : [line]));
    expect(differing).toEqual([
      'add rule inet istio-ambient-nat istio-output meta l4proto tcp ip daddr != 127.0.0.1/32 mark and 0xfff != 0x539 counter redirect to :15001',
    ]);
  });

  it('the 1.28.0 builder does not reproduce the 1.30.3 golden (their differences are real)', () => {
    const built = inpodNftables('1.28', { dns: true, ...TEST_SNAT, ipv6: false });
    expect(transactionText(built.transaction)).not.toEqual(golden('1.30', 'default'));
  });
});
