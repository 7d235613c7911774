/**
 * Every user command, registered once: the toolbar, the keys, embed messages, the speaker-notes
 * window, the error boundary's reset and the tests all perform these objects, so no two entry
 * points can do a thing differently. A command also says whether it can act now and whether it
 * is on (Previous is disabled at the first hop; Play is pressed while playing): buttons draw
 * that, they do not work it out.
 *
 * The layer between the owners and the entry points: it imports the machine (the hop's owner)
 * and the store (the settings' owner), never the view or the embed bridge, so both can use it.
 */
import type { PacketSession } from '../machine/packetSession';
import { walkKey } from '../model/portable';
import { previousPosition, summarize } from '../machine/steps';
import { firewallFits, releaseFits } from '../model/releases/ids';
import {
  DEFAULT_SCENARIO,
  defaultIstio,
  normalizeScenario,
  scenarioKey,
  withKnob,
  type Scenario,
  type ScenarioKnob,
} from '../model/scenario';
import type { SettingsStore } from '../store/settings';
import { AVAILABLE_REDIRECTS, SPEEDS, type Detail, type Theme } from '../store/urlState';

export interface CommandContext {
  /** The hop's owner. */
  readonly session: PacketSession;
  /** The settings' owner. */
  readonly store: SettingsStore;
  /** The element full screen applies to. */
  readonly fullscreenTarget?: () => Element | null;
}

/** What a control shows of a command. */
export interface CommandState {
  readonly label: string;
  readonly enabled: boolean;
  /** A toggle that is on (Play while playing, the black screen while blank). */
  readonly pressed?: boolean;
  /** A choice that is the current one (a radio, an option). */
  readonly checked?: boolean;
}

/** A knob and one of its own values. */
export type KnobChoice = {
  [K in ScenarioKnob]: { readonly knob: K; readonly value: Scenario[K] };
}[ScenarioKnob];

/** Each command's name and its arguments (void: none). */
export interface CommandArgs {
  next: void;
  prev: void;
  first: void;
  last: void;
  toggle: void;
  play: void;
  pause: void;
  /** A hop, 0-based; past the end goes to the last hop. */
  goto: { readonly index: number };
  /**
   * Some knobs and a hop (0-based), together: the hop is the new walk's. And the theme, so a
   * host page's theme toggle reaches an embedded widget.
   */
  set: { readonly scenario?: Partial<Scenario>; readonly hop?: number; readonly theme?: Theme };
  setKnob: KnobChoice;
  setDetail: { readonly detail: Detail };
  setSpeed: { readonly speed: number };
  slower: void;
  faster: void;
  setTheme: { readonly theme: Theme };
  singleKeys: void;
  blackout: void;
  fullscreen: void;
  help: void;
  /** Opens or closes the Export dialog (the current hop as SVG, PNG; the walk as WebM). */
  exportDialog: void;
  /** Every hop of the walk at the detail level, as a page to print. */
  printHandout: void;
  escape: void;
  /** Back to the default walk at its first hop (the error boundary's way out). */
  reset: void;
  /** Leaves a cluster of one's own (`cluster=`): back to the knobs' walk, at its opening. */
  closeCluster: void;
}

export type CommandName = keyof CommandArgs;
export type ArgsOf<N extends CommandName> = CommandArgs[N] extends void ? [] : [CommandArgs[N]];
/** A command with its arguments, as data (what an embed message or a key turns into). */
export type Invocation = { [N in CommandName]: { name: N; args: ArgsOf<N> } }[CommandName];

interface Command<A> {
  readonly label: string;
  perform(ctx: CommandContext, args: A): void;
  state?(ctx: CommandContext, args: A): Partial<CommandState>;
}

const index = ({ session }: CommandContext): number => session.snapshot()?.context.index ?? 0;
const lastIndex = ({ session }: CommandContext): number =>
  Math.max(0, (session.walk()?.hops.length ?? 1) - 1);
const playing = ({ session }: CommandContext): boolean => session.playing();
/** Whether Previous has a step to go to at the current detail level. */
const canGoBack = (ctx: CommandContext): boolean => {
  const walk = ctx.session.walk();
  if (!walk) return false;
  return previousPosition(summarize(walk), ctx.store.getState().detail, index(ctx)) !== undefined;
};

/**
 * The one way to a scenario and a hop. The same scenario as the walk shown moves the packet now;
 * another one is asked of the store, and the hop waits in the session for its walk to load.
 */
function requestWalk(ctx: CommandContext, scenario: Scenario, hop?: number | 'opening'): void {
  const { session, store } = ctx;
  const shown = session.walk();
  const cluster = store.getState().cluster;
  // While a cluster of one's own is walked the knobs do not apply to it: the walk asked for is
  // that cluster's, and only the hop moves. Otherwise the knobs' walk, told apart from a file's
  // walk that amounts to the same knobs.
  const same =
    shown !== undefined &&
    (shown.origin !== undefined && shown.origin === cluster
      ? true
      : walkKey(shown) === walkKey({ scenario }));
  if (same) {
    session.openNextWalkAt(undefined);
    if (hop === 'opening') session.send({ type: 'FIRST', detail: store.getState().detail });
    else if (hop !== undefined) gotoIndex(ctx, hop);
  } else if (hop !== undefined) session.openNextWalkAt(hop);
  if (scenarioKey(store.getState().scenario) !== scenarioKey(scenario))
    store.getState().setScenario(scenario);
}

