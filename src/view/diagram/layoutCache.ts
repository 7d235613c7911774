/**
 * Where the diagram gets its layout. The default walk's layouts were computed at build time and
 * ship with the page; any other walk is laid out by the layout code, which loads on demand the
 * first time it is needed (and at the first sign of a reader), as the simulator does.
 *
 * `layoutResource(walk, orientation, type)` returns a thenable React's `use()` reads
 * synchronously when the layout is known, and suspends on while the layout code loads. Only the
 * full label set of the default walk ships; the room set (presenter, embeds) is laid out here.
 */
import shipped from 'virtual:ambient-walk/default-layouts';
import type { PortableWalk as Walk } from '../../model';
import type * as LayoutCode from './layout';
import { FULL_TYPE, type DiagramType } from './dimensions';
import type { Layout, Orientation } from './shapes';
import { walkFingerprint, type ShippedLayouts } from './shippedLayouts';

export type LayoutResource = PromiseLike<Layout> & {
  status?: 'pending' | 'fulfilled' | 'rejected';
  value?: Layout;
  reason?: unknown;
};

const defaults = shipped as ShippedLayouts;
let code: typeof LayoutCode | undefined;
let loading: Promise<typeof LayoutCode> | undefined;

/** Loads the layout code (once). */
export function loadLayoutCode(): Promise<typeof LayoutCode> {
  loading ??= import('./layout').then((m) => {
    code = m;
    return m;
  });
  return loading;
}

/** Per walk (weakly, so walks the cache lets go are not kept), per orientation and type. */
const made = new WeakMap<Walk, Map<string, LayoutResource>>();

function fulfilled(value: Layout): LayoutResource {
  const p = Promise.resolve(value) as LayoutResource;
  p.status = 'fulfilled';
  p.value = value;
  return p;
}

export function layoutResource(
  walk: Walk,
  orientation: Orientation,
  type: DiagramType = FULL_TYPE,
): LayoutResource {
  const known = made.get(walk) ?? new Map<string, LayoutResource>();
  made.set(walk, known);
  const key = `${orientation} ${type.labels} ${type.scale}`;
  const hit = known.get(key);
  if (hit) return hit;
  let r: LayoutResource;
  if (type.labels === 'full' && walkFingerprint(walk) === defaults.walk) {
    r = fulfilled(defaults[orientation]);
  } else if (code) {
    r = fulfilled(code.layoutDiagram(walk.cluster, orientation, walk.hops, type));
  } else {
    const p = loadLayoutCode().then((m) => {
      const l = m.layoutDiagram(walk.cluster, orientation, walk.hops, type);
      p.status = 'fulfilled';
      p.value = l;
      return l;
    }) as LayoutResource;
    p.status = 'pending';
    p.then(undefined, (e: unknown) => {
      p.status = 'rejected';
      p.reason = e;
    });
    r = p;
  }
  known.set(key, r);
  return r;
}
