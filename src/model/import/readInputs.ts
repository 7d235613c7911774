/**
 * Reading each pasted text or dropped file on its own: classified, parsed (JSON, or YAML with
 * the reader passed in), shaped into a raw dump, a scenario file, pod rules or access-log
 * lines, with a summary line per input and the diagnostics of each.
 */
import { diag, type Diagnostic } from '../spec/diagnostics';
import { parseJson } from '../spec/json';
import { readClusterSpec } from '../spec/read';
import type { ClusterSpec } from '../spec/types';
import type { PodRulesInput } from './checks';
import { classify, type InputKind } from './classify';
import { readRules } from './rules';
import { shapeOf, type RawDump } from './shape';

export interface ImportInput {
  /** A file name, or "pasted text". */
  readonly name: string;
  readonly text: string;
  /** For pod rules: `namespace/name` of the pod they were taken from. */
  readonly pod?: string;
}

export interface ImportOptions {
  /** The YAML reader (`yaml.ts`), passed in so it loads only when a YAML input arrives. */
  readonly parseYaml?: (text: string) => unknown;
  /** The cluster's name in the spec. */
  readonly name?: string;
}

export interface InputSummary {
  readonly name: string;
  readonly kind: InputKind | 'dump' | 'istioctl' | 'scenario-file' | 'other-json';
  readonly detail: string;
}

/** Inputs above this are refused: real dumps are tens of kB per 50 workloads. */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

export interface ReadInputs {
  readonly diagnostics: Diagnostic[];
  readonly summaries: InputSummary[];
  readonly dumps: RawDump[];
  readonly scenarios: ClusterSpec[];
  readonly rules: PodRulesInput[];
  readonly accessLogs: string[];
}

/** Every input read on its own; nothing merged yet. */
export function readInputs(inputs: readonly ImportInput[], options: ImportOptions): ReadInputs {
  const diagnostics: Diagnostic[] = [];
  const summaries: InputSummary[] = [];
  const dumps: RawDump[] = [];
  const scenarios: ClusterSpec[] = [];
  const rules: PodRulesInput[] = [];
  const accessLogs: string[] = [];
  for (const input of inputs) {
    const where = input.name;
    if (input.text.length > MAX_INPUT_BYTES) {
      diagnostics.push(
        diag(
          'E_TOO_BIG',
          'error',
          `Input is ${(input.text.length / 1048576).toFixed(1)} MB; this page reads up to ${MAX_INPUT_BYTES / 1048576} MB.`,
          'Filter it: `istioctl ztunnel-config all -o json --workload-namespace <ns>`.',
          where,
        ),
      );
      continue;
    }
    const c = classify(input.text);
    if (c.noise.count)
      diagnostics.push(
        diag(
          'E_NOISE_PREFIX',
          'warning',
          `Ignored ${c.noise.count} line${c.noise.count === 1 ? '' : 's'} before the ${c.kind === 'json' ? 'JSON' : 'output'} (e.g. '${(c.noise.example ?? '').slice(0, 60)}').`,
          undefined,
          where,
        ),
      );
    const summary = (kind: InputSummary['kind'], detail: string): void =>
      void summaries.push({ name: where, kind, detail });
    switch (c.kind) {
      case 'empty':
        break;
      case 'json':
      case 'yaml': {
        let value: unknown;
        if (c.kind === 'json') {
          const parsed = parseJson(c.body);
          if (!parsed.ok) {
            diagnostics.push(
              diag(
                'E_PARSE_JSON',
                'error',
                `This isn't valid JSON (line ${parsed.line}, col ${parsed.column})${parsed.atEnd ? ': it ends before the JSON does' : ''}.`,
                'If you copied from a terminal, make sure the whole output was captured; `kubectl exec … curl localhost:15000/config_dump > dump.json` avoids truncation.',
                where,
              ),
            );
            summary('json', 'not valid JSON');
            continue;
          }
          value = parsed.value;
        } else {
          if (!options.parseYaml) {
            diagnostics.push(
              diag(
                'E_PARSE_JSON',
                'error',
                'This looks like YAML, and the YAML reader is not loaded.',
                'Paste `-o json` output instead.',
                where,
              ),
            );
            continue;
          }
          try {
            value = options.parseYaml(c.body);
          } catch (e) {
            diagnostics.push(
              diag(
                'E_PARSE_JSON',
                'error',
                `This isn't JSON, nor YAML this page reads (${e instanceof Error ? e.message : String(e)}).`,
                'Paste the output of `istioctl ztunnel-config all -o json`.',
                where,
              ),
            );
            summary('yaml', 'not readable YAML');
            continue;
          }
        }
        const shaped = shapeOf(value, where);
        diagnostics.push(...shaped.diagnostics);
        const d = shaped.dump;
        if (!d) summary('other-json', 'not a ztunnel dump');
        else if (d.format === 'scenario-file') {
          const r = readClusterSpec(d.value, where);
          diagnostics.push(...r.diagnostics);
          if (r.spec) scenarios.push(r.spec);
          summary(
            'scenario-file',
            r.spec ? `scenario file “${r.spec.name}”` : 'scenario file with errors',
          );
        } else {
          dumps.push(d);
          summary(
            d.format === 'istioctl' ? 'istioctl' : 'dump',
            `${d.format === 'istioctl' ? `istioctl ${d.kinds.join(', ')}` : `ztunnel config dump (${d.format})`}: ${d.workloads.length} workloads, ${d.services.length} services, ${d.policies.length} policies`,
          );
        }
        break;
      }
      case 'istioctl-table':
        diagnostics.push(
          diag(
            'E_ISTIOCTL_SUMMARY',
            'error',
            'This is the table output.',
            'Re-run with `-o json`: `istioctl ztunnel-config all -o json`.',
            where,
          ),
        );
        summary(c.kind, 'istioctl text table');
        break;
      case 'access-log':
        accessLogs.push(c.body);
        summary(
          c.kind,
          `${c.body.split('\n').filter((l) => l.trim()).length} access-log lines (for the cross-check)`,
        );
        break;
      case 'iptables-save':
      case 'iptables-rules':
      case 'nftables':
      case 'ip-rule':
      case 'ip-route': {
        const report = readRules(c.kind, c.body);
        rules.push({ pod: input.pod ?? '', where, report });
        summary(
          c.kind,
          `${report.rules} ${c.kind === 'ip-rule' || c.kind === 'ip-route' ? 'lines' : 'rules'}${input.pod ? ` of ${input.pod}` : ''}`,
        );
        break;
      }
      case 'unknown':
        diagnostics.push(
          diag(
            'E_UNKNOWN_INPUT',
            'error',
            'This doesn’t look like anything the importer reads.',
            'Paste `istioctl ztunnel-config all -o json`, a scenario file, a pod’s `iptables-save` / `nft list ruleset`, `ip rule` / `ip route show table all`, or ztunnel access-log lines.',
            where,
          ),
        );
        summary(c.kind, 'not recognised');
        break;
    }
  }
  return { diagnostics, summaries, dumps, scenarios, rules, accessLogs };
}
