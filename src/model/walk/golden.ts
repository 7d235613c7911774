/**
 * A walk as readable text: one block per hop — where it happened, what acted (with the rule or
 * program text), the packet before → after, what the hop claims to change, where the fact comes
 * from — then the outcome and the notes. The golden files in `__golden__/` are these outlines;
 * reshaping the model must leave them byte-identical, so any change in behaviour is a diff a
 * reviewer reads.
 */
import { hex } from '../addresses';
import type { Hop } from '../hop';
import type { IpPacket, StreamLayer } from '../packet';
import type { Provenance } from '../provenance';
import { SCENARIO_KNOB_NAMES, type Scenario, type ScenarioKnob } from '../scenario';
import type { Walk } from '.';

/**
 * The knobs a golden names: all of them, but the pod firewall only when it is not iptables
 * (the knob came with in-pod; the node-redirection goldens predate it and stay as they were).
 */
function namedKnobs(s: Scenario): ScenarioKnob[] {
  return SCENARIO_KNOB_NAMES.filter((k) => k !== 'firewall' || s.firewall !== 'iptables');
}

/** `redirect-iptables__waypoint-none__…`: a file name for the scenario. */
export function goldenName(s: Scenario): string {
  return namedKnobs(s)
    .map((k) => `${k}-${s[k]}`)
    .join('__');
}

function layerText(l: StreamLayer): string {
  switch (l.kind) {
    case 'tls':
      return `tls(${l.client.namespace}/${l.client.serviceAccount} → ${l.server.namespace}/${l.server.serviceAccount})`;
    case 'h2-connect': {
      const headers = Object.keys(l.headers).length
        ? ` {${Object.entries(l.headers)
            .map(([k, v]) => `${k}: ${v}`)
            .join('; ')}}`
        : '';
      return `CONNECT ${l.authority}${headers}`;
    }
    case 'http-request':
      return `${l.method} ${l.path} host=${l.host}`;
    case 'h2-response':
      return `:status ${l.status}`;
    case 'http-response':
      return `HTTP ${l.status} ${l.reason}${l.body ? ` "${l.body}"` : ''}`;
    case 'dns-query':
      return `dns ${l.qtype}? ${l.name}`;
    case 'dns-answer':
      return `dns ${l.name} A ${l.answer}`;
  }
}

/** One line per packet: addresses, flags, skb metadata, then what it carries. */
export function packetText(p: IpPacket | null): string {
  if (p === null) return '∅';
  const skb = [
    `mark=${hex(p.skb.mark)}`,
    `ct=${hex(p.skb.connmark)}`,
    ...(p.skb.cb4 !== undefined ? [`cb4=${hex(p.skb.cb4)}`] : []),
    ...(p.skb.assignedSocket !== undefined ? [`sk=${p.skb.assignedSocket}`] : []),
    ...(p.skb.ctZone !== undefined ? [`zone=${p.skb.ctZone}`] : []),
  ].join(' ');
  const head = `${p.ip.proto} ${p.ip.src}:${p.l4.sport} → ${p.ip.dst}:${p.l4.dport}${p.l4.flags ? ` ${p.l4.flags}` : ''}${p.eth ? ` eth.dst=${p.eth.dst}` : ''} [${skb}]`;
  const body =
    p.payload.kind === 'geneve'
      ? `geneve vni ${p.payload.vni} { ${packetText(p.payload.inner)} }`
      : p.payload.layers.map(layerText).join(' / ');
  return body ? `${head} ${body}` : head;
}

function provText(p: Provenance): string {
  switch (p.kind) {
    case 'verified':
      return `verified ${p.ref}${p.note ? ` — ${p.note}` : ''}`;
    case 'inferred':
      return `inferred ${p.ref} — ${p.note}`;
    case 'article':
      return `article${p.note ? ` — ${p.note}` : ''}`;
    case 'illustrative':
      return `illustrative — ${p.note}`;
    case 'imported':
      return `imported — ${p.note}`;
  }
}

function hopText(h: Hop): string {
  const where = `${h.where.netns}${h.where.iface ? ` ${h.where.iface}` : ''} (${h.where.component} "${h.where.componentLabel}", anchor ${h.where.anchor})`;
  const lines = [
    `${h.index + 1}. [${h.stage} / ${h.group}] ${h.title}`,
    `   where:   ${where}`,
    `   flow:    ${h.flow}`,
    `   actor:   ${h.actor.kind} "${h.actor.name}"`,
    ...h.actor.text.split('\n').map((t, i) => `   ${i === 0 ? 'acted:  ' : '        '} ${t}`),
    ...h.actor.details.map((d) => `     · ${d}`),
    ...(h.actor.refs.length
      ? [`   refs:    ${h.actor.refs.map((r) => `${r.netns} ${r.section} ${r.lineId}`).join('; ')}`]
      : []),
    `   before:  ${packetText(h.packetBefore)}`,
    `   after:   ${packetText(h.packetAfter)}`,
    `   changes: ${h.changes.length ? h.changes.join(', ') : '-'}`,
    `   prov:    ${provText(h.provenance)}`,
    `   sources: ${h.sources.join(', ')}`,
    `   command: ${h.command}`,
    ...(h.uncertain ? [`   UNCERTAIN: ${h.uncertain}`] : []),
  ];
  return lines.join('\n');
}

/** The whole walk as the golden file's text. */
export function walkOutline(w: Walk): string {
  const s = w.scenario;
  const head = [
    `# ${namedKnobs(s)
      .map((k) => `${k}=${s[k]}`)
      .join('&')}`,
    `# mode: ${w.mode.label} — ${w.mode.istioVersions}`,
    `# outcome: ${w.outcome.kind} — ${w.outcome.title}${w.outcome.surprise ? ` — ${w.outcome.surprise}` : ''}: ${w.outcome.summary}`,
    `# client: ${w.outcome.client.replace(/\n/g, ' ⏎ ')} (curl exit ${w.outcome.curlExit}, delivered ${w.outcome.delivered})`,
    ...w.notes.map((n) => `# note: ${n}`),
  ];
  return `${head.join('\n')}\n\n${w.hops.map(hopText).join('\n\n')}\n`;
}
