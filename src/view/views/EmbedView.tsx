import { useEffect, useRef, useState } from 'react';
import { startEmbedBridge, type Bridge } from '../../embed/bridge';
import { urlFor } from '../../store/urlSync';
import { Announcer } from '../Announcer';
import { pagingDirection } from '../../embed/paging';
import { handleKey, ownsKeys } from '../actions';
import { PlaybackBar } from '../controls/PlaybackBar';
import { OnStage } from './OnStage';
import { useRuntime } from '../hooks/useRuntime';
import { Notices } from '../Notices';
import { HopDetails } from '../panels/HopDetails';
import { useSettings, useSettingsStore } from '../StoreContext';
import './embed-view.css';

/**
 * For an iframe in someone else's page: the diagram and the essential controls, no page
 * chrome. Keys act only while the widget has focus; keys it does not use go to the parent, and
 * so do paging keys at the first and last hop, so a slide deck around it keeps working.
 */
export function EmbedView() {
  const { walk, index, playing, speed, reduceMotion, ctx } = useRuntime();
  const store = useSettingsStore();
  const parentOrigin = useSettings((s) => s.parentOrigin);
  const cluster = useSettings((s) => s.cluster);
  // A cluster that is not walked hop by hop is shown at ztunnel's level, without the controls.
  const routeOnly = cluster !== undefined && walk.origin !== cluster;
  const rootRef = useRef<HTMLDivElement>(null);
  const bridge = useRef<Bridge | undefined>(undefined);

  useEffect(() => {
    const root = rootRef.current;
    if (!root || window.parent === window) return;
    const b = startEmbedBridge({
      win: window,
      ...(parentOrigin ? { parentOrigin } : {}),
      ctx,
      root,
    });
    bridge.current = b;
    return () => {
      b.stop();
      bridge.current = undefined;
    };
  }, [ctx, parentOrigin]);

  useEffect(() => {
    // On the widget's own document, not its root: a Next button that becomes disabled at the
    // last hop drops focus to the body, and the clicker must still reach the walk.
    const onKey = (e: KeyboardEvent): void => {
      // A paging key at the first or last hop belongs to the page around the widget (a deck
      // turns the slide); elsewhere it steps the walk, as its binding says. The hop slider at
      // its end has no use for the key either (a clicker after a drag of the slider).
      const direction = pagingDirection(e);
      const slider = e.target instanceof HTMLInputElement && e.target.type === 'range';
      if (
        direction &&
        !e.defaultPrevented &&
        (slider || !ownsKeys(e.target, e)) &&
        bridge.current?.pageAtEnd(direction)
      ) {
        e.preventDefault();
        return;
      }
      const done = handleKey(e, ctx, {
        presenter: false,
        singleKeyShortcuts: store.getState().singleKeyShortcuts,
      });
      if (!done && !e.defaultPrevented) {
        bridge.current?.post({
          type: 'ambient-walk:key',
          key: e.key,
          code: e.code,
          altKey: e.altKey,
          ctrlKey: e.ctrlKey,
          metaKey: e.metaKey,
          shiftKey: e.shiftKey,
        });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [ctx, store]);

  const [details, setDetails] = useState(false);
  const detailsBox = useRef<HTMLDivElement>(null);
  const hop = walk.hops[index];
  // Each hop's details start at their top.
  useEffect(() => {
    detailsBox.current?.scrollTo?.({ top: 0 });
  }, [index]);
  const fullUrl = (): string =>
    urlFor(store, ctx.session, { embed: false, parentOrigin: undefined });
  return (
    <div
      className="embed"
      ref={rootRef}
      tabIndex={-1}
      onMouseDown={(e) => {
        // Clicking the diagram gives the widget focus, so its keys work.
        if (
          e.target instanceof Element &&
          !e.target.closest('button, a, input, select, summary, label')
        )
          rootRef.current?.focus();
      }}
    >
      <Notices />
      <OnStage walk={walk} index={index} reduceMotion={reduceMotion} speed={speed} labels="room" />
      {!routeOnly && <PlaybackBar walk={walk} ctx={ctx} compact />}
      <div className="embed-foot">
        <details
          open={details}
          onToggle={(e) => setDetails(e.currentTarget.open)}
          hidden={routeOnly}
        >
          <summary>Hop details</summary>
          {hop && (
            // A box of steady height that scrolls: a hop's details run from a few lines to
            // a screenful, and the iframe around the widget must not grow and shrink with
            // every step (the host page's text would jump under the reader).
            <div
              className="embed-details-box"
              ref={detailsBox}
              tabIndex={0}
              role="group"
              aria-labelledby="hop-details-heading"
            >
              <HopDetails walk={walk} hop={hop} headingLevel={3} />
            </div>
          )}
        </details>
        <a className="open-full" href={fullUrl()} target="_blank" rel="noopener noreferrer">
          Open full view
        </a>
      </div>
      <Announcer walk={walk} index={index} playing={playing} />
    </div>
  );
}
