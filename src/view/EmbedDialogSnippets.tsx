import { useRef, useState, type KeyboardEvent } from 'react';
import type { Platform, PlatformSnippets } from '../embed/snippets';
import { CopyButton } from './panels/CopyButton';

/** The snippets, one tab per platform; each block says where it goes and copies itself. */
export function EmbedSnippets({ platforms }: { platforms: readonly PlatformSnippets[] }) {
  const [active, setActive] = useState<Platform>('html');
  const tabs = useRef<Array<HTMLButtonElement | null>>([]);
  const shown = platforms.find((p) => p.platform === active) ?? platforms[0];
  const onKey = (e: KeyboardEvent<HTMLButtonElement>, i: number): void => {
    const dir = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : e.key === 'Home' ? -i : 0;
    const to =
      e.key === 'End' ? platforms.length - 1 : (i + dir + platforms.length) % platforms.length;
    if (!dir && e.key !== 'End') return;
    e.preventDefault();
    setActive(platforms[to]!.platform);
    tabs.current[to]?.focus();
  };
  if (!shown) return null;
  return (
    <section className="embed-snippets" aria-labelledby="embed-snippets-title">
      <h3 id="embed-snippets-title" className="visually-hidden">
        Snippets
      </h3>
      <div role="tablist" aria-label="Platform" className="embed-tabs">
        {platforms.map((p, i) => (
          <button
            key={p.platform}
            ref={(el) => {
              tabs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`embed-tab-${p.platform}`}
            aria-selected={p.platform === shown.platform}
            aria-controls={`embed-panel-${p.platform}`}
            tabIndex={p.platform === shown.platform ? 0 : -1}
            className="embed-tab"
            onClick={() => setActive(p.platform)}
            onKeyDown={(e) => onKey(e, i)}
          >
            {p.label}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id={`embed-panel-${shown.platform}`}
        aria-labelledby={`embed-tab-${shown.platform}`}
        className="embed-panel"
      >
        {shown.blocks.map((b) => (
          <section key={b.id} className="snippet" aria-labelledby={`snippet-${b.id}`}>
            <div className="snippet-head">
              <div>
                <h4 id={`snippet-${b.id}`}>{b.label}</h4>
                <p className="snippet-target muted">
                  {'file' in b.target ? (
                    <>
                      File <code>{b.target.file}</code>
                    </>
                  ) : (
                    b.target.place
                  )}
                </p>
              </div>
              <CopyButton text={b.code} label={`Copy the ${b.label}`} />
            </div>
            <pre aria-labelledby={`snippet-${b.id}`} tabIndex={0} data-snippet={b.id}>
              {b.code}
            </pre>
          </section>
        ))}
      </div>
    </section>
  );
}
