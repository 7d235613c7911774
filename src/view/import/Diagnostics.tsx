import type { Diagnostic } from '../../model/import';

/** A finding's words: what it quotes between backticks (commands, rules) set as code. */
function Words({ text }: { text: string }) {
  return (
    <>{text.split('`').map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : part))}</>
  );
}

/** The importer's findings, each with what to do about it. */
export function Diagnostics({
  diagnostics,
  testId = 'import-diags',
}: {
  diagnostics: readonly Diagnostic[];
  testId?: string;
}) {
  if (diagnostics.length === 0) return null;
  return (
    // The alert is a box around the list: a list's own role must stay a list for its items.
    <div role="alert" data-testid={testId}>
      <ul className="import-diags">
        {diagnostics.map((d, i) => (
          <li key={i} data-severity={d.severity} data-code={d.code}>
            <strong>
              {d.severity === 'error' ? 'Error' : d.severity === 'warning' ? 'Warning' : 'Note'}
            </strong>{' '}
            <Words text={d.message} />
            {d.fix && (
              <div className="import-fix">
                <Words text={d.fix} />
              </div>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
