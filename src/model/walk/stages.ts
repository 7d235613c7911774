/**
 * Which data-plane stage and which of the article's nine overview steps a hop belongs to.
 * Derived from the leg the packet is on and where the hop happened, never listed per scenario.
 */
import type { HopRecord, OverviewGroup, Stage } from '../hop';

export type LegKind =
  'dns' | 'app-request' | 'hbone' | 'hairpin' | 'waypoint-out' | 'to-app' | 'response';

export interface LegStages {
  readonly sender: Stage;
  readonly beforeWire: Stage;
  readonly afterWire: Stage;
  readonly receiver: Stage;
  /** On a single node with no wire: do the node's hops belong to the receiving side? */
  readonly sameNodeIsReceiverSide: boolean;
}

export type ReceiverKind =
  'ztunnel-outbound' | 'ztunnel-inbound' | 'waypoint' | 'app' | 'client' | 'other';

/** The stages of a leg's hops, given what sent it and what received it. */
export function legStages(kind: LegKind, receiver: ReceiverKind): LegStages {
  switch (kind) {
    case 'dns':
      return {
        sender: 'dns',
        beforeWire: 'dns',
        afterWire: 'dns',
        receiver: 'dns',
        sameNodeIsReceiverSide: false,
      };
    case 'response':
      return {
        sender: 'response',
        beforeWire: 'response',
        afterWire: 'response',
        receiver: 'response',
        sameNodeIsReceiverSide: false,
      };
    case 'app-request':
      return {
        sender: 'source-pod',
        beforeWire: 'source-node',
        afterWire: 'destination-node',
        receiver:
          receiver === 'ztunnel-outbound'
            ? 'ztunnel-outbound'
            : receiver === 'ztunnel-inbound'
              ? 'ztunnel-inbound'
              : 'destination-pod',
        sameNodeIsReceiverSide: false,
      };
    case 'hbone':
    case 'hairpin':
      return {
        sender: kind === 'hbone' ? 'ztunnel-outbound' : 'ztunnel-inbound',
        beforeWire: 'hbone-wire',
        afterWire: receiver === 'waypoint' ? 'hbone-wire' : 'destination-node',
        receiver: receiver === 'waypoint' ? 'waypoint' : 'ztunnel-inbound',
        sameNodeIsReceiverSide: receiver !== 'waypoint',
      };
    case 'waypoint-out':
      return {
        sender: 'waypoint',
        beforeWire: 'hbone-wire',
        afterWire: 'destination-node',
        receiver: 'ztunnel-inbound',
        sameNodeIsReceiverSide: true,
      };
    case 'to-app':
      return {
        sender: 'ztunnel-inbound',
        beforeWire: 'destination-pod',
        afterWire: 'destination-pod',
        receiver: 'destination-pod',
        sameNodeIsReceiverSide: false,
      };
  }
}

/** Assigns a stage to each of a leg's kernel hops by where it happened. */
export function stagesForLeg(
  hops: readonly HopRecord[],
  stages: LegStages,
  senderNetns: string,
  receiverNetns: string | undefined,
): Stage[] {
  const wire = hops.findIndex((h) => h.where.netns === 'wire');
  return hops.map((h, i) => {
    if (h.where.netns === senderNetns) return stages.sender;
    if (receiverNetns !== undefined && h.where.netns === receiverNetns) return stages.receiver;
    if (h.where.netns === 'wire') return stages.beforeWire;
    if (wire >= 0) return i < wire ? stages.beforeWire : stages.afterWire;
    return stages.sameNodeIsReceiverSide ? stages.afterWire : stages.beforeWire;
  });
}

/**
 * The overview group (the article's nine steps, plus DNS, the waypoint and the answer) of
 * each hop. Within a run of one stage, the hops before the proxy's decision (or before the
 * tunnel) are one step and the rest the next.
 */
export function overviewGroups(hops: ReadonlyArray<HopRecord & { stage: Stage }>): OverviewGroup[] {
  const out: OverviewGroup[] = [];
  let runStart = 0;
  for (let i = 0; i < hops.length; i++) {
    const h = hops[i] as HopRecord & { stage: Stage };
    if (i > 0 && (hops[i - 1] as { stage: Stage }).stage !== h.stage) runStart = i;
    const run = hops.slice(runStart, i + 1);
    const seen = (pred: (x: HopRecord) => boolean): boolean => run.some(pred);
    switch (h.stage) {
      case 'dns':
        out.push('dns');
        break;
      case 'response':
        out.push('response');
        break;
      case 'waypoint':
        out.push('waypoint');
        break;
      case 'source-pod':
        out.push('request');
        break;
      case 'source-node': {
        // Only a packet this leg hands to ztunnel's outbound listener was captured.
        const next = hops.slice(i).find((x) => x.stage !== 'source-node')?.stage;
        out.push(
          next !== 'ztunnel-outbound'
            ? 'routed'
            : seen((x) => x.fact.kind === 'route' || x.fact.kind === 'veth')
              ? 'to-ztunnel'
              : 'capture',
        );
        break;
      }
      case 'ztunnel-outbound': {
        const decision = run.find((x) => x.fact.kind === 'ztunnel' && x.fact.step === 'outbound');
        const plan =
          decision?.fact.kind === 'ztunnel' && decision.fact.step === 'outbound'
            ? decision.fact.plan.kind
            : undefined;
        out.push(
          !decision
            ? 'ztunnel-listener'
            : plan === 'direct-local'
              ? 'fast-path'
              : plan === 'plain-tcp' || plan === 'passthrough'
                ? 'tcp-out'
                : 'hbone-out',
        );
        break;
      }
      case 'hbone-wire':
        out.push('hbone-out');
        break;
      case 'destination-node':
        out.push(
          seen((x) => x.fact.kind === 'geneve' || x.fact.kind === 'veth')
            ? 'inbound-tunnel'
            : 'inbound-route',
        );
        break;
      case 'ztunnel-inbound':
        out.push(
          seen((x) => x.fact.kind === 'ztunnel' || x.fact.kind === 'policy')
            ? 'deliver'
            : 'inbound-listener',
        );
        break;
      case 'destination-pod':
        out.push('deliver');
        break;
    }
  }
  return out;
}

export { GROUP_TITLES } from '../labels';