/**
 * A scenario with some knobs changed, as an address would say it: a mode given without a
 * release is walked at its own default release, and a release the mode is not walked at
 * becomes the mode's.
 */
function patchScenario(current: Scenario, patch: Partial<Scenario>): Scenario {
  const istio = patch.istio ?? (patch.redirect ? defaultIstio(patch.redirect) : current.istio);
  return normalizeScenario({ ...current, ...patch, istio }).scenario;
}

/**
 * While the screen is black a move would happen unseen: Next, Previous, First, Last and Play
 * show the screen again instead, and the next press moves.
 * @returns whether it ended a blackout (the caller then does nothing else).
 */
function unblank({ store }: CommandContext): boolean {
  if (!store.getState().blackout) return false;
  store.getState().setBlackout(false);
  return true;
}

/** Whether a move may act now: it can, or the screen is black (the press then unblanks). */
const movable = (ctx: CommandContext, can: boolean): { enabled: boolean } => ({
  enabled: can || ctx.store.getState().blackout,
});

function gotoIndex(ctx: CommandContext, to: number): void {
  const i = Math.max(0, Math.min(lastIndex(ctx), Math.round(to)));
  if (Number.isFinite(i)) ctx.session.send({ type: 'SEEK', index: i });
}

const speedStep = (current: number, direction: 1 | -1): number | undefined =>
  direction > 0
    ? SPEEDS.find((s) => s > current + 1e-9)
    : [...SPEEDS].reverse().find((s) => s < current - 1e-9);

/** The next speed of the list up or down (a speed from the address may lie between two). */
function stepSpeed({ store }: CommandContext, direction: 1 | -1): void {
  const next = speedStep(store.getState().speed, direction);
  if (next !== undefined) store.getState().setSpeed(next);
}

function toggleFullscreen({ fullscreenTarget }: CommandContext): void {
  if (typeof document === 'undefined') return;
  if (document.fullscreenElement) void document.exitFullscreen?.().catch(() => undefined);
  else
    void (fullscreenTarget?.() ?? document.documentElement)
      .requestFullscreen?.()
      .catch(() => undefined);
}

