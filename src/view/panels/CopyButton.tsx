import { useEffect, useRef, useState } from 'react';

/** Copies text to the clipboard and says so, for screen readers too. */
export function CopyButton({
  text,
  label,
  focusKey,
}: {
  text: string;
  label: string;
  /** Lets a panel that redraws put focus back on this button. */
  focusKey?: string;
}) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(timer.current), []);
  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => setState('idle'), 2000);
  };
  return (
    <button
      type="button"
      className="btn btn-small copy-btn"
      onClick={() => void copy()}
      aria-label={label}
      data-focus-key={focusKey}
    >
      {state === 'copied' ? 'Copied' : state === 'failed' ? 'Select and copy' : 'Copy'}
      <span className="visually-hidden" aria-live="polite">
        {state === 'copied'
          ? 'Copied to the clipboard'
          : state === 'failed'
            ? 'Copy failed; select the text instead'
            : ''}
      </span>
    </button>
  );
}
