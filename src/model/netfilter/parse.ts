/**
 * Reads iptables commands in the form istio-cni and kube-proxy pass them to `iptables`
 * (`-A ztunnel-PREROUTING -p tcp -m set --match-set ztunnel-pods-ips src -j MARK --set-mark
 * 0x100/0x100`) into structured rules the model evaluates. Only the options those tools use
 * are understood; anything else throws, so a typo in the cluster data fails at load time.
 */
import { cidr, ipv4 } from '../addresses';
import type { TransportProto } from '../packet';
import type { CtState, Match, Target } from './types';

export interface ParsedCommand {
  readonly op: 'append' | 'insert' | 'new-chain' | 'flush';
  readonly chain: string;
  /** 1-based position for `-I CHAIN N`; absent means the top. */
  readonly position?: number;
  readonly matches: readonly Match[];
  readonly target?: Target;
}

/** Splits on white space, keeping "double quoted" words whole (comments, log prefixes). */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|(\S+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) out.push(m[1] !== undefined ? m[1] : (m[2] as string));
  return out;
}

/** `0x100`, `0x100/0x100`, `5678`: value and mask (a bare value means mask 0xffffffff). */
export function parseMarkMask(text: string): { value: number; mask: number; hasMask: boolean } {
  const [v, m] = text.split('/');
  const value = parseNumber(v);
  return m === undefined
    ? { value, mask: 0xffffffff, hasMask: false }
    : { value, mask: parseNumber(m), hasMask: true };
}

function parseNumber(text: string | undefined): number {
  if (text === undefined || !/^(0x[0-9a-fA-F]+|\d+)$/.test(text)) {
    throw new Error(`not a number: ${String(text)}`);
  }
  return Number(text) >>> 0;
}

function parsePort(text: string | undefined): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`not a port: ${String(text)}`);
  return n;
}

/** Parses one command (`-A`, `-I`, `-N`, `-F`); throws with the offending word on error. */
export function parseCommand(text: string): ParsedCommand {
  const tokens = tokenize(text);
  let i = 0;
  const next = (what: string): string => {
    const t = tokens[i++];
    if (t === undefined) throw new Error(`"${text}": expected ${what}`);
    return t;
  };
  const opToken = next('-A/-I/-N/-F');
  const op =
    opToken === '-A'
      ? 'append'
      : opToken === '-I'
        ? 'insert'
        : opToken === '-N'
          ? 'new-chain'
          : opToken === '-F'
            ? 'flush'
            : undefined;
  if (!op) throw new Error(`"${text}": unknown command ${opToken}`);
  const chain = next('chain name');
  let position: number | undefined;
  if (op === 'insert' && tokens[i] !== undefined && /^\d+$/.test(tokens[i] as string)) {
    position = Number(next('position'));
  }
  if (op === 'new-chain' || op === 'flush') {
    if (i !== tokens.length) throw new Error(`"${text}": unexpected ${tokens[i]}`);
    return { op, chain, matches: [] };
  }

  const matches: Match[] = [];
  let negate = false;
  let module: string | undefined;
  let proto: TransportProto | undefined;
  let target: Target | undefined;

  // A `-m tcp`/`-m udp` not (yet) followed by --dport/--sport: kept as a match of its own.
  let bareL4: TransportProto | undefined;
  const flushBareL4 = (): void => {
    if (bareL4) matches.push({ kind: 'l4-module', proto: bareL4 });
    bareL4 = undefined;
  };

  const takeNegate = (): boolean => {
    const n = negate;
    negate = false;
    return n;
  };

  while (i < tokens.length) {
    const t = next('option');
    switch (t) {
      case '!':
        negate = true;
        break;
      case '-s':
        matches.push({ kind: 'src', cidr: cidr(next('address')), negate: takeNegate() });
        break;
      case '-d':
        matches.push({ kind: 'dst', cidr: cidr(next('address')), negate: takeNegate() });
        break;
      case '-i':
        matches.push({ kind: 'iif', name: next('interface'), negate: takeNegate() });
        break;
      case '-o':
        matches.push({ kind: 'oif', name: next('interface'), negate: takeNegate() });
        break;
      case '-p': {
        const p = next('protocol');
        if (p !== 'tcp' && p !== 'udp') throw new Error(`"${text}": protocol ${p}`);
        proto = p;
        matches.push({ kind: 'proto', proto: p, negate: takeNegate() });
        break;
      }
      case '-m':
        flushBareL4();
        module = next('module');
        if (module === 'tcp' || module === 'udp') bareL4 = module;
        if (
          !['tcp', 'udp', 'set', 'mark', 'connmark', 'owner', 'conntrack', 'comment'].includes(
            module,
          )
        ) {
          throw new Error(`"${text}": module ${module}`);
        }
        break;
      case '--dport':
      case '--sport': {
        const explicitModule = module === 'tcp' || module === 'udp';
        bareL4 = undefined;
        if (!explicitModule && !proto) throw new Error(`"${text}": ${t} without -p`);
        matches.push({
          kind: 'port',
          which: t === '--dport' ? 'dport' : 'sport',
          port: parsePort(next('port')),
          negate: takeNegate(),
          explicitModule,
        });
        break;
      }
      case '--match-set': {
        const set = next('set name');
        const dir = next('src/dst');
        if (dir !== 'src' && dir !== 'dst') throw new Error(`"${text}": set direction ${dir}`);
        matches.push({ kind: 'set', set, dir, negate: takeNegate() });
        break;
      }
      case '--mark': {
        const { value, mask } = parseMarkMask(next('mark'));
        const kind = module === 'connmark' ? 'connmark' : 'mark';
        if (module !== 'mark' && module !== 'connmark')
          throw new Error(`"${text}": --mark without -m mark`);
        matches.push({ kind, value, mask, negate: takeNegate() });
        break;
      }
      case '--socket-exists':
        matches.push({ kind: 'socket-exists' });
        break;
      case '--ctstate': {
        const states = next('states').split(',') as CtState[];
        for (const s of states) {
          if (!['NEW', 'ESTABLISHED', 'RELATED'].includes(s))
            throw new Error(`"${text}": ctstate ${s}`);
        }
        matches.push({ kind: 'ctstate', states, negate: takeNegate() });
        break;
      }
      case '--comment':
        matches.push({ kind: 'comment', text: next('comment') });
        break;
      case '-j':
        flushBareL4();
        target = parseTarget(text, next('target'), tokens.slice(i));
        i = tokens.length;
        break;
      default:
        throw new Error(`"${text}": unknown option ${t}`);
    }
  }
  if (!target) throw new Error(`"${text}": no -j target`);
  return position === undefined
    ? { op, chain, matches, target }
    : { op, chain, position, matches, target };
}

