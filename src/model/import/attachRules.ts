/**
 * Pasted pod rules attached to the spec's workloads: each input under its pod (the source pod
 * when none was named), its kind's field (`iptables`, `ip6tables`, `nftables`, `ipRule`,
 * `ipRoute`), and checked against the dump (`checks.ts`).
 */
import { diag, type Diagnostic } from '../spec/diagnostics';
import type { ClusterSpec, SpecPodRules } from '../spec/types';
import { checkPodRules, type PodRulesInput } from './checks';

/** The pasted rules attached to their pods (the source pod when none was named), checked. */
export function withRules(
  spec: ClusterSpec,
  rules: readonly PodRulesInput[],
  out: Diagnostic[],
  ctx: Omit<Parameters<typeof checkPodRules>[2], 'hasIp6tables'>,
): ClusterSpec {
  if (rules.length === 0) return spec;
  const byPod = new Map<string, SpecPodRules>((spec.rules ?? []).map((r) => [r.workload, r]));
  for (const r of rules) {
    const pod = r.pod || spec.request.from;
    if (!r.pod)
      out.push(
        diag(
          'E_RULES_POD_ASSUMED',
          'info',
          `${r.where} names no pod; it is taken as the source pod's (${pod}).`,
          'Pick the pod the rules were taken from.',
          r.where,
        ),
      );
    const workload = spec.workloads.find((w) => `${w.namespace}/${w.name}` === pod);
    if (!workload) {
      out.push(
        diag(
          'E_RULES_POD_UNKNOWN',
          'warning',
          `Rules were given for ${pod}, which is not in the dump; they are left out.`,
          'Pick a pod of the dump.',
          r.where,
        ),
      );
      continue;
    }
    const prev = byPod.get(pod) ?? { workload: pod };
    const key =
      r.report.kind === 'nftables'
        ? 'nftables'
        : r.report.kind === 'ip-rule'
          ? 'ipRule'
          : r.report.kind === 'ip-route'
            ? 'ipRoute'
            : r.report.text.includes(':') && /\bip6tables\b|\s-[sd] [0-9a-f:]+:/.test(r.report.text)
              ? 'ip6tables'
              : 'iptables';
    const prevText = prev[key];
    byPod.set(pod, { ...prev, [key]: prevText ? `${prevText}\n${r.report.text}` : r.report.text });
    out.push(
      ...checkPodRules(r, workload, {
        ...ctx,
        hasIp6tables: rules.some((x) => x.pod === r.pod && /ip6tables/.test(x.report.text)),
      }),
    );
  }
  return { ...spec, rules: [...byPod.values()] };
}
