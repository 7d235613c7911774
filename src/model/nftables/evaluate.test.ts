/**
 * The nftables evaluator against istio-cni's own pod rulesets (1.28.0, 1.30.3) and against small
 * rulesets that pin nf_tables' semantics: base chains in priority order across tables, `accept`
 * ending one base chain, `drop` ending all, `jump` coming back and `goto` not, nat chains only
 * for a connection's first packet, `ct zone set` only before conntrack, ip6 tables blind to IPv4.
 * Addresses follow the domain file's example topology (inpod-and-import.md §1.4).
 */
import { describe, expect, it } from 'vitest';
import { ipv4 } from '../addresses';
import type { IpPacket, TransportProto } from '../packet';
import { evaluateNftHook, type NftContext, type NftHookResult } from './evaluate';
import { nftFact } from './fact';
import { inpodNftables } from './inpod';
import { nftSource, type NftRelease } from './istioCni';
import { applyTransactions, type NftOp } from './transaction';
import type { NftExpr, NftHook, NftRuleset, NftStmt, NftTable } from './types';

const SLEEP = '10.244.1.5';
const HTTPBIN = '10.244.2.8';
const HTTPBIN_VIP = '10.96.100.10';
const KUBE_DNS = '10.96.0.10';
const ZTUNNEL_MARK = 0x539;

function pkt(
  src: string,
  dst: string,
  dport: number,
  o: { proto?: TransportProto; sport?: number; mark?: number; connmark?: number } = {},
): IpPacket {
  return {
    ip: { src: ipv4(src), dst: ipv4(dst), proto: o.proto ?? 'tcp' },
    l4: { sport: o.sport ?? 48012, dport, ...(o.proto === 'udp' ? {} : { flags: 'SYN' as const }) },
    skb: { mark: o.mark ?? 0, connmark: o.connmark ?? 0 },
    payload: { kind: 'stream', layers: [] },
  };
}

/** A packet a process in the pod sends: routed out of eth0, redirect goes to 127.0.0.1. */
const sent: NftContext = { oif: 'eth0', ctNew: true, redirectAddress: ipv4('127.0.0.1') };
/** A packet arriving on the pod's eth0: redirect goes to the pod's own address. */
const arrived = (podIp: string): NftContext => ({
  iif: 'eth0',
  ctNew: true,
  redirectAddress: ipv4(podIp),
});

const pod = (release: NftRelease, dns: boolean) =>
  inpodNftables(release, { dns, ipv6: true }).ruleset;

/** The fact of the base chain that decided, or of the last one run. */
function decidingFact(r: NftHookResult) {
  const run = r.runs.find((x) => x.decisive) ?? r.runs.at(-1)!;
  return nftFact('pod', run);
}

