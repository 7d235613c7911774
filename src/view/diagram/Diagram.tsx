/**
 * The data-plane diagram: the cluster's nodes with their host namespaces, pods, node proxies,
 * veths, GENEVE pipes, TC programs and listening sockets, the network between them, and the
 * packet. React owns every SVG element; d3 supplies the path generator, and the packet's
 * per-frame position is animated by PacketGlyph outside React.
 */
import { useMemo } from 'react';
import type { Hop, PortableWalk as Walk } from '../../model';
import { BadgeEl, BoxEl, LinkEl, pathOf, PortEl, SummaryEl } from './DiagramElements';
import { nodeBoxId, referencedBadgeIds, WIRE } from './elementIds';
import { hopAnchorId, walkPath, walkPoints } from './hopPlaces';
import type { Layout } from './shapes';
import { PacketGlyph } from './PacketGlyph';
import { useDeparting } from './useDeparting';
import { ZoomLayer } from './ZoomLayer';
import './diagram.css';

export interface DiagramProps {
  readonly walk: Walk;
  /** The walk's layout (the frame gets it from layoutCache; tests from layoutDiagram). */
  readonly layout: Layout;
  readonly index: number;
  readonly reduceMotion: boolean;
  readonly speed: number;
  readonly zoomable: boolean;
  /** A badge was clicked: show that namespace's rules. */
  readonly onBadge?: (netns: string) => void;
  /** Prefix of the title's and description's ids, for a page that draws several diagrams. */
  readonly idPrefix?: string;
}

/**
 * The diagram's accessible name, from the cluster it draws: the nodes it has boxes for (a large
 * cluster's others are summarised, each summary named on its own).
 */
function diagramTitle(walk: Walk, layout: Layout): string {
  const drawn = new Set(layout.boxes.map((b) => b.id));
  const nodes = walk.cluster.nodes.map((n) => n.name).filter((n) => drawn.has(nodeBoxId(n)));
  const names =
    nodes.length > 1 ? `${nodes.slice(0, -1).join(', ')} and ${nodes.at(-1)}` : nodes[0];
  return `Diagram of the ${walk.mode.label} data plane: ${names ?? 'the nodes'} with their pods, ztunnels and links`;
}

/** What a hop lights up: its anchor, the TC programs and sockets its actor names, its box. */
function activeIds(hop: Hop | undefined): Set<string> {
  const out = new Set<string>();
  if (!hop) return out;
  out.add(hopAnchorId(hop));
  for (const id of referencedBadgeIds(hop)) out.add(id);
  if (hop.where.netns !== WIRE) out.add(`box:${hop.where.netns}`);
  return out;
}

export function Diagram({
  walk,
  layout,
  index,
  reduceMotion,
  speed,
  zoomable,
  onBadge,
  idPrefix = 'diagram',
}: DiagramProps) {
  const d = layout.type;
  const hop = walk.hops[index];
  const active = useMemo(() => activeIds(hop), [hop]);
  const used = useMemo(() => new Set(walk.hops.map((h) => hopAnchorId(h))), [walk]);
  const points = useMemo(() => walkPoints(layout, walk.hops), [walk, layout]);
  // The last few moves as a fading trail; the whole route would be a web of diagonals.
  const trail = useMemo(() => {
    const recent = walkPath(layout, walk.hops, points, Math.max(0, index - 3), index);
    return recent.length > 1 ? pathOf(recent) : '';
  }, [layout, walk, points, index]);
  const fade = !reduceMotion;
  const boxes = useDeparting(layout.boxes, fade);
  const ports = useDeparting(layout.ports, fade);
  const links = useDeparting(layout.links, fade);
  const badges = useDeparting(layout.badges, fade);
  const wireUsed = used.has(WIRE);
  // The request did not arrive (denied, or failed on the way): the last stretch is drawn so.
  const denied = !walk.outcome.delivered;
  const outer = boxes.filter((b) => b.item.kind === 'node' || b.item.kind === 'host');
  const pods = boxes.filter((b) => b.item.kind !== 'node' && b.item.kind !== 'host');
  return (
    <svg
      className={`diagram-svg mode-${walk.mode.mode}${reduceMotion ? ' reduce-motion' : ''}`}
      viewBox={`0 0 ${layout.width} ${layout.height}`}
      role="group"
      aria-labelledby={`${idPrefix}-title`}
      aria-describedby={`${idPrefix}-desc`}
      data-orientation={layout.orientation}
      data-labels={layout.type.labels}
    >
      {/* One string: React drops a <title> whose children are several text nodes. */}
      <title id={`${idPrefix}-title`}>{diagramTitle(walk, layout)}</title>
      <desc id={`${idPrefix}-desc`}>
        {hop ? `Hop ${index + 1} of ${walk.hops.length}: ${hop.title}. ${hop.narration}` : ''}
      </desc>
      <ZoomLayer enabled={zoomable}>
        <g className="layer-boxes">
          {outer.map(({ item: b, state }) => (
            <BoxEl
              key={b.morphKey}
              b={b}
              state={state}
              active={active.has(`box:${b.netns}`)}
              d={d}
            />
          ))}
        </g>
        <g className="layer-links">
          {links.map(({ item: l, state }) => (
            <LinkEl
              key={l.morphKey}
              l={l}
              state={state}
              used={l.kind === 'wire' || l.kind === 'uplink' ? wireUsed : true}
              d={d}
            />
          ))}
        </g>
        <g className="layer-pods">
          {pods.map(({ item: b, state }) => (
            <BoxEl
              key={b.morphKey}
              b={b}
              state={state}
              active={active.has(`box:${b.netns}`)}
              d={d}
            />
          ))}
        </g>
        {layout.summaries && (
          <g className="layer-summaries">
            {layout.summaries.map((s) => (
              <SummaryEl key={s.morphKey} s={s} d={d} />
            ))}
          </g>
        )}
        {trail && (
          <path
            className={`trail${denied && index === walk.hops.length - 1 ? ' denied' : ''}`}
            d={trail}
          />
        )}
        <g className="layer-ports">
          {ports.map(({ item: p, state }) => (
            <PortEl
              key={p.morphKey}
              p={p}
              state={state}
              active={active.has(p.id)}
              used={used.has(p.id)}
              d={d}
            />
          ))}
        </g>
        <g className="layer-badges">
          {badges.map(({ item: b, state }) => (
            <BadgeEl
              key={b.morphKey}
              b={b}
              state={state}
              active={active.has(b.id)}
              d={d}
              {...(onBadge ? { onClick: onBadge } : {})}
            />
          ))}
        </g>
        <PacketGlyph
          walk={walk}
          index={index}
          layout={layout}
          points={points}
          reduceMotion={reduceMotion}
          speed={speed}
        />
      </ZoomLayer>
    </svg>
  );
}
