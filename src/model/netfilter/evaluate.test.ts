import { describe, expect, it } from 'vitest';
import { ipv4, type Ipv4 } from '../addresses';
import type { IpPacket } from '../packet';
import { traverseTable, type NetfilterEnv } from './evaluate';
import { buildTables } from './tables';

const P = { kind: 'illustrative', note: '' } as const;
const cmd = (text: string) => ({
  table: 'mangle' as const,
  text,
  owner: 'istio-cni' as const,
  prov: P,
  why: '',
});

const packet = (over: Partial<IpPacket['skb']> = {}): IpPacket => ({
  ip: { src: ipv4('10.244.2.4'), dst: ipv4('10.96.184.142'), proto: 'tcp' },
  l4: { sport: 48012, dport: 8000, flags: 'SYN' },
  skb: { mark: 0, connmark: 0, ...over },
  payload: { kind: 'stream', layers: [] },
});

const env = (over: Partial<NetfilterEnv> = {}): NetfilterEnv => ({
  iif: 'veth0',
  ipsetHas: (_s: string, ip: Ipv4) => ip === '10.244.2.4',
  ctState: 'NEW',
  socketExists: false,
  tproxyLookup: () => 'sock',
  redirectAddress: ipv4('127.0.0.1'),
  ...over,
});

describe('netfilter traversal', () => {
  const tables = buildTables([
    cmd('-N z'),
    cmd('-I PREROUTING -j z'),
    cmd('-A z -m mark --mark 0x200/0x200 -j RETURN'),
    cmd('-A z -p tcp -m set --match-set ztunnel-pods-ips src -j MARK --set-mark 0x100/0x100'),
    cmd('-A z -m mark --mark 0x100/0x100 -j RETURN'),
    cmd('-A z -j MARK --set-mark 0x1'),
  ]);

  it('applies MARK and continues, then RETURNs to the built-in chain, whose policy accepts', () => {
    const v = traverseTable(tables.mangle, 'PREROUTING', packet(), env());
    expect(v.packet.skb.mark).toBe(0x100);
    expect(v.verdict).toBe('ACCEPT');
    expect(v.decisive?.written).toContain('0x100/0x100');
    expect(v.matched.map((m) => m.rule.target.kind)).toEqual(['jump', 'MARK', 'RETURN']);
  });

  it('does not mark a source outside the ipset', () => {
    const v = traverseTable(tables.mangle, 'PREROUTING', packet(), env({ ipsetHas: () => false }));
    expect(v.packet.skb.mark).toBe(0x1);
  });

  it('matches marks under their mask: 0x210 carries the 0x200 skip bit', () => {
    const v = traverseTable(tables.mangle, 'PREROUTING', packet({ mark: 0x210 }), env());
    expect(v.packet.skb.mark).toBe(0x210);
    expect(v.matched.map((m) => m.rule.target.kind)).toEqual(['jump', 'RETURN']);
  });

  it('TPROXY keeps the upper mark bits: 8765 (0x223d) becomes 0x2400 under mask 0xfff', () => {
    const t = buildTables([
      cmd(
        '-A PREROUTING -p tcp -m mark --mark 8765 -j TPROXY --on-port 15001 --on-ip 127.0.0.1 --tproxy-mark 0x400/0xfff',
      ),
    ]);
    const v = traverseTable(
      t.mangle,
      'PREROUTING',
      packet({ mark: 8765 }),
      env({ tproxyLookup: () => 'zt|tcp|0.0.0.0:15001' }),
    );
    expect(v.packet.skb.mark).toBe(0x2400);
    expect(v.packet.skb.assignedSocket).toBe('zt|tcp|0.0.0.0:15001');
    expect(v.tproxy).toEqual({ socket: 'zt|tcp|0.0.0.0:15001' });
  });

  it('TPROXY drops when nothing listens on the port', () => {
    const t = buildTables([
      cmd(
        '-A PREROUTING -p tcp -j TPROXY --on-port 15001 --on-ip 127.0.0.1 --tproxy-mark 0x400/0xfff',
      ),
    ]);
    expect(
      traverseTable(t.mangle, 'PREROUTING', packet(), env({ tproxyLookup: () => undefined }))
        .verdict,
    ).toBe('DROP');
  });

  it('CONNMARK --save-mark copies only the masked bits', () => {
    const t = buildTables([
      cmd(
        '-A FORWARD -m mark --mark 0x210/0x210 -j CONNMARK --save-mark --nfmask 0x210 --ctmask 0x210',
      ),
    ]);
    const v = traverseTable(t.mangle, 'FORWARD', packet({ mark: 0x10210 }), env());
    expect(v.packet.skb.connmark).toBe(0x210);
  });
});
