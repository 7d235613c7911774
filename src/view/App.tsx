import { lazy, Suspense } from 'react';
import { crashProbe } from './crashProbe';
import { useHop, usePacketSession } from './machine/packetHooks';
import { PacketProvider } from './machine/PacketProvider';
import { loadLayoutCode } from './diagram/layoutCache';
import { useSettings } from './StoreContext';
import { FullView } from './views/FullView';
import './loading.css';

// The embed and presenter views are separate chunks: a docs page or a stage needs one of them,
// and the full page needs neither.
const EmbedView = lazy(() => import('./views/EmbedView').then((m) => ({ default: m.EmbedView })));
const PresenterView = lazy(() =>
  import('./views/PresenterView').then((m) => ({ default: m.PresenterView })),
);

/** Shown while the simulator loads for a scenario that did not ship with the page. */
export function Loading() {
  return (
    <div className="loading" role="status">
      Computing the walk…
    </div>
  );
}

/** The full page, the embed widget or the presenter view, as the URL says. */
export function App() {
  return (
    <Suspense fallback={<Loading />}>
      <PacketProvider>
        <View />
      </PacketProvider>
    </Suspense>
  );
}

function View() {
  const embed = useSettings((s) => s.embed);
  const present = useSettings((s) => s.present);
  crashProbe(useHop(), usePacketSession().opening());
  // The presenter and the embed draw the room label set, which the layout code lays out:
  // fetch it beside their own code rather than after it.
  if (embed || present) void loadLayoutCode();
  return embed ? <EmbedView /> : present ? <PresenterView /> : <FullView />;
}
