/**
 * What the scenario-file reader and the importer say about their input: a code (the domain
 * file's §3.2 codes, `E_…` even for warnings, as there), how bad it is, what was wrong and what
 * to paste or change instead. The view lists them; tests decide from the code.
 */

/** error: nothing walkable came of it; warning: walkable, but something was assumed; info: FYI. */
export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  readonly code: string;
  readonly severity: Severity;
  /** What was wrong, in the user's terms. */
  readonly message: string;
  /** What to paste or change instead, when there is something to do. */
  readonly fix?: string;
  /** Which input (file name or "pasted text") or which path in a file. */
  readonly where?: string;
}

export function diag(
  code: string,
  severity: Severity,
  message: string,
  fix?: string,
  where?: string,
): Diagnostic {
  return {
    code,
    severity,
    message,
    ...(fix !== undefined ? { fix } : {}),
    ...(where !== undefined ? { where } : {}),
  };
}

/** True when any diagnostic is an error. */
export function hasErrors(list: readonly Diagnostic[]): boolean {
  return list.some((d) => d.severity === 'error');
}
