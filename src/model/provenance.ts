/**
 * Where every value the product shows comes from. The product is only worth linking to if a
 * reader can tell a fact read in upstream source from one inferred from it, one taken from the
 * Solo.io article, and one made up to keep the example consistent.
 */

export type Provenance =
  /** Read in upstream source or official docs. `ref` is `repo@ref:path`. */
  | { readonly kind: 'verified'; readonly ref: string; readonly note?: string }
  /** Composed from verified code or from general Linux behaviour; not observed on a cluster. */
  | { readonly kind: 'inferred'; readonly ref: string; readonly note: string }
  /** Stated by the source article (the Solo.io "Traffic in ambient mesh, part 3"). */
  | { readonly kind: 'article'; readonly note?: string }
  /** Made up, consistent with a kind cluster, so the example has concrete values. */
  | { readonly kind: 'illustrative'; readonly note: string }
  /**
   * Pasted or imported by the user from their own cluster (`iptables-save`, `ip rule`, a config
   * dump): what that cluster had, read as given; `note` says what was pasted and where.
   */
  | { readonly kind: 'imported'; readonly note: string };

export type ProvenanceKind = Provenance['kind'];

export const PROVENANCE_KINDS: readonly ProvenanceKind[] = [
  'verified',
  'inferred',
  'article',
  'illustrative',
  'imported',
];

export function verified(ref: string, note?: string): Provenance {
  return note === undefined ? { kind: 'verified', ref } : { kind: 'verified', ref, note };
}

export function inferred(ref: string, note: string): Provenance {
  return { kind: 'inferred', ref, note };
}

export function fromArticle(note?: string): Provenance {
  return note === undefined ? { kind: 'article' } : { kind: 'article', note };
}

export function illustrative(note: string): Provenance {
  return { kind: 'illustrative', note };
}

export function imported(note: string): Provenance {
  return { kind: 'imported', note };
}

/** A value together with where it comes from. */
export interface Sourced<T> {
  readonly value: T;
  readonly prov: Provenance;
}

export function sourced<T>(value: T, prov: Provenance): Sourced<T> {
  return { value, prov };
}

/** Short label for the UI: "verified", "inferred", "article", "illustrative", "imported". */
export function provenanceLabel(p: Provenance): string {
  switch (p.kind) {
    case 'verified':
      return 'verified upstream';
    case 'inferred':
      return 'inferred from upstream';
    case 'article':
      return 'from the article';
    case 'illustrative':
      return 'illustrative';
    case 'imported':
      return 'from your cluster';
  }
}

/** One line that says where a value comes from, for tooltips and the inspector. */
export function provenanceText(p: Provenance): string {
  switch (p.kind) {
    case 'verified':
      return `Verified: ${p.ref}${p.note ? ` — ${p.note}` : ''}`;
    case 'inferred':
      return `Inferred (${p.ref}): ${p.note}`;
    case 'article':
      return `From the article${p.note ? `: ${p.note}` : ''}`;
    case 'illustrative':
      return `Illustrative: ${p.note}`;
    case 'imported':
      return `Imported from your cluster: ${p.note}`;
  }
}
