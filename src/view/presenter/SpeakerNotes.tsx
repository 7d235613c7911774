import { use, useEffect, useRef, useState } from 'react';
import { nextPosition, summarize, type Detail } from '../../machine/steps';
import { GROUP_TITLES, type Scenario } from '../../model';
import type { PortableWalk } from '../../model';
import { walkResource } from '../../store/walkCache';
import { useOpenCluster } from '../hooks/useWalk';
import { KEY_BINDINGS, ownsKeys } from '../actions';
import { NOTES_COMMANDS, type NotesCommand } from './channel';
import { parseNotesMessage } from './notesMessage';
import { useNotesChannel } from './useNotesChannel';
// The notes show a hop's caveat and rule as Hop details does.
import '../panels/hop-details.css';
import './speaker-notes.css';

export interface NotesState {
  readonly scenario: Scenario;
  /** A cluster of one's own the presenter window walks (`cluster=`). */
  readonly cluster?: string | undefined;
  readonly index: number;
  readonly detail: Detail;
  readonly blackout: boolean;
}

/** The command a key asks of the main window, by the main window's own bindings. */
function keyCommand(e: KeyboardEvent): NotesCommand | undefined {
  if (e.defaultPrevented || ownsKeys(e.target, e)) return undefined;
  const command = KEY_BINDINGS.find((b) => b.keyTest(e))?.command;
  return NOTES_COMMANDS.find((c) => c === command);
}

/**
 * The speaker's second window: the current hop's notes and what the next press shows,
 * following the presenter window over a BroadcastChannel. Its buttons and a clicker pressed
 * while it has focus drive the main window.
 */
export function SpeakerNotes({ initial }: { initial: NotesState }) {
  const [state, setState] = useState(initial);
  const channel = useNotesChannel(
    parseNotesMessage,
    (m) => {
      if (m.type === 'state') setState(m);
    },
    { hello: true },
  );
  const send = useRef((command: NotesCommand): void =>
    channel.current?.postMessage({ type: 'command', command }),
  );
  useEffect(() => {
    const on = (e: KeyboardEvent): void => {
      const command = keyCommand(e);
      if (!command) return;
      e.preventDefault();
      send.current(command);
    };
    window.addEventListener('keydown', on);
    return () => window.removeEventListener('keydown', on);
  }, []);
  const knobs = use(walkResource(state.scenario) as Promise<PortableWalk>);
  const own = useOpenCluster(state.cluster)?.walk;
  const walk = own ?? knobs;
  const index = Math.min(state.index, walk.hops.length - 1);
  const hop = walk.hops[index];
  // What the next press shows: the screen again while it is black, else the next position at
  // the main window's detail level (a whole step at overview).
  const to = state.blackout ? index : nextPosition(summarize(walk), state.detail, index);
  const next = to === undefined ? undefined : walk.hops[to];
  return (
    <main className="speaker-notes" aria-labelledby="notes-title">
      <p className="notes-kicker">
        Speaker notes · {walk.mode.label} · {walk.mode.istioVersions} · hop{' '}
        <span data-testid="notes-hop">{index + 1}</span> of {walk.hops.length}
        {hop ? ` · ${GROUP_TITLES[hop.group]}` : ''}
      </p>
      {state.blackout && (
        <p className="notes-blackout" role="status">
          The screen is black. The next press shows it again without moving.
        </p>
      )}
      <h1 id="notes-title">{hop?.title}</h1>
      <p className="notes-narration">{hop?.narration}</p>
      <h2>Why</h2>
      <p>{hop?.why}</p>
      {hop && (
        <>
          <h2>What acted</h2>
          <pre className="rule-text">{hop.actor.text}</pre>
        </>
      )}
      {hop?.uncertain && <p className="hop-uncertain">{hop.uncertain}</p>}
      <h2>Next</h2>
      <p data-testid="notes-next">
        {state.blackout
          ? `The screen again, at hop ${index + 1}: ${hop?.title ?? ''}`
          : next && to !== undefined
            ? `Hop ${to + 1}: ${next.title}`
            : `End: ${walk.outcome.title}. ${walk.outcome.summary}`}
      </p>
      <div className="notes-buttons">
        <button type="button" className="btn" onClick={() => send.current('prev')}>
          Previous hop
        </button>
        <button type="button" className="btn primary" onClick={() => send.current('next')}>
          Next hop
        </button>
        <button
          type="button"
          className="btn"
          aria-pressed={state.blackout}
          onClick={() => send.current('blackout')}
        >
          Black screen
        </button>
      </div>
      <p className="notes-keys">
        Keys here drive the main window: → PageDown N next, ← PageUp P previous, Home, End, B or .
        black screen.
      </p>
    </main>
  );
}
