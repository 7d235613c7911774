import { sourceUrl } from '../../model';
import './source-link.css';

/** An upstream `repo@ref:path` reference as a link to the file at that ref. */
export function SourceLink({ refText, focusKey }: { refText: string; focusKey?: string }) {
  const url = sourceUrl(refText);
  const [repo, rest] = refText.split('@');
  const label = (
    <>
      <span className="src-repo">{repo}</span>@<span className="src-path">{rest}</span>
    </>
  );
  return url ? (
    <a
      className="src-link"
      href={url}
      target="_blank"
      rel="noopener noreferrer"
      data-focus-key={focusKey}
    >
      {label}
    </a>
  ) : (
    <span className="src-link">{label}</span>
  );
}
