/**
 * Addresses as branded strings, so an IP can never be passed where an interface name or a MAC is
 * expected. Parsing is strict: the model's data is typed in by hand, and a typo must fail loudly.
 */

export type Ipv4 = string & { readonly __brand: 'Ipv4' };
export type Cidr = string & { readonly __brand: 'Cidr' };
export type Mac = string & { readonly __brand: 'Mac' };

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** Parses a dotted-quad IPv4 address; throws on anything else. */
export function ipv4(text: string): Ipv4 {
  if (!IPV4.test(text)) throw new Error(`not an IPv4 address: ${text}`);
  return text as Ipv4;
}

/** Parses `a.b.c.d/n` (or a bare address, taken as /32); throws on anything else. */
export function cidr(text: string): Cidr {
  const [addr, len = '32', extra] = text.split('/');
  const n = Number(len);
  if (
    extra !== undefined ||
    addr === undefined ||
    !IPV4.test(addr) ||
    !Number.isInteger(n) ||
    n < 0 ||
    n > 32
  ) {
    throw new Error(`not an IPv4 CIDR: ${text}`);
  }
  return `${addr}/${n}` as Cidr;
}

/** Parses a colon-separated MAC address (lower case). */
export function mac(text: string): Mac {
  if (!/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/.test(text)) throw new Error(`not a MAC address: ${text}`);
  return text as Mac;
}

/** The address as an unsigned 32-bit integer (network order read as a number). */
export function ipToInt(ip: Ipv4): number {
  return ip.split('.').reduce((acc, octet) => acc * 256 + Number(octet), 0);
}

export function prefixLength(c: Cidr): number {
  return Number(c.split('/')[1]);
}

export function cidrAddress(c: Cidr): Ipv4 {
  return c.split('/')[0] as Ipv4;
}

/** True when `ip` lies inside `c`. */
export function inCidr(ip: Ipv4, c: Cidr): boolean {
  const len = prefixLength(c);
  if (len === 0) return true;
  const shift = 32 - len;
  // Shift via division: JS bit ops are signed 32-bit and would mangle the top bit.
  return Math.floor(ipToInt(ip) / 2 ** shift) === Math.floor(ipToInt(cidrAddress(c)) / 2 ** shift);
}

/** `0.0.0.0/0` renders as `default` in `ip route`; a /32 renders bare. */
export function routeDestinationText(c: Cidr): string {
  if (prefixLength(c) === 0) return 'default';
  if (prefixLength(c) === 32) return cidrAddress(c);
  return c;
}

/** A mark or mask in the lower-case hex iptables and iproute2 print: 0x100, 0x4d3. */
export function hex(n: number): string {
  return `0x${(n >>> 0).toString(16)}`;
}
