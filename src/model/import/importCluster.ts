/**
 * The importer: pasted texts and dropped files in, a ClusterSpec and what to tell the user out.
 * Each input is classified (dump JSON or YAML, istioctl arrays, a scenario file, pod rules,
 * access logs, something else), read, merged with the others, and turned into the scenario
 * file's objects; mode and release are detected, certificates never kept, and every problem
 * becomes a diagnostic with the domain's code. Pure and synchronous; never throws (an
 * unexpected failure is the `E_INTERNAL` diagnostic). Nothing leaves the browser.
 */
import { diag, hasErrors, type Diagnostic } from '../spec/diagnostics';
import { readClusterSpec } from '../spec/read';
import type { ClusterSpec, SpecProvenance } from '../spec/types';
import { withRules } from './attachRules';
import { defaultRequest } from './request';
import { compareMinor, detectRelease, type Detected } from './release';
import { readInputs } from './readInputs';
import { merge, toParts } from './toSpec';

export type { ImportInput, ImportOptions, InputSummary } from './readInputs';
import type { ImportInput, ImportOptions, InputSummary } from './readInputs';

export interface ImportResult {
  readonly spec?: ClusterSpec;
  readonly diagnostics: readonly Diagnostic[];
  readonly detected: Detected & { readonly firewall?: 'iptables' | 'nftables' };
  readonly inputs: readonly InputSummary[];
  /** Access-log lines found among the inputs, for the cross-check. */
  readonly accessLogs: readonly string[];
  /** Service or workload ref → a waypoint destination the dump does not resolve. */
  readonly unresolvedWaypoints: Readonly<Record<string, string>>;
}

export { MAX_INPUT_BYTES } from './readInputs';
const IMPORTED: SpecProvenance = {
  kind: 'imported',
  note: 'read from the pasted ztunnel config dump in this browser',
};

/** Reads the inputs into a cluster; see the module comment. */
export function importCluster(
  inputs: readonly ImportInput[],
  options: ImportOptions = {},
): ImportResult {
  try {
    return importUnsafe(inputs, options);
  } catch (e) {
    return {
      diagnostics: [
        diag(
          'E_INTERNAL',
          'error',
          `The importer hit something it did not expect (${e instanceof Error ? e.message : String(e)}). Nothing was changed.`,
          'Please report it with the input’s shape (not its contents).',
        ),
      ],
      detected: { evidence: [] },
      inputs: [],
      accessLogs: [],
      unresolvedWaypoints: {},
    };
  }
}

