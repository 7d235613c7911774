/**
 * Reads `ip rule add …` and `ip route add …` commands as istio-cni runs them into the model's
 * rules and routes. Only the words those commands use are understood; anything else throws.
 */
import { cidr, ipv4 } from '../addresses';
import type { IpRule, Route, TableId } from './types';
import { parseMarkMask } from '../netfilter/parse';
import type { Provenance } from '../provenance';

function tableId(word: string | undefined): TableId {
  if (word === 'local' || word === 'main' || word === 'default') return word;
  const n = Number(word);
  if (!Number.isInteger(n) || n < 0) throw new Error(`not a table: ${String(word)}`);
  return n;
}

/** `ip rule add priority 101 fwmark 0x100/0x100 lookup 101` */
export function parseIpRule(text: string, id: string, prov: Provenance, why: string): IpRule {
  const w = text.trim().split(/\s+/);
  if (w[0] !== 'ip' || w[1] !== 'rule' || w[2] !== 'add')
    throw new Error(`not an ip rule command: ${text}`);
  let priority: number | undefined;
  let fwmark: IpRule['fwmark'];
  let iif: string | undefined;
  let action: IpRule['action'] | undefined;
  for (let i = 3; i < w.length; i++) {
    const word = w[i];
    const arg = w[i + 1];
    switch (word) {
      case 'priority':
      case 'pref':
        priority = Number(arg);
        i++;
        break;
      case 'fwmark': {
        const m = parseMarkMask(arg ?? '');
        fwmark = { value: m.value, mask: m.mask };
        i++;
        break;
      }
      case 'iif':
        iif = arg;
        i++;
        break;
      case 'lookup':
      case 'table':
        action = { kind: 'lookup', table: tableId(arg) };
        i++;
        break;
      case 'goto':
        action = { kind: 'goto', priority: Number(arg) };
        i++;
        break;
      case 'from':
        if (arg !== 'all') throw new Error(`from ${String(arg)} not supported: ${text}`);
        i++;
        break;
      default:
        throw new Error(`ip rule: unknown word ${String(word)} in ${text}`);
    }
  }
  if (priority === undefined || !action)
    throw new Error(`ip rule needs priority and action: ${text}`);
  return {
    id,
    priority,
    ...(fwmark ? { fwmark } : {}),
    ...(iif ? { iif } : {}),
    action,
    written: text,
    prov,
    why,
  };
}

/** `ip route add table 101 0.0.0.0/0 via 192.168.127.2 dev istioout` (table defaults to main). */
export function parseRoute(text: string, id: string, prov: Provenance, why: string): Route {
  const w = text.trim().split(/\s+/);
  if (w[0] !== 'ip' || w[1] !== 'route' || w[2] !== 'add')
    throw new Error(`not an ip route command: ${text}`);
  let table: TableId = 'main';
  let type: Route['type'] = 'unicast';
  let dst: Route['dst'] | undefined;
  let via: Route['via'];
  let dev: string | undefined;
  let src: Route['src'];
  let scope: Route['scope'];
  let proto: Route['proto'];
  let onlink = false;
  for (let i = 3; i < w.length; i++) {
    const word = w[i] as string;
    const arg = w[i + 1];
    switch (word) {
      case 'table':
        table = tableId(arg);
        i++;
        break;
      case 'local':
        type = 'local';
        break;
      case 'via':
        via = ipv4(arg ?? '');
        i++;
        break;
      case 'dev':
        dev = arg;
        i++;
        break;
      case 'src':
        src = ipv4(arg ?? '');
        i++;
        break;
      case 'scope':
        if (arg !== 'link' && arg !== 'host') throw new Error(`scope ${String(arg)}: ${text}`);
        scope = arg;
        i++;
        break;
      case 'proto':
        if (arg !== 'kernel') throw new Error(`proto ${String(arg)}: ${text}`);
        proto = arg;
        i++;
        break;
      case 'onlink':
        onlink = true;
        break;
      default:
        if (dst !== undefined) throw new Error(`ip route: unknown word ${word} in ${text}`);
        dst = word === 'default' ? cidr('0.0.0.0/0') : cidr(word);
    }
  }
  if (!dst || !dev) throw new Error(`ip route needs a destination and dev: ${text}`);
  // `ip route add local …` gets host scope from the kernel.
  if (type === 'local' && !scope) scope = 'host';
  return {
    id,
    table,
    type,
    dst,
    ...(via ? { via } : {}),
    dev,
    ...(src ? { src } : {}),
    ...(scope ? { scope } : {}),
    ...(proto ? { proto } : {}),
    ...(onlink ? { onlink } : {}),
    written: text,
    prov,
    why,
  };
}
