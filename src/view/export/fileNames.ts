/**
 * File names for exports: the walk's mode and release, the knobs that differ from the default
 * walk, the hop (or the detail level for a whole walk), the pixel size for raster files. Only
 * lowercase letters, digits, dots and dashes, so the name survives any file system or URL.
 */
import { DEFAULT_SCENARIO, type Scenario } from '../../model/scenario';

export type ExportKind = 'svg' | 'png' | 'webm';

export interface ExportNaming {
  readonly scenario: Scenario;
  /** A cluster of one's own walked (its `cluster=` reference): named by its file or saved name. */
  readonly cluster?: string | undefined;
  readonly kind: ExportKind;
  /** The hop (0-based) of a one-hop export; a whole walk names its detail level instead. */
  readonly hop?: number;
  readonly detail?: 'overview' | 'full';
  readonly size?: { readonly width: number; readonly height: number };
}

const slug = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, '-')
    .replace(/^-+|-+$/g, '');

/** `ambient-walk-iptables-istio-1.18-waypoint-both-hop-12-1920x1080.png` */
export function exportFileName(n: ExportNaming): string {
  const { scenario } = n;
  // A file's walk: the file's name (its knobs other than mode and release are placeholders).
  const own = n.cluster
    ?.replace(/^saved:/, '')
    .replace(/^.*\//, '')
    .replace(/\.json$/i, '');
  const parts = [
    'ambient-walk',
    ...(own ? [own] : []),
    scenario.redirect,
    `istio-${scenario.istio}`,
  ];
  for (const key of own === undefined
    ? (Object.keys(DEFAULT_SCENARIO) as (keyof Scenario)[])
    : []) {
    if (key === 'redirect' || key === 'istio') continue;
    if (scenario[key] !== DEFAULT_SCENARIO[key]) parts.push(`${key}-${String(scenario[key])}`);
  }
  if (n.hop !== undefined) parts.push(`hop-${n.hop + 1}`);
  else if (n.detail) parts.push(n.detail);
  if (n.size) parts.push(`${Math.round(n.size.width)}x${Math.round(n.size.height)}`);
  return `${parts.map(slug).filter(Boolean).join('-')}.${n.kind}`;
}
