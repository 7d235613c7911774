/**
 * Made-up clusters for the layout's tests: any number of nodes and pods, with names, interfaces,
 * tunnels, TC programs and listeners that no scenario of the product has, so a test can tell a
 * layout drawn from data from one that knows the article's cluster. Also a walk-like set of hops
 * that visits every anchor the topology offers.
 */
import type {
  Hop,
  Iface,
  Listener,
  NetnsId,
  NodeInfo,
  NodeName,
  PodInfo,
  PodRole,
  ProcessId,
  Topology,
  TopologyNetns,
} from '../../../model';
import type { Cidr, Ipv4, Mac } from '../../../model';

type Prov = PodInfo['ip']['prov'];
const PROV: Prov = { kind: 'illustrative', note: 'made up for a layout test' };
const CODE = {
  program: 'example/programs@v0:steer.bpf.c',
  attachedPer: 'example/agent@v0:attach.go',
};
const ip = (...o: number[]): Ipv4 => o.join('.') as Ipv4;
const cidr = (a: Ipv4, len: number): Cidr => `${a}/${len}` as Cidr;
const MAC = '02:00:00:00:00:01' as Mac;

export interface SyntheticOptions {
  readonly nodes: number;
  readonly pods: number;
  /** Tunnels between each node and its proxy (as iptables mode's GENEVE pair). */
  readonly tunnels?: boolean;
  /** TC programs on the veths (as eBPF mode). */
  readonly programs?: boolean;
  /** The proxy's listeners inside every application pod (as in-pod mode). */
  readonly listenersInPods?: boolean;
}

const NODE_NAMES = ['north', 'east', 'south', 'west', 'centre', 'edge'];
const POD_NAMES = [
  'storefront',
  'checkout',
  'inventory',
  'ledger',
  'search',
  'mailer',
  'recommendations',
  'audit',
  'billing',
];

function iface(
  name: string,
  kind: Iface['kind'],
  address: Ipv4,
  extra: Partial<Iface> = {},
): Iface {
  return {
    name,
    ifindex: 2,
    kind,
    addrs: [{ cidr: cidr(address, 24), ip: address, prov: PROV }],
    mac: MAC,
    role: `${name} (made up)`,
    prov: PROV,
    ...extra,
  };
}

function listener(port: number, name: string, process: string, transparent: boolean): Listener {
  return {
    // A made-up proxy's listeners: the layout must not read the role to place them.
    role: 'app',
    proto: 'tcp',
    ip: ip(0, 0, 0, 0),
    port,
    transparent,
    process: process as ProcessId,
    name,
    prov: PROV,
  };
}