function parseTarget(text: string, name: string, args: string[]): Target {
  const opts = new Map<string, string>();
  const flags = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    const v = args[i + 1];
    if (a === '--save-mark' || a === '--restore-mark') {
      flags.add(a);
    } else if (a.startsWith('--') && v !== undefined && !v.startsWith('--')) {
      opts.set(a, v);
      i++;
    } else {
      throw new Error(`"${text}": target option ${a}`);
    }
  }
  const mask = (o: string): number => parseMarkMask(opts.get(o) ?? '0xffffffff').value;
  switch (name) {
    case 'ACCEPT':
    case 'DROP':
    case 'RETURN':
      return { kind: name };
    case 'MARK': {
      const xmark = opts.get('--set-xmark');
      if (xmark) {
        const { value, mask: m } = parseMarkMask(xmark);
        return { kind: 'MARK', value, mask: m };
      }
      const set = opts.get('--set-mark');
      if (!set) throw new Error(`"${text}": MARK needs --set-mark or --set-xmark`);
      // libxt_MARK: `--set-mark V/M` sets mark=V, mask=V|M; a bare V clears every other bit.
      const { value, mask: m, hasMask } = parseMarkMask(set);
      return { kind: 'MARK', value, mask: hasMask ? (value | m) >>> 0 : 0xffffffff };
    }
    case 'CONNMARK': {
      if (flags.has('--save-mark')) {
        return { kind: 'CONNMARK-save', nfmask: mask('--nfmask'), ctmask: mask('--ctmask') };
      }
      if (flags.has('--restore-mark')) {
        return { kind: 'CONNMARK-restore', nfmask: mask('--nfmask'), ctmask: mask('--ctmask') };
      }
      const xmark = opts.get('--set-xmark');
      if (!xmark)
        throw new Error(`"${text}": CONNMARK needs --save-mark, --restore-mark or --set-xmark`);
      const { value, mask: m } = parseMarkMask(xmark);
      return { kind: 'CONNMARK-set', value, mask: m };
    }
    case 'TPROXY': {
      const { value, mask: m } = parseMarkMask(opts.get('--tproxy-mark') ?? '0x0/0x0');
      return {
        kind: 'TPROXY',
        onPort: parsePort(opts.get('--on-port')),
        onIp: ipv4(opts.get('--on-ip') ?? '0.0.0.0'),
        mark: value,
        mask: m,
      };
    }
    case 'DNAT': {
      const to = opts.get('--to-destination');
      if (!to) throw new Error(`"${text}": DNAT needs --to-destination`);
      const [addr, port] = to.split(':');
      return port === undefined
        ? { kind: 'DNAT', ip: ipv4(addr as string) }
        : { kind: 'DNAT', ip: ipv4(addr as string), port: parsePort(port) };
    }
    case 'SNAT':
      return { kind: 'SNAT', ip: ipv4(opts.get('--to-source') ?? '') };
    case 'REDIRECT':
      return { kind: 'REDIRECT', port: parsePort(opts.get('--to-ports') ?? opts.get('--to-port')) };
    case 'LOG':
      return { kind: 'LOG', prefix: opts.get('--log-prefix') ?? '' };
    case 'CT':
      return { kind: 'CT', zone: Number(opts.get('--zone')) };
    default:
      if (args.length) throw new Error(`"${text}": options after jump to ${name}`);
      return { kind: 'jump', chain: name };
  }
}
