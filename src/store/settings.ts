/**
 * The user's settings and view state (scenario knobs, speed, theme, detail level, open panel),
 * in a Zustand store: their one owner. The hop is not here: the packet machine owns it. The URL
 * follows both: `urlSync.ts` writes it back with history.replaceState.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Scenario } from '../model';
import {
  DEFAULT_URL_STATE,
  MAX_SPEED,
  MIN_SPEED,
  pickUrlState,
  type Detail,
  type Motion,
  type Notice,
  type ReferencePanel,
  type Theme,
  type UrlState,
} from './urlState';

export type Panel = ReferencePanel;

export interface ZoomTransform {
  readonly k: number;
  readonly x: number;
  readonly y: number;
}

export const IDENTITY_ZOOM: ZoomTransform = { k: 1, x: 0, y: 0 };

/** What the address carries of the settings: all of it but the hop. */
export type UrlSettings = Omit<UrlState, 'hop'>;

export interface SettingsState extends UrlSettings {
  readonly notices: readonly Notice[];
  /** Presenter: single-key shortcuts (N, P, B, F, ...) can be turned off. */
  readonly singleKeyShortcuts: boolean;
  readonly blackout: boolean;
  readonly helpOpen: boolean;
  /** The Export dialog (SVG, PNG, WebM, the handout) is open. */
  readonly exportOpen: boolean;
  /** The print handout is wanted: the view renders every hop and asks the browser to print. */
  readonly handout: boolean;
  /** The diagram's pan/zoom (not in the URL). */
  readonly zoom: ZoomTransform;
  /** The namespace the Rules panel shows; null follows the packet. */
  readonly rulesNetns: string | null;
}

export interface SettingsActions {
  setScenario(scenario: Scenario): void;
  setSpeed(speed: number): void;
  setTheme(theme: Theme): void;
  setMotion(motion: Motion): void;
  setDetail(detail: Detail): void;
  setAutoplay(autoplay: boolean): void;
  setPanel(panel: Panel): void;
  addNotice(notice: Notice): void;
  dismissNotice(id: string): void;
  setSingleKeyShortcuts(on: boolean): void;
  setBlackout(on: boolean): void;
  setHelpOpen(open: boolean): void;
  setExportOpen(open: boolean): void;
  setHandout(on: boolean): void;
  setZoom(zoom: ZoomTransform): void;
  setRulesNetns(netns: string | null): void;
  /** The cluster the importer has open (`saved:<name>`, a scenario file's URL), or none. */
  setCluster(cluster: string | undefined): void;
  setCompare(compare: UrlState['compare']): void;
  setPredict(predict: boolean): void;
  /** Back to the defaults (the error boundary's "Reset view"). */
  reset(): void;
}

export type Settings = SettingsState & SettingsActions;
export type SettingsStore = StoreApi<Settings>;

export function clampSpeed(speed: number): number {
  return Math.min(MAX_SPEED, Math.max(MIN_SPEED, speed));
}

/** The settings of a parsed address (its hop goes to the packet machine, not here). */
function settingsOf(state: UrlSettings & { readonly hop?: number }): UrlSettings {
  const { hop, ...settings } = state;
  void hop;
  return settings;
}

export function createSettingsStore(
  initial: UrlSettings = DEFAULT_URL_STATE,
  notices: readonly Notice[] = [],
): SettingsStore {
  return createStore<Settings>()((set, get) => ({
    ...settingsOf(initial),
    notices,
    singleKeyShortcuts: true,
    blackout: false,
    helpOpen: false,
    exportOpen: false,
    handout: false,
    zoom: IDENTITY_ZOOM,
    rulesNetns: null,
    setScenario: (scenario) => set({ scenario }),
    setSpeed: (speed) => set({ speed: clampSpeed(speed) }),
    setTheme: (theme) => set({ theme }),
    setMotion: (motion) => set({ motion }),
    setDetail: (detail) => set({ detail }),
    setAutoplay: (autoplay) => set({ autoplay }),
    setPanel: (panel) => set({ panel }),
    addNotice: (notice) =>
      set((s) => ({ notices: [...s.notices.filter((n) => n.id !== notice.id), notice] })),
    dismissNotice: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
    setSingleKeyShortcuts: (on) => set({ singleKeyShortcuts: on }),
    setBlackout: (on) => set({ blackout: on }),
    setHelpOpen: (open) => set({ helpOpen: open }),
    setExportOpen: (open) => set({ exportOpen: open }),
    setHandout: (on) => set({ handout: on }),
    setZoom: (zoom) => set({ zoom }),
    setRulesNetns: (rulesNetns) => set({ rulesNetns }),
    setCluster: (cluster) => set({ cluster }),
    setCompare: (compare) => set({ compare }),
    setPredict: (predict) => set({ predict }),
    reset: () =>
      set({
        ...settingsOf(DEFAULT_URL_STATE),
        embed: get().embed,
        present: get().present,
        notices: [],
        panel: 'rules',
        exportOpen: false,
        handout: false,
        cluster: undefined,
      }),
  }));
}

/** What the address carries: the settings it names, and the hop (the machine's). */
export function urlStateOf(s: SettingsState, hop: number | undefined): UrlState {
  return pickUrlState({ ...s, hop });
}
