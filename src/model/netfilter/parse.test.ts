import { describe, expect, it } from 'vitest';
import { parseCommand, tokenize } from './parse';

describe('parsing iptables commands as istio-cni writes them', () => {
  it('reads `--set-mark V/M` as libxt_MARK does: xmark value V, mask V|M', () => {
    expect(parseCommand('-A c -j MARK --set-mark 0x100/0x100').target).toEqual({
      kind: 'MARK',
      value: 0x100,
      mask: 0x100,
    });
    expect(parseCommand('-A c -j MARK --set-mark 0x4d3/0xfff').target).toEqual({
      kind: 'MARK',
      value: 0x4d3,
      mask: 0xfff,
    });
  });

  it('reads a bare `--set-mark V` as clearing every other bit (mask 0xffffffff)', () => {
    expect(parseCommand('-A c -s 10.244.1.1/32 -j MARK --set-mark 0x220').target).toEqual({
      kind: 'MARK',
      value: 0x220,
      mask: 0xffffffff,
    });
  });

  it('reads decimal marks (the eBPF 5678 and 8765)', () => {
    const m = parseCommand('-A PREROUTING -p tcp -m mark --mark 5678 -j ACCEPT').matches[1];
    expect(m).toEqual({ kind: 'mark', value: 5678, mask: 0xffffffff, negate: false });
  });

  it('reads TPROXY, CONNMARK and DNAT targets', () => {
    expect(
      parseCommand(
        '-A P -p tcp -j TPROXY --on-port 15001 --on-ip 127.0.0.1 --tproxy-mark 0x400/0xfff',
      ).target,
    ).toEqual({
      kind: 'TPROXY',
      onPort: 15001,
      onIp: '127.0.0.1',
      mark: 0x400,
      mask: 0xfff,
    });
    expect(
      parseCommand(
        '-A F -m mark --mark 0x210/0x210 -j CONNMARK --save-mark --nfmask 0x210 --ctmask 0x210',
      ).target,
    ).toEqual({
      kind: 'CONNMARK-save',
      nfmask: 0x210,
      ctmask: 0x210,
    });
    expect(parseCommand('-A P -p udp -j DNAT --to-destination 10.244.2.2:15053').target).toEqual({
      kind: 'DNAT',
      ip: '10.244.2.2',
      port: 15053,
    });
  });

  it('keeps quoted comments whole', () => {
    expect(tokenize('-m comment --comment "kubernetes service portals" -j X')).toEqual([
      '-m',
      'comment',
      '--comment',
      'kubernetes service portals',
      '-j',
      'X',
    ]);
  });

  it('rejects what it does not understand, so a typo in the cluster data fails loudly', () => {
    expect(() => parseCommand('-A c -m mark --mrak 0x1 -j ACCEPT')).toThrow(
      /unknown option --mrak/,
    );
    expect(() => parseCommand('-A c -p sctp -j ACCEPT')).toThrow(/protocol sctp/);
    expect(() => parseCommand('-A c -s 10.0.0.300 -j ACCEPT')).toThrow(/CIDR/);
    expect(() => parseCommand('-A c -p tcp')).toThrow(/no -j target/);
  });
});