describe("sleep's outbound connection in its own netns", () => {
  for (const [release, tag] of [
    ['1.30', '1.30.3'],
    ['1.28', '1.28.0'],
  ] as const) {
    it(`${release}: the SYN to ${HTTPBIN_VIP}:8000 is redirected to 15001 by istio-output in inet istio-ambient-nat`, () => {
      const r = evaluateNftHook(pod(release, true), 'output', pkt(SLEEP, HTTPBIN_VIP, 8000), sent);
      expect(r.dropped).toBe(false);
      expect(r.packet.ip.dst).toBe('127.0.0.1');
      expect(r.packet.l4.dport).toBe(15001);
      expect(r.nat).toEqual({ kind: 'REDIRECT', ip: '127.0.0.1', port: 15001 });
      // A destination NAT at output makes the kernel route the packet again (to lo).
      expect(r.reroute).toBe(true);
      const f = decidingFact(r);
      expect(f).toMatchObject({
        family: 'inet',
        table: 'istio-ambient-nat',
        baseChain: 'output',
        chain: 'istio-output',
        chainType: 'nat',
        priority: -100,
        statement: 'redirect',
        tag: 'O6',
        verdict: 'accept',
        by: 'rule',
        ref: `istio/istio@${tag}:cni/pkg/nftables/nftables.go`,
        func: 'AppendInpodRules',
      });
      expect(f.rule).toMatch(/^inet\/istio-ambient-nat\/istio-output\/\d+$/);
      expect(f.effect).toBe('redirected to 127.0.0.1:15001');
    });
  }

  it('every table hooked at output runs, raw (-300) then mangle (-150) then nat (-100)', () => {
    const r = evaluateNftHook(pod('1.30', true), 'output', pkt(SLEEP, HTTPBIN_VIP, 8000), sent);
    expect(r.runs.map((x) => [x.table, x.base.priority, x.verdict, x.by])).toEqual([
      ['istio-ambient-raw', -300, 'accept', 'policy'],
      ['istio-ambient-mangle', -150, 'accept', 'policy'],
      ['istio-ambient-nat', -100, 'accept', 'rule'],
    ]);
  });

  it("ztunnel's own SYN (SO_MARK 0x539) to httpbin:15008 leaves sleep's netns unredirected", () => {
    const hbone = pkt(SLEEP, HTTPBIN, 15008, { mark: ZTUNNEL_MARK });
    const r = evaluateNftHook(pod('1.30', true), 'output', hbone, sent);
    expect(r.packet).toEqual(hbone);
    expect(r.nat).toBeUndefined();
    expect(r.reroute).toBe(false);
    const nat = r.runs.find((x) => x.table === 'istio-ambient-nat')!;
    expect(nftFact('pod', nat)).toMatchObject({ rule: null, verdict: 'accept', by: 'policy' });
    // istio-output was entered (the jump matched) but no rule in it acted.
    expect(nat.matched.map((m) => m.effect)).toEqual(['jump to istio-output']);
  });

  it('a subsequent packet of the connection skips the nat chains (conntrack already NATed it)', () => {
    const r = evaluateNftHook(pod('1.30', true), 'output', pkt(SLEEP, HTTPBIN_VIP, 8000), {
      ...sent,
      ctNew: false,
    });
    expect(r.runs.map((x) => x.table)).toEqual(['istio-ambient-raw', 'istio-ambient-mangle']);
    expect(r.packet.ip.dst).toBe(HTTPBIN_VIP);
  });
});

describe("arriving in httpbin's netns", () => {
  it('HBONE to 15008 is not redirected: ztunnel listens there inside the pod', () => {
    const syn = pkt(SLEEP, HTTPBIN, 15008);
    const r = evaluateNftHook(pod('1.30', true), 'prerouting', syn, arrived(HTTPBIN));
    expect(r.packet).toEqual(syn);
    expect(r.nat).toBeUndefined();
    const nat = r.runs.find((x) => x.table === 'istio-ambient-nat')!;
    expect(nat.decisive).toBeUndefined();
  });

  it('plaintext from outside the mesh to 8080 is redirected to 15006 at the pod address (P2)', () => {
    const r = evaluateNftHook(
      pod('1.30', true),
      'prerouting',
      pkt('10.244.3.9', HTTPBIN, 8080),
      arrived(HTTPBIN),
    );
    expect(r.packet.ip.dst).toBe(HTTPBIN);
    expect(r.packet.l4.dport).toBe(15006);
    expect(decidingFact(r)).toMatchObject({
      table: 'istio-ambient-nat',
      baseChain: 'prerouting',
      chain: 'istio-prerouting',
      tag: 'P2',
    });
  });

  it('a kubelet probe SNATed to 169.254.7.127 is accepted before P2 can redirect it (P1)', () => {
    const r = evaluateNftHook(
      pod('1.30', true),
      'prerouting',
      pkt('169.254.7.127', HTTPBIN, 8080),
      arrived(HTTPBIN),
    );
    expect(r.packet.l4.dport).toBe(8080);
    expect(decidingFact(r)).toMatchObject({ tag: 'P1', statement: 'accept' });
  });

  it("ztunnel's connection to the app over lo gets connmark 0x111 (M1), and the app's reply gets it back as its mark (M2), which reroutes it", () => {
    const rs = pod('1.30', true);
    const lo: NftContext = { iif: 'lo', ctNew: true, redirectAddress: ipv4('127.0.0.1') };
    const toApp = evaluateNftHook(
      rs,
      'prerouting',
      pkt(SLEEP, HTTPBIN, 8080, { mark: ZTUNNEL_MARK }),
      lo,
    );
    expect(toApp.packet.skb.connmark).toBe(0x111);
    expect(toApp.packet.l4.dport).toBe(8080);
    const m1 = toApp.runs.find((x) => x.table === 'istio-ambient-mangle')!;
    expect(nftFact('httpbin', m1)).toMatchObject({ tag: 'M1', effect: 'ct mark 0x0 → 0x111' });

    const reply = pkt(HTTPBIN, SLEEP, 48012, { connmark: 0x111 });
    const back = evaluateNftHook(rs, 'output', reply, { ...sent, ctNew: false });
    expect(back.packet.skb.mark).toBe(0x111);
    expect(back.reroute).toBe(true);
    const m2 = back.runs.find((x) => x.table === 'istio-ambient-mangle')!;
    expect(nftFact('httpbin', m2)).toMatchObject({ tag: 'M2', chainType: 'route' });
  });
});

