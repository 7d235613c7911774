import { useCallback } from 'react';
import { ScenarioToggles } from './controls/ScenarioToggles';
import { useWalk } from './hooks/useWalk';
import { Notices } from './Notices';
import { HopDetails } from './panels/HopDetails';
import { HopList } from './panels/HopList';
import { useSettings } from './StoreContext';
import { WalkSummary } from './WalkSummary';

export function App() {
  const walk = useWalk();
  const hopIndex = useSettings((s) => s.hop);
  const setHop = useSettings((s) => s.setHop);
  const setPanel = useSettings((s) => s.setPanel);
  const current = Math.min(hopIndex, walk.hops.length - 1);
  const hop = walk.hops[current];
  const showRules = useCallback(() => setPanel('rules'), [setPanel]);
  return (
    <div className="app">
      <header className="app-header">
        <h1>
          Ambient Packet Walk{' '}
          <span className="subtitle">sleep → httpbin through Istio's ambient data plane</span>
        </h1>
      </header>
      <Notices />
      <main id="main">
        <ScenarioToggles />
        <WalkSummary walk={walk} />
        <div className="text-view">
          <HopList walk={walk} current={current} onSelect={setHop} />
          {hop && <HopDetails walk={walk} hop={hop} onShowRules={showRules} />}
        </div>
      </main>
    </div>
  );
}
