/**
 * Everything the Rules and Config panels print, rendered from the same data the walk evaluates:
 * `iptables-save`, `ip rule`, `ip route show table N`, `ipset list`, `tc filter show`,
 * `bpftool map dump`, listening sockets, and ztunnel's config dump. Each line that stands for a
 * rule, route or entry carries that item's id, so the acting one can be highlighted.
 */
import { hex, type Ipv4 } from './addresses';
import type { Cluster, Netns } from './cluster/types';
import { PROGRAM_SUMMARY } from './ebpf/programs';
import type { ListingRef } from './hop';
import { iptablesSave, type ListingLine } from './netfilter/render';
import { inNetns } from './kernel/commands';
import { nftListRuleset } from './nftables/list';
import { ipRuleListing, routeListing, routeTables } from './routing/render';
import { configDump } from './ztunnel/configDump';

export type { ListingLine };

export interface ListingSection {
  readonly section: ListingRef['section'];
  /** "iptables-save", "ip route show table 101", ... */
  readonly title: string;
  /** The command that prints it on a real node or pod. */
  readonly command: string;
  readonly lines: readonly ListingLine[];
}

function ipBytes(ip: Ipv4): string {
  return ip
    .split('.')
    .map((o) => Number(o).toString(16).padStart(2, '0'))
    .join(' ');
}

function u32le(n: number): string {
  return [0, 8, 16, 24].map((s) => ((n >>> s) & 0xff).toString(16).padStart(2, '0')).join(' ');
}

function macBytes(mac: string): string {
  return mac.split(':').join(' ');
}

/** The listings of one network namespace, in the order an operator would look at them. */
export function netnsListings(cluster: Cluster, netnsId: string): ListingSection[] {
  const ns: Netns | undefined = cluster.netns[netnsId];
  if (!ns) return [];
  const podNs = cluster.pods.find((p) => p.netns === ns.id)?.namespace ?? 'default';
  const run = (c: string): string => inNetns(ns, podNs, c);
  const out: ListingSection[] = [];
  const ipt = iptablesSave(ns.tables);
  if (ipt.length)
    out.push({
      section: 'iptables',
      title: 'iptables-save',
      command: run('iptables-save'),
      lines: ipt,
    });
  if (ns.nftables)
    out.push({
      section: 'nftables',
      title: 'nft list ruleset',
      command: run('nft list ruleset'),
      lines: nftListRuleset(ns.nftables),
    });
  out.push({
    section: 'ip-rule',
    title: 'ip rule',
    command: run('ip rule'),
    lines: ipRuleListing(ns.ipRules),
  });
  for (const t of routeTables(ns.routes)) {
    out.push({
      section: 'ip-route',
      title: t === 'main' ? 'ip route' : `ip route show table ${String(t)}`,
      command: run(t === 'main' ? 'ip route' : `ip route show table ${String(t)}`),
      lines: routeListing(ns.routes, t),
    });
  }
  for (const set of ns.ipsets) {
    out.push({
      section: 'ipset',
      title: `ipset list ${set.name}`,
      command: run(`ipset list ${set.name}`),
      lines: [
        { text: `Name: ${set.name}` },
        { text: `Type: ${set.type}` },
        { text: 'Header: family inet hashsize 1024 maxelem 65536 comment' },
        { text: `Number of entries: ${set.members.length}` },
        { text: 'Members:' },
        ...set.members.map((m) => ({
          text: `${m.ip} comment "${m.comment}"`,
          id: `ipset/${set.name}/${m.ip}`,
        })),
      ],
    });
  }
  if (ns.tc.length) {
    out.push({
      section: 'tc',
      title: 'tc filter show',
      command: run('tc filter show dev <veth> ingress; tc filter show dev <veth> egress'),
      lines: ns.tc.flatMap((a) => [
        {
          text: `dev ${a.iface} ${a.direction}: filter protocol all pref 1 bpf chain 0 handle 0x1 ${a.program} direct-action not_in_hw`,
          id: `tc/${a.iface}/${a.direction}`,
        },
        { text: `    # ${PROGRAM_SUMMARY[a.program]}` },
      ]),
    });
  }
  if (ns.bpfMaps) {
    const m = ns.bpfMaps;
    const lines: ListingLine[] = [
      { text: '# /sys/fs/bpf/ambient/app_info (HASH, max 1024): pod IPv4 → {ifindex, mac}' },
    ];
    for (const e of m.appInfo) {
      lines.push({
        text: `key: ${ipBytes(e.ip)}  value: ${u32le(e.value.ifindex)} ${macBytes(e.value.mac)} 00 00    # ${e.ip} → ifindex ${e.value.ifindex}, mac ${e.value.mac}`,
        id: `bpf/app_info/${e.ip}`,
      });
    }
    if (m.ztunnelInfo) {
      const z = m.ztunnelInfo.value;
      lines.push({ text: '# /sys/fs/bpf/ambient/ztunnel_info (ARRAY, 1): {ifindex, mac, flag}' });
      lines.push({
        text: `key: 00 00 00 00  value: ${u32le(z.ifindex)} ${macBytes(z.mac)} ${z.flag.toString(16).padStart(2, '0')} 00    # ifindex ${z.ifindex}, mac ${z.mac}, flag ${hex(z.flag)}${z.flag & 1 ? ' (CAPTURE_DNS_FLAG)' : ''}`,
        id: 'bpf/ztunnel_info/0',
      });
    }
    lines.push({ text: '# /sys/fs/bpf/ambient/host_ip_info (ARRAY, 2): host IP, IPv4-mapped' });
    lines.push({
      text: `key: 00 00 00 00  value: 00 00 00 00 00 00 00 00 00 00 ff ff ${ipBytes(m.hostIpInfo.ip)}    # ${m.hostIpInfo.ip}`,
      id: 'bpf/host_ip_info/0',
    });
    out.push({
      section: 'bpf-maps',
      title: 'bpftool map dump',
      command: run('bpftool map dump pinned /sys/fs/bpf/ambient/app_info'),
      lines,
    });
  }
  if (ns.listeners.length) {
    out.push({
      section: 'listeners',
      title: 'ss -ltnup',
      command: run('ss -ltnup'),
      lines: ns.listeners.map((l) => ({
        text: `${l.proto.padEnd(4)} ${l.proto === 'tcp' ? 'LISTEN' : 'UNCONN'} ${`${l.ip === '0.0.0.0' ? '*' : l.ip}:${l.port}`.padEnd(18)} ${cluster.processes[l.process]?.kind ?? ''} (${l.name}${l.transparent ? ', IP_TRANSPARENT' : ''}${l.mark ? `, mark ${hex(l.mark)}` : ''})`,
        id: `listen/${l.proto}/${l.port}`,
      })),
    });
  }
  // In-pod: how istio-cni enrolled this pod, which is why ztunnel's sockets are in it.
  const enrolled = cluster.enrolment?.find((e) => e.netns === ns.id);
  if (enrolled)
    out.push({
      section: 'enrolment',
      title: 'istio-cni AddPodToMesh and ZDS',
      command:
        'kubectl -n istio-system logs ds/istio-cni-node; kubectl -n istio-system logs ds/ztunnel',
      lines: enrolled.steps.map((st, i) => ({
        text: `${i + 1}. ${st.text}`,
        id: `enrolment/${st.step}`,
      })),
    });
  // In-pod, ztunnel's proxy for an enrolled pod holds the same store, and its listeners are here.
  if (ns.role === 'ztunnel' || cluster.enrolment?.some((e) => e.netns === ns.id)) {
    out.push(ztunnelConfigListing(cluster));
  }
  return out;
}

