/**
 * The diagram in its frame: picks the layout for the space it has (landscape, or portrait on
 * narrow screens, where a camera follows the packet from node to node), adds zoom buttons on
 * large screens, and a caption with the current hop that is legible from the back of a room.
 */
import { useState } from 'react';
import { GROUP_TITLES, type PortableWalk as Walk } from '../../model';
import { useElementWidth } from '../hooks/useMedia';
import { useSettings } from '../StoreContext';
import { IDENTITY_ZOOM } from '../../store/settings';
import { StepCounter } from '../StepCounter';
import { Diagram } from './Diagram';
import './diagram-frame.css';

export interface DiagramFrameProps {
  readonly walk: Walk;
  readonly index: number;
  readonly reduceMotion: boolean;
  readonly speed: number;
  readonly onBadge?: (netns: string) => void;
  /** Force a layout (tests, presenter); otherwise chosen by width. */
  readonly orientation?: 'landscape' | 'portrait';
}

const PORTRAIT_BELOW = 640;

/**
 * On a phone the portrait diagram is two screens tall; the camera shows the node the packet is
 * on (as a percentage of the track's height: node B starts at 696 of 1396 user units).
 */
export function cameraOffset(node: string | null, onWire: boolean): number {
  if (onWire) return (328 / 1356) * 100;
  return node === 'ambient-worker2' ? (656 / 1356) * 100 : 0;
}
const ZOOM_FROM = 860;

export function DiagramFrame({
  walk,
  index,
  reduceMotion,
  speed,
  onBadge,
  orientation,
}: DiagramFrameProps) {
  const [el, setEl] = useState<HTMLElement | null>(null);
  const width = useElementWidth(el, typeof window === 'undefined' ? 0 : window.innerWidth);
  const chosen = orientation ?? (width > 0 && width < PORTRAIT_BELOW ? 'portrait' : 'landscape');
  const zoomable = chosen === 'landscape' && width >= ZOOM_FROM;
  const zoom = useSettings((s) => s.zoom);
  const setZoom = useSettings((s) => s.setZoom);
  const hop = walk.hops[index];
  const zoomBy = (f: number): void => {
    const k = Math.min(4, Math.max(1, zoom.k * f));
    // Zoom about the centre of the 1280×720 canvas.
    const cx = 640;
    const cy = 360;
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
      orientation={chosen}
      reduceMotion={reduceMotion}
      speed={speed}
      zoomable={zoomable}
      {...(onBadge ? { onBadge } : {})}
    />
  );
  return (
    <figure
      className={`diagram-frame orientation-${chosen}`}
      ref={setEl}
      data-node={hop?.where.node ?? 'wire'}
    >
      {chosen === 'portrait' ? (
        <div className="camera">
          <div
            className="camera-track"
            style={{
              transform: `translateY(-${cameraOffset(hop?.where.node ?? null, hop?.where.netns === 'wire')}%)`,
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
            onClick={() => zoomBy(1.25)}
          >
            +
          </button>
          <button
            type="button"
            className="btn icon-btn"
            aria-label="Zoom out"
            disabled={zoom.k <= 1}
            onClick={() => zoomBy(0.8)}
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
            <span className="swatch sw-ip">IP/TCP</span>
            <span className="swatch sw-geneve">GENEVE</span>
            <span className="swatch sw-tls">mTLS · HBONE</span>
            <span className="swatch sw-http">HTTP</span>
            <span className="swatch sw-mark">skb mark</span>
          </span>
        </figcaption>
      )}
    </figure>
  );
}
