/** A scenario file's provenance as the model's: each value says where it came from. */
import {
  fromArticle,
  illustrative,
  imported,
  inferred,
  verified,
  type Provenance,
} from '../provenance';
import type { ClusterSpec, FieldProvenance, SpecProvenance } from '../spec/types';

/** The model's provenance for a file's value; verified and inferred need a `ref` to stay so. */
export function toProvenance(p: SpecProvenance, what: string): Provenance {
  switch (p.kind) {
    case 'verified':
      return p.ref ? verified(p.ref, p.note ?? what) : imported(p.note ?? what);
    case 'inferred':
      return p.ref ? inferred(p.ref, p.note ?? what) : imported(p.note ?? what);
    case 'article':
      return fromArticle(p.note ?? what);
    case 'illustrative':
      return illustrative(p.note ?? what);
    case 'imported':
      return imported(p.note ?? what, p.ref);
  }
}

/** Where one field of an object in the file comes from: its own label, else the file's source. */
export function fieldProvenance(
  spec: ClusterSpec,
  own: FieldProvenance | undefined,
  field: string,
  what: string,
): Provenance {
  const p = own?.[field];
  if (p) return toProvenance(p, what);
  const s = spec.source;
  // The file's source labels what it read; a note about the file as a whole would say nothing here.
  return toProvenance({ kind: s.kind, ...(s.ref ? { ref: s.ref } : {}), note: what }, what);
}