describe('DNS capture', () => {
  const query = (mark = 0) => pkt(SLEEP, KUBE_DNS, 53, { proto: 'udp', sport: 40000, mark });

  it("on: the app's UDP query to kube-dns goes to ztunnel's DNS proxy on 15053 (O2)", () => {
    const r = evaluateNftHook(pod('1.30', true), 'output', query(), sent);
    expect(r.packet.l4.dport).toBe(15053);
    expect(r.ctZone).toBe(0);
    expect(decidingFact(r)).toMatchObject({ tag: 'O2', table: 'istio-ambient-nat' });
  });

  it("on: ztunnel's upstream query (mark 0x539) goes out unredirected, in conntrack zone 1 (R1)", () => {
    const r = evaluateNftHook(pod('1.30', true), 'output', query(ZTUNNEL_MARK), sent);
    expect(r.packet.l4.dport).toBe(53);
    expect(r.ctZone).toBe(1);
    const raw = r.runs.find((x) => x.table === 'istio-ambient-raw')!;
    expect(nftFact('sleep', raw)).toMatchObject({
      tag: 'R1',
      statement: 'ct-zone-set',
      ctZone: 1,
      priority: -300,
    });
  });

  it('on: the upstream answer (udp sport 53) is put in zone 1 before conntrack sees it (R2)', () => {
    const answer = pkt(KUBE_DNS, SLEEP, 40000, { proto: 'udp', sport: 53 });
    const r = evaluateNftHook(pod('1.30', true), 'prerouting', answer, {
      ...arrived(SLEEP),
      ctNew: false,
    });
    expect(r.ctZone).toBe(1);
  });

  it("off: the app's query goes to kube-dns untouched, and there is no raw table", () => {
    const rs = pod('1.30', false);
    expect(rs.tables.map((t) => t.name)).not.toContain('istio-ambient-raw');
    const r = evaluateNftHook(rs, 'output', query(), sent);
    expect(r.packet.l4.dport).toBe(53);
    expect(r.ctZone).toBe(0);
  });
});