/**
 * JSON with two-space indentation that keeps arrays of plain values on one line, as the
 * article prints `"waypointAddresses": ["10.244.2.6"]`.
 */
export function prettyJson(value: unknown, indent = ''): string {
  if (Array.isArray(value)) {
    if (value.every((v) => v === null || typeof v !== 'object'))
      return JSON.stringify(value).replace(/,/g, ', ');
    if (value.length === 0) return '[]';
    const inner = indent + '  ';
    return `[\n${value.map((v) => inner + prettyJson(v, inner)).join(',\n')}\n${indent}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return '{}';
    const inner = indent + '  ';
    return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${prettyJson(v, inner)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}

/**
 * ztunnel's workloads, Services and policies as the release's config dump prints them. Each
 * entry's first line carries the entry's id (for a hop's refs); the line naming a workload's
 * waypoint is marked, so the panel can point at it.
 */
export function ztunnelConfigListing(cluster: Cluster): ListingSection {
  const sections = configDump(cluster.ztunnelStore, cluster.release);
  const lines: ListingLine[] = [{ text: '{' }];
  sections.forEach((section, si) => {
    const lastSection = si === sections.length - 1;
    const [open, close] = section.list ? ['[', ']'] : ['{', '}'];
    if (section.entries.length === 0) {
      lines.push({ text: `  "${section.key}": ${open}${close}${lastSection ? '' : ','}` });
      return;
    }
    lines.push({ text: `  "${section.key}": ${open}` });
    section.entries.forEach((entry, i) => {
      const body = prettyJson(entry.value).split('\n');
      const last = i === section.entries.length - 1;
      body.forEach((line, j) => {
        const head = section.list ? '' : `${JSON.stringify(entry.key)}: `;
        const text =
          j === 0
            ? `    ${head}${line}${body.length === 1 && !last ? ',' : ''}`
            : `    ${line}${j === body.length - 1 && !last ? ',' : ''}`;
        const waypoint = /^\s*"(waypointAddresses|waypoint)": (\[".+|\{)/.test(line);
        lines.push({
          text,
          ...(j === 0 && entry.id ? { id: entry.id } : {}),
          ...(waypoint ? { emphasis: 'waypoint' as const } : {}),
        });
      });
    });
    lines.push({ text: `  ${close}${lastSection ? '' : ','}` });
  });
  lines.push({ text: '}' });
  const keys = sections.map((x) => x.key).join(', ');
  return {
    section: 'ztunnel-config',
    title: `ztunnel ${cluster.release.tags.ztunnel} config_dump (${keys})`,
    command:
      'kubectl -n istio-system port-forward ds/ztunnel 15000 & curl -s localhost:15000/config_dump',
    lines,
  };
}
