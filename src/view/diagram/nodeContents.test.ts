/**
 * The netfilter chip names the engine whose rules acted in the namespace: in-pod walks with
 * istio-cni's native nftables rules (1.28+) say "nftables", never "iptables".
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO, portableWalk, walkScenario, type Scenario } from '../../model';
import { nodePlans } from './nodeContents';

const inpod = (firewall: Scenario['firewall']): Scenario => ({
  ...DEFAULT_SCENARIO,
  redirect: 'inpod',
  istio: '1.30',
  firewall,
});

function sleepPlan(s: Scenario) {
  const w = portableWalk(walkScenario(s));
  const pod = nodePlans(w.cluster, w.hops)
    .flatMap((n) => n.above)
    .find((p) => p.pod.role === 'sleep');
  return pod!;
}

describe('the netfilter chip', () => {
  it('says nftables in a pod whose nftables rules acted', () => {
    const plan = sleepPlan(inpod('nftables'));
    expect(plan.rules).toContain('iptables');
    expect(plan.netfilterWords).toEqual(['nftables']);
  });

  it('keeps iptables where iptables rules acted (control)', () => {
    expect(sleepPlan(inpod('iptables')).netfilterWords).toBeUndefined();
  });
});