describe('the evaluator is sensitive to the rules (positive controls)', () => {
  /** The ruleset with one rule's statements or expressions rewritten. */
  function mutate(
    rs: NftRuleset,
    tag: string,
    f: (e: readonly NftExpr[], s: readonly NftStmt[]) => [NftExpr[], NftStmt[]],
  ): NftRuleset {
    let hits = 0;
    const tables = rs.tables.map((t): NftTable => ({
      ...t,
      chains: t.chains.map((c) => ({
        ...c,
        rules: c.rules.map((r) => {
          if (r.tag !== tag) return r;
          hits++;
          const [exprs, stmts] = f(r.exprs, r.stmts);
          return { ...r, exprs, stmts };
        }),
      })),
    }));
    expect(hits).toBeGreaterThan(0);
    return { tables };
  }

  it('with O6 redirecting to 15002, the outbound SYN lands on 15002, not 15001', () => {
    const rs = mutate(pod('1.30', true), 'O6', (e, s) => [
      [...e],
      s.map((x) => (x.kind === 'redirect' ? { ...x, port: 15002 } : x)),
    ]);
    const r = evaluateNftHook(rs, 'output', pkt(SLEEP, HTTPBIN_VIP, 8000), sent);
    expect(r.packet.l4.dport).toBe(15002);
  });

  it("without O6's mark exclusion, ztunnel's own HBONE SYN would loop back into ztunnel", () => {
    const rs = mutate(pod('1.30', true), 'O6', (e, s) => [
      e.filter((x) => x.kind !== 'mark'),
      [...s],
    ]);
    const r = evaluateNftHook(
      rs,
      'output',
      pkt(SLEEP, HTTPBIN, 15008, { mark: ZTUNNEL_MARK }),
      sent,
    );
    expect(r.packet.l4.dport).toBe(15001);
  });

  it("without P2's 15008 exclusion, HBONE would be redirected to the plaintext port", () => {
    const rs = mutate(pod('1.30', true), 'P2', (e, s) => [
      e.filter((x) => x.kind !== 'port'),
      [...s],
    ]);
    const r = evaluateNftHook(rs, 'prerouting', pkt(SLEEP, HTTPBIN, 15008), arrived(HTTPBIN));
    expect(r.packet.l4.dport).toBe(15006);
  });
});

