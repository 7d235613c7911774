/**
 * Pan and zoom for large screens: d3-zoom on the SVG (loaded on demand, so phones and embeds
 * do not pay for it), the transform kept in the settings store. Wheel zoom needs Ctrl/⌘ so the
 * page still scrolls; drag pans once zoomed; the buttons zoom by keyboard too.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { useSettings, useSettingsStore } from '../StoreContext';
import { FRAME } from './dimensions';

export function ZoomLayer({ enabled, children }: { enabled: boolean; children: ReactNode }) {
  const ref = useRef<SVGGElement>(null);
  const store = useSettingsStore();
  const zoom = useSettings((s) => s.zoom);

  useEffect(() => {
    const g = ref.current;
    const svg = g?.ownerSVGElement;
    if (!enabled || !svg) return;
    let cancelled = false;
    let detach = (): void => {};
    void Promise.all([import('d3-zoom'), import('d3-selection')]).then(([z, sel]) => {
      if (cancelled) return;
      const behaviour = z
        .zoom<SVGSVGElement, unknown>()
        .scaleExtent([...FRAME.zoomExtent])
        .filter((event: Event) => {
          if (event.type === 'wheel')
            return (event as WheelEvent).ctrlKey || (event as WheelEvent).metaKey;
          if (event.type === 'dblclick') return true;
          return store.getState().zoom.k > 1 && !(event as MouseEvent).button;
        })
        .on('zoom', (event: { transform: { k: number; x: number; y: number } }) => {
          const { k, x, y } = event.transform;
          store.getState().setZoom({ k, x, y });
        });
      const selection = sel.select(svg);
      selection.call(behaviour);
      // Buttons change the store; keep d3's own idea of the transform in step.
      const unsub = store.subscribe((s, prevState) => {
        if (s.zoom === prevState.zoom) return;
        const current = z.zoomTransform(svg);
        if (current.k !== s.zoom.k || current.x !== s.zoom.x || current.y !== s.zoom.y) {
          behaviour.transform(
            selection,
            z.zoomIdentity.translate(s.zoom.x, s.zoom.y).scale(s.zoom.k),
          );
        }
      });
      detach = () => {
        unsub();
        selection.on('.zoom', null);
      };
    });
    return () => {
      cancelled = true;
      detach();
    };
  }, [enabled, store]);

  const t = enabled ? zoom : { k: 1, x: 0, y: 0 };
  return (
    <g ref={ref} className="zoom-layer" transform={`translate(${t.x},${t.y}) scale(${t.k})`}>
      {children}
    </g>
  );
}