function importUnsafe(inputs: readonly ImportInput[], options: ImportOptions): ImportResult {
  const { diagnostics, summaries, dumps, scenarios, rules, accessLogs } = readInputs(
    inputs,
    options,
  );
  const done = (
    spec: ClusterSpec | undefined,
    detected: ImportResult['detected'],
    unresolvedWaypoints: Record<string, string> = {},
  ): ImportResult => ({
    ...(spec && !hasErrors(diagnostics) ? { spec } : {}),
    diagnostics,
    detected,
    inputs: summaries,
    accessLogs,
    unresolvedWaypoints,
  });

  if (dumps.length === 0) {
    const only = scenarios[0];
    if (scenarios.length > 1)
      diagnostics.push(
        diag(
          'E_SCENARIO_MANY',
          'warning',
          `${scenarios.length} scenario files were given; the first (“${only?.name}”) is used.`,
        ),
      );
    if (!only) {
      if (!hasErrors(diagnostics))
        diagnostics.push(
          diag(
            'E_NO_DUMP',
            'error',
            rules.length || accessLogs.length
              ? 'Rules and logs alone don’t make a cluster: the workloads, Services and waypoints come from ztunnel’s config dump.'
              : 'Nothing to import yet.',
            'Paste `istioctl ztunnel-config all -o json` (from the source pod’s node), or drop a scenario file.',
          ),
        );
      return done(undefined, { evidence: [] });
    }
    const spec = withRules(only, rules, diagnostics, {});
    return done(spec, {
      mode: spec.mode,
      istio: spec.istio,
      ...(spec.istioVersion ? { istioVersion: spec.istioVersion } : {}),
      firewall: spec.firewall,
      evidence: ['a scenario file'],
    });
  }

  const main = dumps.find((d) => d.config || d.version) ?? dumps[0]!;
  const detected = detectRelease(main);
  const istioctlKinds = new Set(dumps.flatMap((d) => d.kinds));
  if (
    dumps.every((d) => d.format === 'istioctl') &&
    istioctlKinds.size === 1 &&
    istioctlKinds.has('workloads')
  )
    diagnostics.push(
      diag(
        'E_PARTIAL_ISTIOCTL',
        'warning',
        'Only workloads were provided: Services (VIPs, waypoints) and policies are unknown.',
        'Paste `istioctl ztunnel-config all -o json` for a full walk.',
      ),
    );
  if (detected.preInpod) {
    diagnostics.push(
      diag(
        'E_PRE_INPOD',
        'error',
        `This is a node-redirection ztunnel (Istio ≤ 1.20, or 1.21–1.22 with in-pod disabled${detected.istio ? `; this one says ${detected.istioVersion ?? detected.istio}` : ''}). The in-pod walk doesn't apply.`,
        'Switch to the iptables/GENEVE or eBPF mode with the Redirection toggle (the article’s cluster), or paste a dump from an Istio 1.21+ cluster.',
      ),
    );
    return done(undefined, detected);
  }

  const parts = toParts(merge(dumps), 'the dump');
  diagnostics.push(...parts.diagnostics);
  if (parts.workloads.length === 0) {
    diagnostics.push(
      diag(
        'E_NO_WORKLOADS',
        'error',
        'The dump lists no workloads, so there is nothing to walk from.',
        'Paste a dump from a node of a cluster with ambient workloads (`istioctl ztunnel-config all -o json`).',
      ),
    );
    return done(undefined, detected);
  }
  const ruleShape = rules.map((r) => r.report.shape).find(Boolean);
  const firewall = ruleShape === 'nftables' ? 'nftables' : 'iptables';
  let istio = detected.istio;
  const provenance: Record<string, SpecProvenance> = {};
  if (!istio || detected.istioAtLeast) {
    const fallback = ruleShape === 'tproxy' ? '1.23' : ruleShape === 'nftables' ? '1.28' : '1.24';
    if (!istio || compareMinor(istio, fallback) < 0) istio = istio ?? fallback;
    provenance.istio = {
      kind: 'inferred',
      ref: 'the pasted dump',
      note: detected.evidence.join('; '),
    };
    diagnostics.push(
      diag(
        'E_RELEASE_ASSUMED',
        'warning',
        `The input names no Istio version; walking it as Istio ${istio} (${detected.evidence[detected.evidence.length - 1] ?? 'a guess'}).`,
        'Paste `istioctl ztunnel-config all -o json`: its `version` and `config` say the release.',
      ),
    );
  }
  const mode = detected.mode ?? 'inpod';
  const c = main.config ?? {};
  const dnsFromRules = rules.map((r) => r.report.dnsCapture).find((x) => x !== undefined);
  const dnsCapture = dnsFromRules ?? compareMinor(istio, '1.25') >= 0;
  if (dnsFromRules === undefined)
    provenance.dnsCapture = {
      kind: 'inferred',
      ref: 'istio/istio:manifests/charts/istio-cni/values.yaml',
      note: `no pod rules pasted: the chart's default for ${istio} (values.cni.ambient.dnsCapture is ${compareMinor(istio, '1.25') >= 0 ? 'on from 1.25' : 'off up to 1.24'})`,
    };
  const request = defaultRequest(parts.workloads, parts.services);
  if (!request) {
    diagnostics.push(
      diag(
        'E_NO_WORKLOADS',
        'error',
        'No application workload to start a request from.',
        'Paste a dump that lists application pods.',
      ),
    );
    return done(undefined, detected, parts.unresolvedWaypoints);
  }
  const localNode = typeof c.localNode === 'string' ? c.localNode : undefined;
  const base: ClusterSpec = {
    version: 1,
    name:
      options.name ??
      `Imported: ${localNode ?? 'cluster'} (Istio ${detected.istioVersion ?? istio})`,
    source: IMPORTED,
    mode,
    istio,
    ...(detected.istioVersion ? { istioVersion: detected.istioVersion } : {}),
    firewall,
    trustDomain: parts.trustDomain,
    clusterDomain:
      typeof c.clusterDomain === 'string' && c.clusterDomain ? c.clusterDomain : 'cluster.local',
    dnsCapture,
    ...(localNode ? { localNode } : {}),
    nodes: parts.nodes,
    workloads: parts.workloads,
    services: parts.services,
    waypoints: parts.waypoints,
    policies: parts.policies,
    request,
    ...(Object.keys(provenance).length ? { provenance } : {}),
  };
  const ctx = {
    istio,
    ...(typeof c.packetMark === 'number' ? { packetMark: c.packetMark } : {}),
    ...(typeof c.dnsProxy === 'boolean' ? { dnsProxy: c.dnsProxy } : {}),
  };
  const spec = withRules(base, rules, diagnostics, ctx);
  // The output is checked as any scenario file is: what the importer makes, the page can read.
  const checked = readClusterSpec(spec, 'the imported cluster');
  diagnostics.push(...checked.diagnostics);
  return done(checked.spec, { ...detected, mode, istio, firewall }, parts.unresolvedWaypoints);
}
