/**
 * Keeps the elements a new layout no longer has for as long as they take to fade out, and
 * marks the ones it adds, so a scenario switch fades and moves instead of redrawing. Elements
 * are matched by morph key: one that stays (httpbin moving to the other node) just moves.
 */
import { useEffect, useState } from 'react';

export interface Shown<T> {
  readonly item: T;
  /** 'entering': new in this layout (fades in); 'gone': left it (fading out, then dropped). */
  readonly state: 'here' | 'entering' | 'gone';
}

/** Longer than the CSS fade, so the element is invisible before it is removed. */
export const FADE_OUT_MS = 700;

interface Memory<T> {
  readonly items: readonly T[];
  readonly departed: readonly T[];
  readonly entering: ReadonlySet<string>;
}

export function useDeparting<T extends { readonly morphKey: string }>(
  items: readonly T[],
  fade: boolean,
): Array<Shown<T>> {
  const [memory, setMemory] = useState<Memory<T>>({ items, departed: [], entering: new Set() });
  let current = memory;
  if (memory.items !== items) {
    // A new layout: what it drops starts fading out; what it adds fades in.
    const now = new Set(items.map((i) => i.morphKey));
    const before = new Set(memory.items.map((i) => i.morphKey));
    current = {
      items,
      departed: fade
        ? [
            ...new Map(
              [...memory.departed, ...memory.items]
                .filter((i) => !now.has(i.morphKey))
                .map((i) => [i.morphKey, i]),
            ).values(),
          ]
        : [],
      entering: new Set(
        fade ? items.filter((i) => !before.has(i.morphKey)).map((i) => i.morphKey) : [],
      ),
    };
    setMemory(current);
  }
  const { departed } = current;
  useEffect(() => {
    if (departed.length === 0) return;
    const timer = setTimeout(
      () => setMemory((m) => (m.departed === departed ? { ...m, departed: [] } : m)),
      FADE_OUT_MS,
    );
    return () => clearTimeout(timer);
  }, [departed]);
  return [
    ...items.map((item) => ({
      item,
      state: current.entering.has(item.morphKey) ? ('entering' as const) : ('here' as const),
    })),
    ...departed.map((item) => ({ item, state: 'gone' as const })),
  ];
}
