import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { Settings, SettingsStore } from '../store/settings';

export const SettingsContext = createContext<SettingsStore | null>(null);

export function useSettingsStore(): SettingsStore {
  const store = useContext(SettingsContext);
  if (!store) throw new Error('SettingsContext is missing');
  return store;
}

/** Selects from the settings store; re-renders only when the selected value changes. */
export function useSettings<T>(selector: (s: Settings) => T): T {
  return useStore(useSettingsStore(), selector);
}
