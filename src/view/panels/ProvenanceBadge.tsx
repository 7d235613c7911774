import { provenanceLabel, provenanceText, type Provenance } from '../../model';
import './provenance-badge.css';

/** A small label saying where a fact comes from; the full text is its accessible description. */
export function ProvenanceBadge({ prov }: { prov: Provenance }) {
  return (
    <span className={`prov prov-${prov.kind}`} title={provenanceText(prov)}>
      <span aria-hidden="true" className="prov-dot" />
      {provenanceLabel(prov)}
      <span className="visually-hidden">: {provenanceText(prov)}</span>
    </span>
  );
}
