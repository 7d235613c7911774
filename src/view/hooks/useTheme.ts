import { useEffect } from 'react';
import { useSettings } from '../StoreContext';
import { useMediaQuery } from './useMedia';

/** Applies the theme to <html data-theme>; `auto` follows the system. */
export function useTheme(): 'light' | 'dark' {
  const theme = useSettings((s) => s.theme);
  const systemDark = useMediaQuery('(prefers-color-scheme: dark)');
  const resolved = theme === 'auto' ? (systemDark ? 'dark' : 'light') : theme;
  useEffect(() => {
    document.documentElement.dataset.theme = resolved;
  }, [resolved]);
  return resolved;
}

/** True when motion should be replaced by a highlight. */
export function useReducedMotion(): boolean {
  const motion = useSettings((s) => s.motion);
  const system = useMediaQuery('(prefers-reduced-motion: reduce)');
  return motion === 'reduce' || system;
}
