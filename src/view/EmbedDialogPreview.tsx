import { useEffect, useRef, useState } from 'react';
import { readWidgetMessage } from '../embed/hostMessages';
import { widgetSrc, type EmbedChoices } from '../embed/snippets';

/**
 * The widget at the author's choices, in an iframe that loads only when the preview is opened.
 * It behaves as on the author's page: the host script's part (the height the widget reports;
 * this page's theme passed to a widget in `auto`) is done here when the snippet includes it.
 * parentOrigin is left out: the widget would talk only to the author's site, not to this page.
 */
export function EmbedPreview({ choices }: { choices: EmbedChoices }) {
  const [open, setOpen] = useState(false);
  const frame = useRef<HTMLIFrameElement>(null);
  const [reported, setReported] = useState<number | undefined>(undefined);
  const src = widgetSrc({ ...choices, parentOrigin: undefined });
  const { autoHeight, theme } = choices;

  useEffect(() => {
    if (!open) return;
    const onMessage = (e: MessageEvent): void => {
      const f = frame.current;
      if (!f || e.source !== f.contentWindow || e.origin !== window.location.origin) return;
      const m = readWidgetMessage(e.data);
      if (m?.type === 'ambient-walk:resize') setReported(m.height);
      if (m?.type === 'ambient-walk:ready' && autoHeight && theme === 'auto') {
        const pageTheme = document.documentElement.dataset.theme;
        if (pageTheme === 'light' || pageTheme === 'dark')
          f.contentWindow?.postMessage(
            { type: 'ambient-walk:command', command: 'set', theme: pageTheme },
            window.location.origin,
          );
      }
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, [open, autoHeight, theme]);

  const height = autoHeight && reported ? reported : choices.height;
  return (
    <details
      className="embed-preview"
      open={open}
      onToggle={(e) => {
        setOpen(e.currentTarget.open);
        setReported(undefined);
      }}
    >
      <summary>Preview</summary>
      {open && (
        <iframe
          ref={frame}
          key={src}
          src={src}
          title={`Preview: ${choices.title}`}
          style={{ height }}
        />
      )}
    </details>
  );
}
