import type { Hop, PortableWalk as Walk } from '../../model';
import { HopList } from '../panels/HopList';
import { ReferenceTabs } from '../panels/ReferenceTabs';

/** Below the fold: every hop as a list (the diagram's text alternative) and the reference tabs. */
export default function Below({
  walk,
  index,
  hop,
  onSelect,
}: {
  walk: Walk;
  index: number;
  hop: Hop | undefined;
  onSelect: (index: number) => void;
}) {
  return (
    <div className="below">
      <HopList walk={walk} current={index} onSelect={onSelect} />
      <ReferenceTabs walk={walk} hop={hop} />
    </div>
  );
}
