/**
 * A scenario file's nodes as the builders need them. A dump names each workload's node but
 * holds no node addresses; the file may give them (labelled), and what neither has is made up
 * in kind's shape and says so.
 */
import { fnv1a } from '../hash';
import { cidr, ipv4, mac, type Cidr, type Ipv4, type Mac } from '../addresses';
import type { NodeFacts } from '../cluster/kind';
import type { NodeName } from '../cluster/types';
import { illustrative, inferred, type Provenance } from '../provenance';
import type { ClusterSpec, SpecNode } from '../spec/types';
import { SRC } from '../upstream';
import { fieldProvenance } from './provenance';

/** True when `text` is an address `ipv4()` accepts: a file's strings are read by the model's one parser. */
export function isIpv4(text: string | undefined): text is string {
  if (text === undefined) return false;
  try {
    ipv4(text);
    return true;
  } catch {
    return false;
  }
}

/** A stable made-up MAC (locally administered) for a name. */
export function madeUpMac(name: string): Mac {
  const h = fnv1a(name);
  const b = [0x02, (h >>> 24) & 255, (h >>> 16) & 255, (h >>> 8) & 255, h & 255, name.length & 255];
  return mac(b.map((x) => x.toString(16).padStart(2, '0')).join(':'));
}

/** The /24 a pod address is in. */
function slash24(ip: string): Cidr {
  return cidr(`${ip.split('.').slice(0, 3).join('.')}.0/24`);
}

/**
 * The node's pod range: the file's; or the /24 all its pods share when no other node's pod is
 * in it; or made up (then its pods are reached by host routes, labelled so).
 */
function podRange(spec: ClusterSpec, n: SpecNode, i: number): { range: Cidr; prov: Provenance } {
  if (n.podCidr && /^\d+\.\d+\.\d+\.\d+\/\d+$/.test(n.podCidr))
    return {
      range: cidr(n.podCidr),
      prov: fieldProvenance(spec, n.provenance, 'podCidr', `${n.name}'s pod range`),
    };
  const podIp = (w: ClusterSpec['workloads'][number]): string | undefined => {
    const ip = w.ips.find(isIpv4);
    return ip && ip !== n.internalIp ? ip : undefined;
  };
  const mine = spec.workloads
    .filter((w) => w.node === n.name)
    .map(podIp)
    .filter(isIpv4);
  const ranges = new Set(mine.map(slash24));
  const only = ranges.size === 1 ? [...ranges][0]! : undefined;
  const shared =
    only &&
    spec.workloads.some((w) => {
      const ip = podIp(w);
      return w.node !== n.name && ip !== undefined && slash24(ip) === only;
    });
  if (only && !shared)
    return {
      range: only,
      prov: illustrative(`the /24 every pod on ${n.name} is in; the file gives no pod range`),
    };
  return {
    range: cidr(`10.${200 + (i >> 8)}.${i & 255}.0/24`),
    prov: illustrative(
      `a pod range made up for ${n.name}: its pods' addresses share no /24 of their own, so each is reached by a host route`,
    ),
  };
}

/** The file's nodes with what the builders need of each. */
export function specNodes(spec: ClusterSpec): NodeFacts[] {
  return spec.nodes.map((n, i) => {
    const { range, prov } = podRange(spec, n, i);
    const internalIp: Ipv4 = isIpv4(n.internalIp) ? ipv4(n.internalIp) : ipv4(`172.18.0.${10 + i}`);
    const internalIpProv = isIpv4(n.internalIp)
      ? fieldProvenance(spec, n.provenance, 'internalIp', `${n.name}'s address`)
      : illustrative(`${n.name}'s address on the network between nodes; the file gives none`);
    const base = range.split('/')[0]!.split('.');
    return {
      name: n.name as NodeName,
      podCidr: range,
      podCidrProv: prov,
      internalIp,
      internalIpProv,
      uplinkMac: madeUpMac(`uplink ${n.name}`),
      uplinkIfindex: 2,
      hostIp: ipv4(`${base[0]}.${base[1]}.${base[2]}.1`),
      hostIpProv: inferred(
        SRC.net118,
        "GetHostIP: the node's address in its PodCIDR, taken as the range's first address (kindnet's; the file does not name the CNI)",
      ),
    };
  });
}