describe('nf_tables semantics on small rulesets', () => {
  const src = nftSource('1.30', 'test.go', 'test');
  type RuleDef = [chain: string, exprs: NftExpr[], stmts: NftStmt[]];
  function ruleset(
    tables: ReadonlyArray<{
      family?: 'inet' | 'ip' | 'ip6';
      name: string;
      chains: ReadonlyArray<{
        name: string;
        base?: {
          type: 'filter' | 'nat' | 'route';
          hook: NftHook;
          priority: number;
          policy?: 'accept' | 'drop';
        };
      }>;
      rules: readonly RuleDef[];
    }>,
  ): NftRuleset {
    const ops: NftOp[] = tables.flatMap((t) => {
      const at = { family: t.family ?? 'inet', table: t.name } as const;
      return [
        { ...at, op: 'add-table' as const },
        ...t.chains.map((c): NftOp => ({ ...at, op: 'add-chain', ...c, src })),
        ...t.rules.map(([chain, exprs, stmts]): NftOp => ({
          op: 'add-rule',
          rule: { ...at, chain, exprs, stmts, src, why: '' },
        })),
      ];
    });
    return applyTransactions([{ src, ops }]);
  }
  const base = (hook: NftHook, priority: number, policy?: 'accept' | 'drop') => ({
    type: 'filter' as const,
    hook,
    priority,
    ...(policy ? { policy } : {}),
  });
  const setMark = (value: number): NftStmt => ({
    kind: 'mark-set',
    target: 'meta',
    mask: 0,
    value,
  });
  const p = pkt(SLEEP, HTTPBIN, 80);

  it('runs base chains by priority, not by table creation order; accept ends only its own chain', () => {
    const rs = ruleset([
      {
        name: 'late',
        chains: [{ name: 'c', base: base('output', 10) }],
        rules: [['c', [], [setMark(2)]]],
      },
      {
        name: 'early',
        chains: [{ name: 'c', base: base('output', -10) }],
        rules: [['c', [], [setMark(1), { kind: 'accept' }]]],
      },
    ]);
    const r = evaluateNftHook(rs, 'output', p, sent);
    expect(r.runs.map((x) => x.table)).toEqual(['early', 'late']);
    expect(r.packet.skb.mark).toBe(2);
  });

  it('drop ends every later base chain', () => {
    const rs = ruleset([
      {
        name: 'a',
        chains: [{ name: 'c', base: base('output', 0) }],
        rules: [['c', [], [{ kind: 'drop' }]]],
      },
      {
        name: 'b',
        chains: [{ name: 'c', base: base('output', 5) }],
        rules: [['c', [], [setMark(9)]]],
      },
    ]);
    const r = evaluateNftHook(rs, 'output', p, sent);
    expect(r.dropped).toBe(true);
    expect(r.runs.map((x) => x.table)).toEqual(['a']);
  });

  it('jump comes back to the next rule; goto does not, and the base chain policy decides', () => {
    const chains = [{ name: 'c', base: base('output', 0, 'drop') }, { name: 'sub' }];
    const jumped = ruleset([
      {
        name: 't',
        chains,
        rules: [
          ['c', [], [{ kind: 'jump', chain: 'sub' }]],
          ['c', [], [setMark(7), { kind: 'accept' }]],
          ['sub', [], [setMark(3)]],
        ],
      },
    ]);
    const j = evaluateNftHook(jumped, 'output', p, sent);
    expect(j).toMatchObject({ dropped: false, packet: { skb: { mark: 7 } } });

    const gone = ruleset([
      {
        name: 't',
        chains,
        rules: [
          ['c', [], [{ kind: 'goto', chain: 'sub' }]],
          ['c', [], [setMark(7), { kind: 'accept' }]],
          ['sub', [], [setMark(3)]],
        ],
      },
    ]);
    const g = evaluateNftHook(gone, 'output', p, sent);
    expect(g.dropped).toBe(true);
    expect(g.packet.skb.mark).toBe(3);
    expect(g.runs[0]).toMatchObject({ verdict: 'drop', by: 'policy' });
  });

  it('return leaves a regular chain early', () => {
    const rs = ruleset([
      {
        name: 't',
        chains: [{ name: 'c', base: base('output', 0) }, { name: 'sub' }],
        rules: [
          ['c', [], [{ kind: 'jump', chain: 'sub' }]],
          ['sub', [], [{ kind: 'return' }]],
          ['sub', [], [setMark(5)]],
        ],
      },
    ]);
    expect(evaluateNftHook(rs, 'output', p, sent).packet.skb.mark).toBe(0);
  });

  it('ct zone set works below conntrack (-200) and is a no-op above it', () => {
    const zone: NftStmt = { kind: 'ct-zone-set', zone: 1 };
    const at = (priority: number) =>
      evaluateNftHook(
        ruleset([
          {
            name: 't',
            chains: [{ name: 'c', base: base('output', priority) }],
            rules: [['c', [], [zone]]],
          },
        ]),
        'output',
        p,
        sent,
      ).ctZone;
    expect(at(-300)).toBe(1);
    expect(at(-150)).toBe(0);
  });

  it('an ip6 table does not see an IPv4 packet; an ip table does', () => {
    const rs = ruleset([
      {
        family: 'ip6',
        name: 'six',
        chains: [{ name: 'c', base: base('output', 0) }],
        rules: [['c', [], [setMark(6)]]],
      },
      {
        family: 'ip',
        name: 'four',
        chains: [{ name: 'c', base: base('output', 1) }],
        rules: [['c', [], [setMark(4)]]],
      },
    ]);
    const r = evaluateNftHook(rs, 'output', p, sent);
    expect(r.runs.map((x) => x.table)).toEqual(['four']);
    expect(r.packet.skb.mark).toBe(4);
  });
});
