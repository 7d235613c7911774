/**
 * What the pasted rules say against the dump (domain file §3.2, "Rules and routing"): rules
 * missing for an enrolled pod, a rule shape from another release, another socket mark, DNS
 * capture without the DNS proxy, a missing return path, IPv6 without ip6tables, and every line
 * or chain the walk will not evaluate as istio-cni wrote it.
 */
import { diag, type Diagnostic } from '../spec/diagnostics';
import type { SpecWorkload } from '../spec/types';
import { compareMinor } from './release';
import type { RulesReport } from './rules';

/** A mark as iptables prints it (`0x539`); written here so the lazy importer shares no module
 * with the first paint. */
const hex = (n: number): string => `0x${n.toString(16)}`;

export interface PodRulesInput {
  readonly pod: string;
  readonly where: string;
  readonly report: RulesReport;
}

const SHAPE_RELEASES: Record<string, [string, string]> = {
  tproxy: ['1.21', '1.23'],
  redirect: ['1.24', '1.99'],
  nftables: ['1.28', '1.99'],
  legacy: ['1.18', '1.20'],
};
const SHAPE_WORDS: Record<string, string> = {
  tproxy: 'Istio 1.21–1.23 (TPROXY)',
  redirect: 'Istio 1.24+ (REDIRECT to 15006)',
  nftables: 'Istio 1.28+ (nftables)',
  legacy: 'Istio 1.18–1.20 (node redirection)',
};

/** Diagnostics for one pod's rules, given its workload and the dump's release and config. */
export function checkPodRules(
  input: PodRulesInput,
  workload: SpecWorkload | undefined,
  ctx: { istio?: string; packetMark?: number; dnsProxy?: boolean; hasIp6tables: boolean },
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const r = input.report;
  const at = input.where;
  const who = workload ? `${workload.namespace}/${workload.name}` : input.pod;
  const isRules =
    r.kind === 'iptables-save' || r.kind === 'iptables-rules' || r.kind === 'nftables';
  if (isRules && workload?.enrolled && !r.istioChains)
    out.push(
      diag(
        'E_RULES_MISSING',
        'warning',
        `Pod ${who} is enrolled but its redirection rules are missing: traffic bypasses ztunnel.`,
        'If this is not expected, restart the pod or istio-cni on its node (istio/istio#55968). The walk uses the rules as pasted.',
        at,
      ),
    );
  if (r.shape && ctx.istio) {
    const [lo, hi] = SHAPE_RELEASES[r.shape] as [string, string];
    if (compareMinor(ctx.istio, lo) < 0 || compareMinor(ctx.istio, hi) > 0)
      out.push(
        diag(
          'E_RULES_MISMATCH_VERSION',
          'warning',
          `Rules of ${who} look like ${SHAPE_WORDS[r.shape]} but ztunnel is ${ctx.istio}: stale rules?`,
          'Paste rules captured from the same cluster as the dump.',
          at,
        ),
      );
  }
  if (
    r.exemptMark !== undefined &&
    ctx.packetMark !== undefined &&
    (r.exemptMark & 0xfff) !== (ctx.packetMark & 0xfff)
  )
    out.push(
      diag(
        'E_MARK_MISMATCH',
        'error',
        `ztunnel marks sockets with ${hex(ctx.packetMark)} but the pod rules exempt ${hex(r.exemptMark)}: redirect loop.`,
        'Check the packetMark in ztunnel’s config and the CNI’s rules are from the same release.',
        at,
      ),
    );
  if (r.dnsCapture !== undefined && ctx.dnsProxy !== undefined && r.dnsCapture !== ctx.dnsProxy)
    out.push(
      diag(
        'E_DNS_SPLIT',
        'info',
        r.dnsCapture
          ? 'DNS capture is on in the pod but ztunnel’s DNS proxy is off.'
          : 'ztunnel’s DNS proxy is on but the pod does not capture DNS.',
        undefined,
        at,
      ),
    );
  if ((r.kind === 'ip-rule' || r.kind === 'ip-route') && r.returnPath === false)
    out.push(
      diag(
        'E_IPRULE_MISSING',
        'warning',
        'Return path for ztunnel→app connections is missing; replies would go out eth0 (expect hangs).',
        r.kind === 'ip-rule'
          ? 'Expected `fwmark 0x111/0xfff lookup 100` in `ip rule`.'
          : 'Expected `local default dev lo table 100` in `ip route show table all`.',
        at,
      ),
    );
  if (r.unknown.length) {
    const first = r.unknown[0]!;
    out.push(
      diag(
        'E_RULES_UNKNOWN',
        'warning',
        `${r.unknown.length} rule line${r.unknown.length === 1 ? '' : 's'} of ${who} could not be read (line ${first.line}: ${first.text.slice(0, 80)} — ${first.reason}). They are kept as text and flagged in the walk, not evaluated.`,
        undefined,
        at,
      ),
    );
  }
  if (r.foreignChains.length)
    out.push(
      diag(
        'E_RULES_FOREIGN',
        'warning',
        `${who} has chains istio-cni does not write (${r.foreignChains.slice(0, 5).join(', ')}${r.foreignChains.length > 5 ? ', …' : ''}): a sidecar’s, another CNI’s or your own. They can change the path and are evaluated as written.`,
        undefined,
        at,
      ),
    );
  if (r.kind === 'nftables')
    out.push(
      diag(
        'E_NFT_ENGINE',
        'info',
        `nftables rules of ${who} are kept as text: walking them depends on the nftables engine.`,
        undefined,
        at,
      ),
    );
  if (r.tablesInferred)
    out.push(
      diag(
        'E_RULES_TABLES_GUESSED',
        'info',
        `The rules of ${who} had no table headers (iptables -S); each section's table was guessed from its targets.`,
        'Paste `iptables-save` for exact tables.',
        at,
      ),
    );
  if (
    isRules &&
    r.kind !== 'nftables' &&
    !ctx.hasIp6tables &&
    workload?.ips.some((ip) => ip.includes(':'))
  )
    out.push(
      diag(
        'E_IPV6_ONLY_PARTIAL',
        'warning',
        'This pod has IPv6; paste `ip6tables-save` too.',
        undefined,
        at,
      ),
    );
  return out;
}
