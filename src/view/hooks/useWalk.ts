import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Walk } from '../../model';
import { walkFor } from '../../store/walkCache';
import { useSettings } from '../StoreContext';

/** The walk for the current scenario. */
export function useWalk(): Walk {
  const scenario = useSettings(useShallow((s) => s.scenario));
  return useMemo(() => walkFor(scenario), [scenario]);
}
