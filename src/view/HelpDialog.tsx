import { useEffect, useRef } from 'react';
import { bindingLabel, KEY_BINDINGS } from './actions';
import { useSettings } from './StoreContext';
import './help-dialog.css';

/** The keyboard shortcuts, in a native dialog (Esc closes it, focus returns where it was). */
export function HelpDialog({ presenter }: { presenter: boolean }) {
  const open = useSettings((s) => s.helpOpen);
  const setOpen = useSettings((s) => s.setHelpOpen);
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal?.();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className="help-dialog"
      aria-labelledby="help-title"
      onClose={() => setOpen(false)}
    >
      <h2 id="help-title">Keyboard</h2>
      <table>
        <tbody>
          {KEY_BINDINGS.filter((b) => presenter || !b.presenterOnly).map((b) => (
            <tr key={b.command}>
              <th scope="row">{bindingLabel(b)}</th>
              <td>
                {b.keys.map((k) => (
                  <kbd key={k}>{k}</kbd>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form method="dialog">
        <button type="submit" className="btn">
          Close
        </button>
      </form>
    </dialog>
  );
}