export const COMMANDS: { readonly [N in CommandName]: Command<CommandArgs[N]> } = {
  next: {
    label: 'Next hop',
    perform: (ctx) =>
      unblank(ctx) || ctx.session.send({ type: 'NEXT', detail: ctx.store.getState().detail }),
    state: (ctx) => movable(ctx, index(ctx) < lastIndex(ctx)),
  },
  prev: {
    label: 'Previous hop',
    perform: (ctx) =>
      unblank(ctx) || ctx.session.send({ type: 'PREV', detail: ctx.store.getState().detail }),
    state: (ctx) => movable(ctx, canGoBack(ctx)),
  },
  first: {
    label: 'First hop',
    perform: (ctx) =>
      unblank(ctx) || ctx.session.send({ type: 'FIRST', detail: ctx.store.getState().detail }),
    state: (ctx) => movable(ctx, index(ctx) !== ctx.session.opening()),
  },
  last: {
    label: 'Last hop',
    perform: (ctx) => unblank(ctx) || ctx.session.send({ type: 'LAST' }),
    state: (ctx) => movable(ctx, index(ctx) < lastIndex(ctx)),
  },
  toggle: {
    label: 'Play / pause',
    perform: (ctx) =>
      unblank(ctx) || ctx.session.send({ type: 'TOGGLE', detail: ctx.store.getState().detail }),
    state: (ctx) => ({ pressed: playing(ctx), label: playing(ctx) ? 'Pause' : 'Play' }),
  },
  play: {
    label: 'Play',
    perform: ({ session, store }) =>
      session.send({ type: 'PLAY', detail: store.getState().detail }),
    state: (ctx) => ({ pressed: playing(ctx) }),
  },
  pause: {
    label: 'Pause',
    perform: ({ session }) => session.send({ type: 'PAUSE' }),
    state: (ctx) => ({ pressed: !playing(ctx) }),
  },
  goto: {
    label: 'Go to hop',
    perform: (ctx, { index: to }) => gotoIndex(ctx, to),
    state: (ctx, { index: to }) => ({ checked: index(ctx) === to }),
  },
  set: {
    label: 'Show a scenario',
    perform: (ctx, { scenario, hop, theme }) => {
      if (theme !== undefined) ctx.store.getState().setTheme(theme);
      // A theme alone leaves the walk and the hop as they are.
      if (scenario === undefined && hop === undefined && theme !== undefined) return;
      requestWalk(ctx, patchScenario(ctx.store.getState().scenario, scenario ?? {}), hop);
    },
  },
  setKnob: {
    label: 'Scenario knob',
    perform: (ctx, { knob, value }) =>
      requestWalk(ctx, withKnob(ctx.store.getState().scenario, knob, value)),
    state: ({ store }, { knob, value }) => ({
      // Modes the model cannot walk yet, and releases the mode is not walked at, are shown but
      // cannot be chosen.
      enabled:
        knob === 'redirect'
          ? AVAILABLE_REDIRECTS.includes(value as Scenario['redirect'])
          : knob === 'istio'
            ? releaseFits(store.getState().scenario.redirect, value as Scenario['istio'])
            : knob === 'firewall'
              ? firewallFits(
                  store.getState().scenario.redirect,
                  store.getState().scenario.istio,
                  value as Scenario['firewall'],
                )
              : true,
      checked: store.getState().scenario[knob] === value,
    }),
  },
  setDetail: {
    label: 'Detail level',
    perform: ({ store }, { detail }) => store.getState().setDetail(detail),
    state: ({ store }, { detail }) => ({ checked: store.getState().detail === detail }),
  },
  setSpeed: {
    label: 'Speed',
    perform: ({ store }, { speed }) => store.getState().setSpeed(speed),
    state: ({ store }, { speed }) => ({ checked: store.getState().speed === speed }),
  },
  slower: {
    label: 'Slower',
    perform: (ctx) => stepSpeed(ctx, -1),
    state: ({ store }) => ({ enabled: speedStep(store.getState().speed, -1) !== undefined }),
  },
  faster: {
    label: 'Faster',
    perform: (ctx) => stepSpeed(ctx, 1),
    state: ({ store }) => ({ enabled: speedStep(store.getState().speed, 1) !== undefined }),
  },
  setTheme: {
    label: 'Theme',
    perform: ({ store }, { theme }) => store.getState().setTheme(theme),
    state: ({ store }, { theme }) => ({ checked: store.getState().theme === theme }),
  },
  singleKeys: {
    label: 'Single-key shortcuts',
    perform: ({ store }) =>
      store.getState().setSingleKeyShortcuts(!store.getState().singleKeyShortcuts),
    state: ({ store }) => ({ checked: store.getState().singleKeyShortcuts }),
  },
  blackout: {
    label: 'Black screen (presenter)',
    perform: ({ store }) => store.getState().setBlackout(!store.getState().blackout),
    state: ({ store }) => ({ pressed: store.getState().blackout }),
  },
  fullscreen: {
    label: 'Full screen',
    perform: toggleFullscreen,
  },
  help: {
    label: 'Keyboard help',
    perform: ({ store }) => store.getState().setHelpOpen(!store.getState().helpOpen),
    state: ({ store }) => ({ pressed: store.getState().helpOpen }),
  },
  exportDialog: {
    label: 'Export',
    perform: ({ store }) => store.getState().setExportOpen(!store.getState().exportOpen),
    state: ({ store }) => ({ pressed: store.getState().exportOpen }),
  },
  printHandout: {
    label: 'Print handout',
    // The view renders the handout (loaded on demand) and then asks the browser to print.
    perform: ({ store }) => store.getState().setHandout(true),
    state: ({ session }) => ({ enabled: session.walk() !== undefined }),
  },
  escape: {
    label: 'Close',
    perform: ({ store }) => {
      const s = store.getState();
      if (s.blackout) s.setBlackout(false);
      else if (s.helpOpen) s.setHelpOpen(false);
      else if (s.exportOpen) s.setExportOpen(false);
    },
  },
  reset: {
    label: 'Reset view',
    perform: (ctx) => {
      ctx.session.send({ type: 'PAUSE' });
      ctx.store.getState().reset();
      requestWalk(ctx, DEFAULT_SCENARIO, 'opening');
    },
  },
  closeCluster: {
    label: 'Close cluster',
    perform: ({ session, store }) => {
      if (store.getState().cluster === undefined) return;
      // The knobs' walk opens at its opening (when the cluster's own walk was shown: a cluster
      // that could not be walked left the knobs' walk in place, and the packet where it is).
      if (session.walk()?.origin !== undefined) session.openNextWalkAt('opening');
      store.getState().setCluster(undefined);
    },
    state: ({ store }) => ({ enabled: store.getState().cluster !== undefined }),
  },
};

/** What a command shows now: its label, whether it can act, whether it is on. */
export function commandState<N extends CommandName>(
  ctx: CommandContext,
  name: N,
  ...args: ArgsOf<N>
): CommandState {
  const c: Command<CommandArgs[N]> = COMMANDS[name];
  return { label: c.label, enabled: true, ...c.state?.(ctx, args[0] as CommandArgs[N]) };
}

/** Performs a command, unless it cannot act now (a disabled command does nothing, from anywhere). */
export function perform<N extends CommandName>(
  ctx: CommandContext,
  name: N,
  ...args: ArgsOf<N>
): void {
  if (!commandState(ctx, name, ...args).enabled) return;
  const c: Command<CommandArgs[N]> = COMMANDS[name];
  c.perform(ctx, args[0] as CommandArgs[N]);
}

/** Performs a command given as data. */
export function run(ctx: CommandContext, invocation: Invocation): void {
  (perform as (ctx: CommandContext, name: CommandName, ...args: unknown[]) => void)(
    ctx,
    invocation.name,
    ...invocation.args,
  );
}
