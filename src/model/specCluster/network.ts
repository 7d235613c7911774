/** The network between a scenario file's nodes: a dump says nothing of it, so it is kind's shape, labelled. */
import { ipv4 } from '../addresses';
import type { NodeFacts } from '../cluster/kind';
import type { NodeNetwork } from '../cluster/types';
import { illustrative } from '../provenance';

/** The nodes' shared network, its gateway the first address of their /16. */
export function specNetwork(nodes: readonly NodeFacts[]): NodeNetwork {
  const [a, b] = (nodes[0]?.internalIp ?? '172.18.0.2').split('.');
  const segment = `${a}.${b}.0.0/16`;
  const gateway = ipv4(`${a}.${b}.0.1`);
  const prov = illustrative(
    "the file does not describe the network between its nodes or name the CNI: modelled as kind's (one shared segment; each node's PodCIDR routed via that node's address, as kindnet does)",
  );
  return {
    cluster: {
      label: 'the node network',
      segment: `node network (${segment})`,
      carrier: 'the network between the nodes',
      podRouting:
        "each node's PodCIDR is routed via that node's address on the shared network (as kindnet does); pod IPs travel on the wire as they are.",
      prov,
    },
    uplinkPrefix: 16,
    uplinkRole: (node) => `${node}'s link to the node network`,
    gateway: { ip: gateway, prov, why: "the node network's gateway (illustrative)" },
    extraRoutes: [],
    externalHops: [{ ip: gateway, label: "the node network's gateway" }],
  };
}
