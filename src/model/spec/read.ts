/**
 * Reading a scenario file: JSON text (or an already parsed value) → a ClusterSpec, or the
 * reasons it is not one. Never throws.
 */
import * as v from 'valibot';
import { checkSpec } from './check';
import { diag, hasErrors, type Diagnostic } from './diagnostics';
import { parseJson } from './json';
import { CLUSTER_SPEC_SCHEMA, issuePath, TOP_LEVEL_KEYS } from './schema';
import type { ClusterSpec } from './types';

export interface SpecResult {
  readonly spec?: ClusterSpec;
  readonly diagnostics: readonly Diagnostic[];
}

const MAX_ISSUES = 12;

/**
 * Validates a scenario file (text or parsed JSON): the schema, then its references. A spec
 * comes back only when there is no error; warnings name keys it ignored.
 */
export function readClusterSpec(input: unknown, where = 'the scenario file'): SpecResult {
  let data = input;
  if (typeof input === 'string') {
    const parsed = parseJson(input);
    if (!parsed.ok)
      return {
        diagnostics: [
          diag(
            'E_PARSE_JSON',
            'error',
            `This isn't valid JSON (line ${parsed.line}, col ${parsed.column})${parsed.atEnd ? ': it ends too soon' : ''}.`,
            'A scenario file is one JSON object; check the file was saved whole.',
            where,
          ),
        ],
      };
    data = parsed.value;
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    return {
      diagnostics: [
        diag(
          'E_SPEC_SCHEMA',
          'error',
          'A scenario file is a JSON object with "version": 1.',
          'See docs/scenario-file.md for the format.',
          where,
        ),
      ],
    };
  const record = data as Record<string, unknown>;
  if (record.version !== 1)
    return {
      diagnostics: [
        diag(
          'E_SPEC_VERSION',
          'error',
          `This scenario file says "version": ${JSON.stringify(record.version ?? null)}; this page reads version 1.`,
          'Export the cluster again from this page, or set "version": 1.',
          where,
        ),
      ],
    };
  const r = v.safeParse(CLUSTER_SPEC_SCHEMA, data);
  if (!r.success)
    return {
      diagnostics: r.issues.slice(0, MAX_ISSUES).map((issue) => {
        const path = issuePath(issue);
        return diag(
          'E_SPEC_SCHEMA',
          'error',
          `“${path || '(top level)'}”: ${issue.message}.`,
          'Fix this field (docs/scenario-file.md lists every field).',
          where,
        );
      }),
    };
  const unknown = Object.keys(record).filter((k) => !TOP_LEVEL_KEYS.includes(k));
  const warnings = unknown.length
    ? [
        diag(
          'E_SPEC_UNKNOWN_KEYS',
          'warning',
          `Ignored keys this version does not know: ${unknown.slice(0, 8).join(', ')}.`,
          undefined,
          where,
        ),
      ]
    : [];
  const problems = checkSpec(r.output);
  const diagnostics = [...warnings, ...problems.map((p) => ({ ...p, where: p.where ?? where }))];
  return hasErrors(diagnostics) ? { diagnostics } : { spec: r.output, diagnostics };
}
