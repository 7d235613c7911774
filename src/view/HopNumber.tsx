import './hop-number.css';

/**
 * "n/total" with n padded to the width of total, so the text after it stays put as n grows
 * from one digit to two (a layout shift on every tenth hop otherwise).
 */
export function HopNumber({ n, total }: { n: number; total: number }) {
  const digits = String(total).length;
  return (
    <>
      {/* Keyed by n: a new number is a new node, not a moved one. */}
      <span key={n} className="hop-number" style={{ minWidth: `${digits}ch` }}>
        {n}
      </span>
      /{total}
    </>
  );
}
