import { PacketProvider } from './machine/PacketProvider';
import { useSettings } from './StoreContext';
import { EmbedView } from './views/EmbedView';
import { FullView } from './views/FullView';
import { PresenterView } from './views/PresenterView';

/** The full page, the embed widget or the presenter view, as the URL says. */
export function App() {
  const embed = useSettings((s) => s.embed);
  const present = useSettings((s) => s.present);
  return (
    <PacketProvider>
      {embed ? <EmbedView /> : present ? <PresenterView /> : <FullView />}
    </PacketProvider>
  );
}