/** A cluster of `nodes` nodes and `pods` pods (every fifth one a waypoint), plus a proxy per node. */
export function syntheticCluster(o: SyntheticOptions): Topology {
  const netns: Record<string, TopologyNetns> = {};
  const nodes: NodeInfo[] = [];
  const pods: PodInfo[] = [];
  for (let n = 0; n < o.nodes; n++) {
    const name = (NODE_NAMES[n] ?? `node${n}`) as NodeName;
    const hostAddr = ip(10, 60 + n, 0, 1);
    nodes.push({
      name,
      podCidr: { value: cidr(ip(10, 60 + n, 0, 0), 24), prov: PROV },
      internalIp: { value: ip(198, 51, 100, 20 + n), prov: PROV },
      hostIp: { value: hostAddr, prov: PROV },
    });
    netns[name] = {
      id: name as unknown as NetnsId,
      node: name,
      kind: 'node',
      label: `${name} (host)`,
      ifaces: [
        iface('lo', 'loopback', ip(127, 0, 0, 1)),
        iface('uplink0', 'uplink', ip(198, 51, 100, 20 + n)),
      ],
      tc: [],
      listeners: [],
    };
  }
  const addPod = (node: NodeInfo, short: string, kind: PodInfo['kind'], k: number): void => {
    const host = netns[node.name] as {
      ifaces: Iface[];
      tc: TopologyNetns['tc'][number][];
    } & TopologyNetns;
    const id = `${node.name}/${short}` as NetnsId;
    const address = ip(10, Number(node.podCidr.value.split('.')[1]), 0, 10 + k);
    const hostSide = `lnk${k}${node.name.slice(0, 2)}`;
    const ifaces: Iface[] = [
      iface('lo', 'loopback', ip(127, 0, 0, 1)),
      iface('if0', 'veth', address, {
        peer: { netns: node.name as unknown as NetnsId, iface: hostSide },
      }),
    ];
    (host.ifaces as Iface[]).push(
      iface(hostSide, 'veth', node.hostIp.value, { peer: { netns: id, iface: 'if0' } }),
    );
    const listeners: Listener[] = [listener(8080 + k, short, `${short}@${node.name}`, false)];
    const tc: TopologyNetns['tc'][number][] = [];
    const program = (p: string) => p as TopologyNetns['tc'][number]['program'];
    if (kind === 'ztunnel') {
      listeners.push(
        listener(7000, 'forward', `proxy@${node.name}`, true),
        listener(7001, 'accept mutual tls', `proxy@${node.name}`, true),
        listener(7002, 'health', `proxy@${node.name}`, false),
      );
      if (o.tunnels) {
        for (const [pod, hostName, vni] of [
          ['tun-a', 'hub-a', 4101],
          ['tun-b', 'hub-b', 4102],
        ] as const) {
          ifaces.push(
            iface(pod, 'geneve', ip(172, 30, vni % 100, 2), {
              geneve: { vni, remote: node.hostIp.value, dport: 6081 },
            }),
          );
          host.ifaces.push(
            iface(hostName, 'geneve', ip(172, 30, vni % 100, 1), {
              geneve: { vni, remote: address, dport: 6081 },
            }),
          );
        }
      }
      if (o.programs) {
        host.tc.push({
          iface: hostSide,
          direction: 'ingress',
          program: program('proxy_return'),
          prov: PROV,
          code: CODE,
        });
        tc.push({
          iface: 'if0',
          direction: 'ingress',
          program: program('proxy_mark'),
          prov: PROV,
          code: CODE,
        });
      }
    } else {
      if (o.programs) {
        host.tc.push(
          {
            iface: hostSide,
            direction: 'ingress',
            program: program('steer_out'),
            prov: PROV,
            code: CODE,
          },
          {
            iface: hostSide,
            direction: 'egress',
            program: program('steer_in'),
            prov: PROV,
            code: CODE,
          },
        );
      }
      if (o.listenersInPods && kind === 'app') {
        listeners.push(
          listener(7000, 'forward', `proxy@${node.name}`, true),
          listener(7001, 'accept mutual tls', `proxy@${node.name}`, true),
        );
      }
    }
    netns[id] = {
      id,
      node: node.name,
      kind: 'pod',
      role: short as PodRole,
      label: `${short}-5f7d9`,
      ifaces,
      tc,
      listeners,
    };
    pods.push({
      role: short as PodRole,
      kind,
      shortName: kind === 'waypoint' ? `${short} waypoint` : short,
      name: { value: `${short}-5f7d9-x${k}`, prov: PROV },
      namespace: kind === 'ztunnel' ? 'mesh-system' : 'shop',
      serviceAccount: short,
      node: node.name,
      ip: { value: address, prov: PROV },
      mac: { value: MAC, prov: PROV },
      netns: id,
      hostVeth: { value: hostSide, prov: PROV },
      hostVethIfindex: 2,
      ambient: kind === 'app',
      labels: {},
      annotations: {},
    });
  };
  for (let k = 0; k < o.pods; k++) {
    const node = nodes[k % nodes.length] as NodeInfo;
    addPod(node, POD_NAMES[k] ?? `pod${k}`, k % 5 === 4 ? 'waypoint' : 'app', k);
  }
  nodes.forEach((node, n) => addPod(node, 'meshproxy', 'ztunnel', 90 + n));
  return {
    mode: { mode: 'iptables', label: 'made up', istioVersions: '', rulesAsOf: '', notes: [] },
    nodes,
    pods,
    trustDomain: 'example.test',
    netns,
  };
}

/** One hop, with only what the layout reads filled in. */
export function hopAt(
  netns: string,
  anchor: string,
  actor: Hop['actor']['kind'],
  node: string | null,
  refs: Hop['actor']['refs'] = [],
): Hop {
  return {
    index: 0,
    id: anchor,
    stage: 'source-pod',
    group: 'request',
    flow: '',
    title: '',
    narration: '',
    why: '',
    where: { node, netns, netnsLabel: netns, component: 'pod', componentLabel: '', anchor },
    actor: { kind: actor, name: '', text: '', details: [], refs },
    packetBefore: null,
    packetAfter: null,
    changes: [],
    sources: [],
    provenance: PROV,
    command: '',
    // The layout reads no fact; a made-up one keeps the hop well-formed.
    fact: { kind: 'assumption', netns, about: 'dns-answer-return' },
  };
}

/**
 * Hops at every anchor a walk can name in the cluster: each interface, each namespace's stack
 * (as each kind of actor) and process, each listener accepting, each TC program, and the wire.
 */
export function hopsEverywhere(cluster: Topology): Hop[] {
  const hops: Hop[] = [];
  for (const ns of Object.values(cluster.netns)) {
    const node = ns.node as string;
    for (const i of ns.ifaces) hops.push(hopAt(ns.id, `${ns.id}#${i.name}`, 'veth', node));
    for (const actor of ['routing', 'netfilter', 'conntrack', 'assumption'] as const)
      hops.push(hopAt(ns.id, `${ns.id}#stack`, actor, node));
    hops.push(hopAt(ns.id, `${ns.id}#proc`, 'app', node));
    for (const l of ns.listeners)
      hops.push(
        hopAt(ns.id, `${ns.id}#proc`, 'socket', node, [
          { netns: ns.id, section: 'listeners', lineId: `listen/${l.proto}/${l.port}` },
        ]),
      );
    for (const t of ns.tc)
      hops.push(
        hopAt(ns.id, `${ns.id}#${t.iface}`, 'ebpf', node, [
          { netns: ns.id, section: 'tc', lineId: `tc/${t.iface}/${t.direction}` },
        ]),
      );
  }
  const [first, second] = cluster.nodes;
  if (first && second) {
    hops.push(hopAt(first.name, `${first.name}#uplink0`, 'veth', first.name));
    hops.push(hopAt('wire', 'wire', 'wire', null));
    hops.push(hopAt(second.name, `${second.name}#uplink0`, 'veth', second.name));
  }
  return hops;
}
