/** Words the page shows for the model's categories; light, so the first paint can use them. */
import type { OverviewGroup } from './hop';

export type OutcomeKind = 'delivered' | 'denied-l4' | 'denied-l7' | 'not-captured' | 'failed';

export const OUTCOME_TITLES: Readonly<Record<OutcomeKind, string>> = {
  delivered: 'Delivered',
  'denied-l4': 'Denied at L4',
  'denied-l7': 'Denied at L7',
  'not-captured': 'Not captured',
  failed: 'Failed',
};

/** The article's wording for each overview step, adapted to both redirection modes. */
export const GROUP_TITLES: Readonly<Record<OverviewGroup, string>> = {
  dns: 'DNS lookup',
  request: 'sleep sends the request',
  capture: 'captured on the node',
  routed: 'the node routes it as usual (not captured)',
  'to-ztunnel': 'steered to the local ztunnel',
  'ztunnel-listener': "ztunnel's outbound port 15001 takes it",
  'hbone-out': 'ztunnel sends it on over HBONE',
  'fast-path': 'ztunnel hands it to its own inbound side (no HBONE)',
  'tcp-out': 'ztunnel sends it on as plain TCP',
  waypoint: 'the waypoint proxy',
  'inbound-route': 'captured on the destination node',
  'inbound-tunnel': 'into the destination ztunnel',
  'inbound-listener': "ztunnel's inbound port takes it",
  deliver: 'ztunnel delivers it to the destination pod',
  response: 'the answer goes back',
};
