import { memo, useMemo, useRef } from 'react';
import { useContainerScroll } from '../hooks/useContainerScroll';
import { netnsListings, type Hop, type PortableWalk as Walk } from '../../model';
import { useFullCluster } from './useFullCluster';
import { useSettings } from '../StoreContext';
import { CopyButton } from './CopyButton';
import './listing.css';
import './rules-panel.css';

export interface RulesPanelProps {
  readonly walk: Walk;
  readonly hop: Hop | undefined;
}

/**
 * The full rule text of a network namespace (by default the one the packet is in):
 * iptables-save, ip rule, ip route show table N, ipsets, TC programs and eBPF maps, listeners.
 * The line that acted at the current hop is marked and scrolled into view.
 */
export default function RulesPanel({ walk, hop }: RulesPanelProps) {
  const chosen = useSettings((s) => s.rulesNetns);
  const setRulesNetns = useSettings((s) => s.setRulesNetns);
  const hopNs = hop && hop.where.netns !== 'wire' ? hop.where.netns : undefined;
  const netns =
    chosen && walk.cluster.netns[chosen]
      ? chosen
      : (hopNs ?? Object.keys(walk.cluster.netns)[0] ?? '');
  const cluster = useFullCluster(walk);
  const sections = useMemo(() => netnsListings(cluster, netns), [cluster, netns]);
  const acting = useMemo(
    () =>
      new Set(
        (hop?.actor.refs ?? [])
          .filter((r) => r.netns === netns)
          .map((r) => `${r.section}|${r.lineId}`),
      ),
    [hop, netns],
  );
  const scroller = useRef<HTMLDivElement>(null);
  useContainerScroll(scroller, '.acting', [acting, netns, sections]);
  const options = Object.values(walk.cluster.netns);
  return (
    <div className="rules-panel">
      <div className="rules-toolbar">
        <label>
          <span>Namespace</span>
          <select
            value={netns}
            onChange={(e) =>
              setRulesNetns(e.currentTarget.value === hopNs ? null : e.currentTarget.value)
            }
          >
            {options.map((n) => (
              <option key={n.id} value={n.id}>
                {n.node} · {n.kind === 'node' ? 'host' : n.label}
              </option>
            ))}
          </select>
        </label>
        {chosen && (
          <button type="button" className="btn btn-small" onClick={() => setRulesNetns(null)}>
            Follow the packet
          </button>
        )}
        {acting.size === 0 && (
          <span className="muted">No rule in this namespace acted at this hop.</span>
        )}
      </div>
      <div className="rules-scroll" ref={scroller} tabIndex={0} aria-label={`Rules of ${netns}`}>
        {sections.map((s) => (
          <Listing
            key={s.title}
            section={s}
            hits={s.lines
              .filter((l) => l.id !== undefined && acting.has(`${s.section}|${l.id}`))
              .map((l) => l.id)
              .join(' ')}
          />
        ))}
      </div>
    </div>
  );
}

type Section = ReturnType<typeof netnsListings>[number];

/**
 * One listing; memoised on which of its lines acted, so a hop that changes nothing in it
 * does not re-render its hundreds of lines.
 */
const Listing = memo(function Listing({ section: s, hits }: { section: Section; hits: string }) {
  const acted = new Set(hits.split(' '));
  return (
    <section className="listing">
      <h3>{s.title}</h3>
      <div className="listing-command">
        <code>{s.command}</code>
        <CopyButton text={s.command} label={`Copy the command for ${s.title}`} />
      </div>
      <pre>
        {s.lines.map((l, i) => {
          const hit = l.id !== undefined && acted.has(l.id);
          return (
            <span key={i} className={`line${hit ? ' acting' : ''}`} data-line-id={l.id}>
              {hit ? <mark>{l.text}</mark> : l.text}
              {hit && <span className="visually-hidden"> (acted at this hop)</span>}
              {'\n'}
            </span>
          );
        })}
      </pre>
    </section>
  );
});
