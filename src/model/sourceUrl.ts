/** Links for upstream references, kept apart from the list of references so pages need not load it. */

export type SourceRef = string;

/**
 * A browsable URL for a `repo@ref:path` reference (GitHub blob view). Returns undefined for a
 * string that is not in that form, so the UI can show it as plain text.
 */
export function sourceUrl(ref: SourceRef): string | undefined {
  const m = /^([\w.-]+\/[\w.-]+)@([\w.-]+):(.+)$/.exec(ref);
  if (!m) return undefined;
  const [, repo, gitRef, path] = m;
  return `https://github.com/${repo}/blob/${gitRef}/${path}`;
}
