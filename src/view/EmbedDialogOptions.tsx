import type { ReactNode } from 'react';
import { MAX_EMBED_HEIGHT, MIN_EMBED_HEIGHT } from '../embed/snippets';
import type { Detail, Theme } from '../store/urlState';

/** The Embed dialog's choices as the author types them (numbers are read when used). */
export interface OptionsDraft {
  readonly theme: Theme;
  readonly hop: string;
  readonly detail: Detail;
  readonly height: string;
  readonly parentOrigin: string;
  readonly autoHeight: boolean;
}

function Segments<V extends string>({
  legend,
  name,
  value,
  options,
  onChange,
  hint,
}: {
  legend: string;
  name: string;
  value: V;
  options: ReadonlyArray<readonly [V, string]>;
  onChange: (v: V) => void;
  hint?: ReactNode;
}) {
  return (
    <fieldset className="toggle-group" aria-describedby={hint ? `${name}-hint` : undefined}>
      <legend>{legend}</legend>
      <div className="segmented">
        {options.map(([v, label]) => (
          <span className="segment" key={v}>
            <input
              type="radio"
              id={`${name}-${v}`}
              name={name}
              value={v}
              checked={value === v}
              onChange={() => onChange(v)}
            />
            <label htmlFor={`${name}-${v}`}>{label}</label>
          </span>
        ))}
      </div>
      {hint && (
        <p className="embed-hint muted" id={`${name}-hint`}>
          {hint}
        </p>
      )}
    </fieldset>
  );
}

/** Theme, start hop, detail, height, parentOrigin and the host script: what the snippets carry. */
export function EmbedOptions({
  draft,
  onChange,
  total,
  originInvalid,
}: {
  draft: OptionsDraft;
  onChange: (patch: Partial<OptionsDraft>) => void;
  total: number;
  originInvalid: boolean;
}) {
  return (
    <form className="embed-options" aria-label="Embed options" onSubmit={(e) => e.preventDefault()}>
      <Segments
        legend="Theme"
        name="embed-theme"
        value={draft.theme}
        options={[
          ['auto', 'Auto'],
          ['light', 'Light'],
          ['dark', 'Dark'],
        ]}
        onChange={(theme) => onChange({ theme })}
        hint={
          <>
            Auto follows the page (<code>data-theme</code> or a <code>.dark</code> class) with the
            host script, or else the reader’s system.
          </>
        }
      />
      <Segments
        legend="Detail"
        name="embed-detail"
        value={draft.detail}
        options={[
          ['overview', 'Overview'],
          ['full', 'Every hop'],
        ]}
        onChange={(detail) => onChange({ detail })}
      />
      <label className="embed-field">
        <span>Start at hop</span>
        <input
          type="number"
          inputMode="numeric"
          min={1}
          max={total}
          value={draft.hop}
          onChange={(e) => onChange({ hop: e.currentTarget.value })}
        />
      </label>
      <label className="embed-field">
        <span>Height (px)</span>
        <input
          type="number"
          inputMode="numeric"
          min={MIN_EMBED_HEIGHT}
          max={MAX_EMBED_HEIGHT}
          step={10}
          value={draft.height}
          onChange={(e) => onChange({ height: e.currentTarget.value })}
        />
      </label>
      <label className="embed-field embed-origin">
        <span>Parent origin (optional)</span>
        <input
          type="url"
          placeholder="https://your-site.example"
          value={draft.parentOrigin}
          aria-invalid={originInvalid}
          aria-describedby="embed-origin-hint"
          onChange={(e) => onChange({ parentOrigin: e.currentTarget.value })}
        />
        <span
          className={originInvalid ? 'embed-hint embed-error' : 'embed-hint muted'}
          id="embed-origin-hint"
        >
          {originInvalid
            ? 'Not an http(s) origin: left out of the snippets.'
            : 'The only page that may send the widget commands, and the only one it talks to.'}
        </span>
      </label>
      <label className="embed-check">
        <input
          type="checkbox"
          checked={draft.autoHeight}
          onChange={(e) => onChange({ autoHeight: e.currentTarget.checked })}
        />
        <span>Include the host script (auto-height, and the page’s theme passed on)</span>
      </label>
    </form>
  );
}
