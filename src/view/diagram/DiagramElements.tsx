/**
 * The diagram's elements as SVG: boxes, ports, links and badges, each a group moved into place
 * by a CSS transform (so a layout change moves it smoothly), with its labels where the layout
 * put them and at the type size the layout measured them with.
 */
import { memo } from 'react';
import {
  badgeFont,
  LABEL_FONT,
  type Badge,
  type Box,
  type Label,
  type LayoutType,
  type Link,
  type Point,
  type Port,
  type Summary,
} from './shapes';

export type ShownState = 'here' | 'entering' | 'gone';

/**
 * A polyline as SVG path data: straight segments read best on this diagram (and a polyline
 * needs no path library in the first load).
 */
export function pathOf(points: readonly Point[]): string {
  return points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x},${p.y}`).join('');
}

const LABEL_CLASS: Readonly<Record<Label['role'], string>> = {
  node: 'box-label',
  title: 'box-label',
  sublabel: 'box-sublabel',
  host: 'box-label',
  port: 'port-label',
  link: 'link-label',
};

function LabelText({ label, d }: { label: Label; d: LayoutType }) {
  return (
    <text
      className={LABEL_CLASS[label.role]}
      x={label.x}
      y={label.y}
      textAnchor={label.anchor}
      style={{ fontSize: `${d.fonts[LABEL_FONT[label.role]].size}px` }}
      {...(label.vertical ? { transform: `rotate(-90 ${label.x} ${label.y})` } : {})}
    >
      {label.text}
    </text>
  );
}

const stateClass = (s: ShownState): string =>
  s === 'gone' ? ' gone' : s === 'entering' ? ' entering' : '';

const place = (p: Point): { transform: string } => ({ transform: `translate(${p.x}px, ${p.y}px)` });

export const BoxEl = memo(function BoxEl({
  b,
  state,
  active,
  d,
}: {
  b: Box;
  state: ShownState;
  active: boolean;
  d: LayoutType;
}) {
  return (
    <g
      className={`box box-${b.kind}${stateClass(state)}${active ? ' active' : ''}`}
      style={place(b)}
      data-netns={b.netns}
      aria-hidden={state === 'gone' ? true : undefined}
    >
      <rect
        width={b.w}
        height={b.h}
        rx={b.kind === 'node' ? 14 : 9}
        style={{ width: `${b.w}px`, height: `${b.h}px` }}
      />
      {b.labels.map((l, i) => (
        <LabelText key={i} label={l} d={d} />
      ))}
    </g>
  );
});

export const PortEl = memo(function PortEl({
  p,
  state,
  active,
  used,
  d,
}: {
  p: Port;
  state: ShownState;
  active: boolean;
  used: boolean;
  d: LayoutType;
}) {
  return (
    <g
      className={`port port-${p.kind}${stateClass(state)}${active ? ' active' : ''}${used ? '' : ' unused'}`}
      style={place(p)}
    >
      <rect x={-7} y={-7} width={14} height={14} rx={3} />
      {p.label && <LabelText label={p.label} d={d} />}
    </g>
  );
});

export const LinkEl = memo(function LinkEl({
  l,
  state,
  used,
  d,
}: {
  l: Link;
  state: ShownState;
  used: boolean;
  d: LayoutType;
}) {
  // Drawn from its first point, so a link whose ends move together moves rather than jumps.
  const o = l.points[0] ?? { x: 0, y: 0 };
  const data = pathOf(l.points.map((p) => ({ x: p.x - o.x, y: p.y - o.y })));
  return (
    <g
      className={`link link-${l.kind}${stateClass(state)}${used ? '' : ' unused'}`}
      style={place(o)}
      data-link={l.id}
    >
      {l.kind === 'geneve' && <path d={data} className="pipe-outer" />}
      <path d={data} className="link-line" />
      {l.label && <LabelText label={l.label} d={d} />}
    </g>
  );
});

export const BadgeEl = memo(function BadgeEl({
  b,
  state,
  active,
  d,
  onClick,
}: {
  b: Badge;
  state: ShownState;
  active: boolean;
  d: LayoutType;
  onClick?: (netns: string) => void;
}) {
  const { height: h, baseline } = d.chip;
  return (
    <g
      className={`badge badge-${b.kind}${stateClass(state)}${active ? ' active' : ''}`}
      style={place(b)}
      onClick={onClick && state !== 'gone' ? () => onClick(b.netns) : undefined}
    >
      <title>{b.title}</title>
      <rect x={-b.w / 2} y={-h / 2} width={b.w} height={h} rx={h / 2} />
      <text
        textAnchor="middle"
        y={baseline}
        style={{ fontSize: `${d.fonts[badgeFont(b.kind)].size}px` }}
      >
        {b.text}
      </text>
    </g>
  );
});

/**
 * What a large cluster's diagram leaves out, as one box: focusable, named in full for a
 * screen reader and in its tooltip, joined to the network by its stub when it has one.
 */
export const SummaryEl = memo(function SummaryEl({ s, d }: { s: Summary; d: LayoutType }) {
  return (
    <g className={`summary summary-${s.kind}`}>
      {s.stub && <path d={pathOf(s.stub)} className="summary-stub" />}
      <g style={place(s)} tabIndex={0} role="img" aria-label={s.name}>
        <title>{s.name}</title>
        <rect width={s.w} height={s.h} rx={9} />
        {s.labels.map((l, i) => (
          <LabelText key={i} label={l} d={d} />
        ))}
      </g>
    </g>
  );
});
