/** Words for the applications: the client's DNS query and connection, the server's request, the result. */
import type { AppFact } from '../facts';
import { clientName, podName, processLabel, programOf, type Narrator } from './context';

export const narrateApp: Narrator<AppFact> = (f, { cluster, record }) => {
  const client = clientName(cluster);
  const req = cluster.request;
  switch (f.op) {
    case 'dns-query': {
      const server =
        cluster.services.find((s) => s.clusterIp.value === f.server.ip)?.name ?? f.server.ip;
      return {
        title: `${client} asks ${server} for ${f.name}`,
        narration: `${programOf(cluster, f.process)} resolves "${req.shortName}": the resolver in ${client} sends a UDP query for ${f.name} to ${server} at ${f.server.ip}:${f.server.port}.`,
        why: `Kubernetes gives every pod the cluster DNS Service as its resolver; the search path turns "${req.shortName}" into ${f.name}.`,
        actor: {
          kind: 'app',
          name: `resolver in ${client}`,
          text: `A? ${f.name} @${f.server.ip}`,
          details: [],
          refs: [],
        },
      };
    }
    case 'dns-answer':
      return {
        title: `${client}'s resolver gets ${f.answer} from ${f.from.ip}`,
        narration: `The answer arrives from ${f.from.ip}:${f.from.port}, the address ${client} asked, so the resolver accepts it: ${req.shortName} is ${f.answer}.`,
        why: "A resolver only accepts an answer from the server it queried; conntrack's NAT reversal on the node makes ztunnel's answer look like the cluster DNS's.",
        actor: {
          kind: 'app',
          name: `resolver in ${client}`,
          text: `${f.name} → ${f.answer}`,
          details: [],
          refs: [],
        },
      };
    case 'dns-failed':
      return {
        title: `${client}'s resolver fails: ${f.error}`,
        narration: `The query for ${f.name} was refused and ${client} has no other resolver: ${programOf(cluster, f.process)} stops with "${f.error}" and never opens a connection.`,
        why: 'A resolver that gets ICMP port unreachable from its only nameserver gives up; curl exits with code 6.',
        actor: {
          kind: 'app',
          name: `resolver in ${client}`,
          text: `curl: (6) ${f.error}`,
          details: [],
          refs: [],
        },
      };
    case 'connect': {
      const program = programOf(cluster, f.process);
      return {
        title: `${program} opens a connection to ${f.to.ip}:${f.to.port}`,
        narration: `${processLabel(cluster, f.process)} (${f.from.ip}) sends a SYN to ${f.hostname}'s ClusterIP ${f.to.ip}:${f.to.port}, to carry ${f.request.method} ${f.request.path}.`,
        why:
          f.resolvedBy === 'captured-dns'
            ? 'The name was resolved to the ClusterIP by the DNS lookup above. The application knows nothing of the mesh: it connects as it always would.'
            : `DNS capture is off, so "${f.hostname}" was resolved by the cluster DNS as usual. The application knows nothing of the mesh: it connects as it always would.`,
        actor: {
          kind: 'app',
          name: processLabel(cluster, f.process),
          text: `${program} -s http://${f.hostname}:${f.to.port}${f.request.path}`,
          details: [`connect(${f.to.ip}:${f.to.port}) from ${f.from.ip}:${f.from.port}`],
          refs: [],
        },
      };
    }
    case 'receive': {
      const app = podName(cluster, record.where.netns);
      return {
        title: `${app} receives ${f.request.method} ${f.request.path} from ${f.from.ip}`,
        narration: `${app} accepts the connection from ${f.from.ip}:${f.from.port} and reads ${f.request.method} ${f.request.path}: the request is delivered.`,
        why: f.seesOriginalClient
          ? `${app} sees ${client}'s own IP as the client: ztunnel opened this connection with the original source address (IP_TRANSPARENT), not its own.`
          : cluster.pods.some((p) => p.kind === 'waypoint' && p.ip.value === f.from.ip)
            ? `${app} sees the waypoint's address ${f.from.ip} as the client: the waypoint's CONNECT carried no Forwarded header, so ztunnel connected from the waypoint's address.`
            : `${app} sees ${f.from.ip} as the client.`,
        actor: {
          kind: 'app',
          name: app,
          text: `${f.request.method} ${f.request.path} HTTP/1.1 — Host: ${f.request.host}`,
          details: [],
          refs: [],
        },
      };
    }
    case 'answer': {
      const app = podName(cluster, record.where.netns);
      return {
        title: `${app} answers ${f.to.ip}:${f.to.port}`,
        narration: `${app} sends its SYN,ACK to the client it saw, ${f.to.ip}:${f.to.port}: an address outside this pod.`,
        why: `ztunnel connected to ${app} from inside this netns, transparently, with the client's address. The answer has to come back to ztunnel's socket here, not leave by eth0: the connection's mark and table 100 see to that in the next hops.`,
        actor: {
          kind: 'app',
          name: app,
          text: `SYN,ACK → ${f.to.ip}:${f.to.port}`,
          details: [],
          refs: [],
        },
      };
    }
    case 'result': {
      const program = programOf(cluster, f.process);
      const l7 = f.outcome === 'denied-l7';
      return {
        title: l7
          ? `${program} gets ${f.status ?? ''} RBAC: access denied`
          : `${program}: (56) Connection reset by peer`,
        narration: l7
          ? `${program} prints the waypoint's answer: "RBAC: access denied".`
          : `${program} reads a reset instead of an answer and exits with code 56.`,
        why: l7
          ? 'An L7 denial is an HTTP response the client can read.'
          : 'An L4 denial refuses the connection itself; the client never gets an HTTP response.',
        actor: {
          kind: 'app',
          name: processLabel(cluster, f.process),
          text: f.output,
          details: [],
          refs: [],
        },
      };
    }
  }
};
