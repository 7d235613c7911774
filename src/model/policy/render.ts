/** An AuthorizationPolicy as the user writes it (YAML), for the Config panel and exports. */
import type { AuthorizationPolicy } from './types';

const quoted = (xs: readonly (string | number)[]): string =>
  `[${xs.map((x) => `"${x}"`).join(', ')}]`;

/** The policy's YAML: its selector, targetRef or namespace-wide scope, action and rules. */
export function authorizationPolicyYaml(p: AuthorizationPolicy): string {
  const lines = [
    'apiVersion: security.istio.io/v1beta1',
    'kind: AuthorizationPolicy',
    'metadata:',
    `  name: ${p.name}`,
    `  namespace: ${p.namespace}`,
    'spec:',
  ];
  if (p.selector) {
    lines.push('  selector:', '    matchLabels:');
    for (const [k, v] of Object.entries(p.selector)) lines.push(`      ${k}: ${v}`);
  }
  if (p.targetRef) {
    lines.push(
      '  targetRef:',
      `    group: ${p.targetRef.group}`,
      `    kind: ${p.targetRef.kind}`,
      `    name: ${p.targetRef.name}`,
    );
  }
  lines.push(`  action: ${p.action}`, '  rules:');
  for (const r of p.rules) {
    let first = true;
    const dash = (): string => {
      const d = first ? '  - ' : '    ';
      first = false;
      return d;
    };
    if (r.from) {
      lines.push(`${dash()}from:`);
      for (const s of r.from) {
        lines.push('    - source:');
        if (s.principals) lines.push(`        principals: ${quoted(s.principals)}`);
        if (s.namespaces) lines.push(`        namespaces: ${quoted(s.namespaces)}`);
      }
    }
    if (r.to) {
      lines.push(`${dash()}to:`);
      for (const o of r.to) {
        lines.push('    - operation:');
        if (o.methods) lines.push(`        methods: ${quoted(o.methods)}`);
        if (o.paths) lines.push(`        paths: ${quoted(o.paths)}`);
        if (o.ports) lines.push(`        ports: ${quoted(o.ports)}`);
      }
    }
  }
  return `${lines.join('\n')}\n# ${p.intent}`;
}
