import type { ReactNode } from 'react';
import { useTheme } from './hooks/useTheme';

/**
 * Applies the theme above the error boundary, so even the crash message and the loading
 * screen are drawn in the theme the URL or the system asks for.
 */
export function ThemeRoot({ children }: { readonly children: ReactNode }) {
  useTheme();
  return children;
}
