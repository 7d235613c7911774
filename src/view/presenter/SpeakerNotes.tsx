import { use, useState } from 'react';
import { GROUP_TITLES, type Scenario } from '../../model';
import type { PortableWalk } from '../../model';
import { walkResource } from '../../store/walkCache';
import { parseNotesMessage } from './notesMessage';
import { useNotesChannel } from './useNotesChannel';
// The notes show a hop's caveat and rule as Hop details does.
import '../panels/hop-details.css';
import './speaker-notes.css';

/**
 * The speaker's second window: the current hop's notes and what comes next, following the
 * presenter window over a BroadcastChannel.
 */
export function SpeakerNotes({ initial }: { initial: { scenario: Scenario; index: number } }) {
  const [state, setState] = useState(initial);
  const channel = useNotesChannel(
    parseNotesMessage,
    (m) => {
      if (m.type === 'state') setState({ scenario: m.scenario, index: m.index });
    },
    { hello: true },
  );
  const walk = use(walkResource(state.scenario) as Promise<PortableWalk>);
  const index = Math.min(state.index, walk.hops.length - 1);
  const hop = walk.hops[index];
  const next = walk.hops[index + 1];
  const send = (command: 'next' | 'prev'): void =>
    channel.current?.postMessage({ type: 'command', command });
  return (
    <main className="speaker-notes" aria-labelledby="notes-title">
      <p className="notes-kicker">
        Speaker notes · {walk.mode.label} · {walk.mode.istioVersions} · hop{' '}
        <span data-testid="notes-hop">{index + 1}</span> of {walk.hops.length}
        {hop ? ` · ${GROUP_TITLES[hop.group]}` : ''}
      </p>
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
      <p>{next ? next.title : `End: ${walk.outcome.title}. ${walk.outcome.summary}`}</p>
      <div className="notes-buttons">
        <button type="button" className="btn" onClick={() => send('prev')}>
          Previous hop
        </button>
        <button type="button" className="btn primary" onClick={() => send('next')}>
          Next hop
        </button>
      </div>
    </main>
  );
}
