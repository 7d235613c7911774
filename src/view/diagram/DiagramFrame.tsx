/**
 * The diagram in its frame: picks the layout for the space it has (landscape, or portrait on
 * narrow screens, where a camera follows the packet from node to node), adds zoom buttons on
 * large screens, and a caption with the current hop that is legible from the back of a room.
 */
import { use, useEffect, useMemo, useReducer, useState } from 'react';
import { GROUP_TITLES, type PortableWalk as Walk } from '../../model';
import { useElementWidth } from '../hooks/useMedia';
import { useSettings } from '../StoreContext';
import { IDENTITY_ZOOM } from '../../store/settings';
import { StepCounter } from '../StepCounter';
import { cameraShift } from './camera';
import { Diagram } from './Diagram';
import { FRAME, FULL_TYPE, type LabelSet } from './dimensions';
import { walkPoints } from './hopPlaces';
import { legendFor } from './legend';
import { onFirstIntent } from '../hooks/onFirstIntent';
import { layoutResource, loadLayoutCode } from './layoutCache';
import type { Layout } from './shapes';
import './diagram-frame.css';

export interface DiagramFrameProps {
  readonly walk: Walk;
  readonly index: number;
  readonly reduceMotion: boolean;
  readonly speed: number;
  readonly onBadge?: (netns: string) => void;
  /** Force a layout (tests, presenter); otherwise chosen by width. */
  readonly orientation?: 'landscape' | 'portrait';
  /** Makes ids unique when a page draws several diagrams. */
  readonly idPrefix?: string;
  /** The labels a landscape diagram carries (the room set: presenter, embeds). */
  readonly labels?: LabelSet;
  /** The room set's type size; otherwise as large as the frame's width needs. */
  readonly typeScale?: number;
}

/**
 * The room set's type for a frame this wide: larger, in quarter steps, as the frame narrows
 * below the width its labels were set for, so a blog's column still reads them.
 */
export function columnScale(width: number): number {
  if (width <= 0) return 1;
  return Math.min(1.5, Math.max(1, Math.ceil((FRAME.roomWidth / width) * 4) / 4));
}

export function DiagramFrame({
  walk,
  index,
  reduceMotion,
  speed,
  onBadge,
  orientation,
  idPrefix,
  labels = 'full',
  typeScale,
}: DiagramFrameProps) {
  const [el, setEl] = useState<HTMLElement | null>(null);
  const width = useElementWidth(el, typeof window === 'undefined' ? 0 : window.innerWidth);
  const chosen =
    orientation ?? (width > 0 && width < FRAME.portraitBelow ? 'portrait' : 'landscape');
  const room = labels === 'room' && chosen === 'landscape';
  const zoomable = chosen === 'landscape' && (room || width >= FRAME.zoomFrom);
  const type = room ? { labels, scale: typeScale ?? columnScale(width) } : FULL_TYPE;
  // The full set is known at once for the default walk; otherwise (and for the room set) the
  // layout code lays it out. While it loads, the room set's frame shows the full set.
  const wanted = layoutResource(walk, chosen, type);
  const [, loaded] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    if (wanted.status === 'pending') wanted.then(loaded, loaded);
  }, [wanted]);
  const shown = wanted.status === 'fulfilled' ? wanted : layoutResource(walk, chosen);
  const layout = use(shown as Promise<Layout>);
  // Other walks need the layout code: fetch it when someone starts using the page.
  useEffect(() => onFirstIntent(() => void loadLayoutCode()), []);
  const zoom = useSettings((s) => s.zoom);
  const setZoom = useSettings((s) => s.setZoom);
  const hop = walk.hops[index];
  const points = useMemo(
    () => (chosen === 'portrait' ? walkPoints(layout, walk.hops) : []),
    [chosen, layout, walk],
  );
  const cameraAt = points[index];
  const zoomBy = (f: number): void => {
    const [least, most] = FRAME.zoomExtent;
    const k = Math.min(most, Math.max(least, zoom.k * f));
    // Zoom about the centre of the canvas.
    const cx = layout.width / 2;
    const cy = layout.height / 2;
    setZoom(
      k === 1
        ? IDENTITY_ZOOM
        : { k, x: cx - ((cx - zoom.x) / zoom.k) * k, y: cy - ((cy - zoom.y) / zoom.k) * k },
    );
  };
  // One element for both layouts; a portrait screen wraps it in the camera that follows the
  // packet (zoomable is false there).
  const diagram = (
    <Diagram
      walk={walk}
      index={index}
      reduceMotion={reduceMotion}
      speed={speed}
      zoomable={zoomable}
      layout={layout}
      {...(onBadge ? { onBadge } : {})}
      {...(idPrefix ? { idPrefix } : {})}
    />
  );
  return (
    <figure
      className={`diagram-frame orientation-${chosen}`}
      ref={setEl}
      data-node={hop?.where.node ?? 'wire'}
    >
      {chosen === 'portrait' ? (
        <div className="camera" style={{ aspectRatio: `${layout.width} / ${FRAME.cameraWindow}` }}>
          <div
            className="camera-track"
            style={{
              transform: `translateY(-${cameraShift(layout, hop?.where.node ?? null, cameraAt)}%)`,
            }}
          >
            {diagram}
          </div>
        </div>
      ) : (
        diagram
      )}
      {zoomable && (
        <div className="zoom-controls" role="group" aria-label="Zoom">
          <button
            type="button"
            className="btn icon-btn"
            aria-label="Zoom in"
            onClick={() => zoomBy(FRAME.zoomStep)}
          >
            +
          </button>
          <button
            type="button"
            className="btn icon-btn"
            aria-label="Zoom out"
            disabled={zoom.k <= 1}
            onClick={() => zoomBy(1 / FRAME.zoomStep)}
          >
            −
          </button>
          {zoom.k > 1 && (
            <button type="button" className="btn btn-small" onClick={() => setZoom(IDENTITY_ZOOM)}>
              Reset zoom
            </button>
          )}
        </div>
      )}
      {hop && (
        <figcaption className={`diagram-caption stage-${hop.stage}`}>
          <span className="caption-step">
            <StepCounter walk={walk} index={index} />
            <span className="caption-step-name"> · {GROUP_TITLES[hop.group]}</span>
          </span>
          <span className="caption-title" title={hop.title}>
            {hop.title}
          </span>
          <span className="legend" aria-label="Legend">
            {legendFor(walk).map((b) => (
              <span key={b.key} className={`swatch sw-${b.key}`}>
                {b.label}
              </span>
            ))}
          </span>
        </figcaption>
      )}
    </figure>
  );
}
