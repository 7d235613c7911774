/**
 * A unified line diff (longest common subsequence, a few lines of context): how a release's
 * golden is stored against the mode's default release, so a reviewer reads only what differs.
 */

type Op = { readonly kind: ' ' | '-' | '+'; readonly line: string };

function ops(a: readonly string[], b: readonly string[]): Op[] {
  const n = a.length;
  const m = b.length;
  // lcs[i][j]: the length of the common subsequence of a[i..] and b[j..]
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    const row = lcs[i] as Uint32Array;
    const below = lcs[i + 1] as Uint32Array;
    for (let j = m - 1; j >= 0; j--)
      row[j] =
        a[i] === b[j]
          ? (below[j + 1] as number) + 1
          : Math.max(below[j] as number, row[j + 1] as number);
  }
  const out: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      out.push({ kind: ' ', line: a[i] as string });
      i++;
      j++;
    } else if (
      ((lcs[i + 1] as Uint32Array)[j] as number) >= ((lcs[i] as Uint32Array)[j + 1] as number)
    ) {
      out.push({ kind: '-', line: a[i++] as string });
    } else {
      out.push({ kind: '+', line: b[j++] as string });
    }
  }
  while (i < n) out.push({ kind: '-', line: a[i++] as string });
  while (j < m) out.push({ kind: '+', line: b[j++] as string });
  return out;
}

/** `a` → `b` as hunks with `context` unchanged lines around each change; '' when equal. */
export function unifiedDiff(a: string, b: string, context = 2): string {
  const all = ops(a.split('\n'), b.split('\n'));
  const changed = all.map((o, k) => (o.kind !== ' ' ? k : -1)).filter((k) => k >= 0);
  if (changed.length === 0) return '';
  const keep = new Set<number>();
  for (const k of changed)
    for (let d = -context; d <= context; d++) if (k + d >= 0 && k + d < all.length) keep.add(k + d);
  const lines: string[] = [];
  let last = -2;
  all.forEach((o, k) => {
    if (!keep.has(k)) return;
    if (k !== last + 1) lines.push('@@');
    lines.push(`${o.kind}${o.line}`);
    last = k;
  });
  return `${lines.join('\n')}\n`;
}
