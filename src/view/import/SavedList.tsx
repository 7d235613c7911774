import { useState } from 'react';
import { deleteSaved, renameSaved, type SavedCluster } from './savedClusters';

/** The clusters kept in this browser: open, rename, export, delete. */
export function SavedList({
  saved,
  onChange,
  onOpen,
  onExport,
}: {
  saved: readonly SavedCluster[];
  onChange: (list: SavedCluster[], message: string) => void;
  onOpen: (c: SavedCluster) => void;
  onExport: (c: SavedCluster) => void;
}) {
  const [renaming, setRenaming] = useState<{ id: string; name: string } | undefined>();
  if (saved.length === 0) return null;
  return (
    <section className="import-saved" aria-labelledby="import-saved-title">
      <h3 id="import-saved-title">Saved in this browser</h3>
      <ul data-testid="import-saved">
        {saved.map((c) => (
          <li key={c.id}>
            {renaming?.id === c.id ? (
              <form
                onSubmit={(e) => {
                  e.preventDefault();
                  const r = renameSaved(c.id, renaming.name);
                  setRenaming(undefined);
                  onChange(r.list, r.error ?? `Renamed to “${renaming.name.trim()}”.`);
                }}
              >
                <input
                  aria-label={`New name for ${c.name}`}
                  value={renaming.name}
                  onChange={(e) => setRenaming({ id: c.id, name: e.target.value })}
                  autoFocus
                />
                <button className="btn btn-small">Rename</button>
              </form>
            ) : (
              <span className="import-saved-name">{c.name}</span>
            )}{' '}
            <button type="button" className="btn btn-small" onClick={() => onOpen(c)}>
              Open
            </button>{' '}
            <button
              type="button"
              className="btn btn-small"
              onClick={() => setRenaming({ id: c.id, name: c.name })}
            >
              Rename…
            </button>{' '}
            <button type="button" className="btn btn-small" onClick={() => onExport(c)}>
              Export
            </button>{' '}
            <button
              type="button"
              className="btn btn-small"
              onClick={() => {
                const r = deleteSaved(c.id);
                onChange(r.list, r.error ?? `Deleted “${c.name}”.`);
              }}
            >
              Delete
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
