import { useShallow } from 'zustand/react/shallow';
import { useSettings } from './StoreContext';
import './notices.css';

/** Notices about the address (malformed parameters) and embed commands; each can be dismissed. */
export function Notices() {
  const notices = useSettings(useShallow((s) => s.notices));
  const dismiss = useSettings((s) => s.dismissNotice);
  if (notices.length === 0) return null;
  return (
    <div className="notices" role="region" aria-label="Notices">
      {notices.map((n) => (
        <p key={n.id} className="notice" role="status" data-param={n.param}>
          <span className="notice-text">{n.message}</span>
          <button
            type="button"
            className="btn btn-small"
            onClick={() => dismiss(n.id)}
            aria-label={`Dismiss the notice about ${n.param}`}
          >
            Dismiss
          </button>
        </p>
      ))}
    </div>
  );
}
