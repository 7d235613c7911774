/**
 * What acted at a hop, as data: the rule, route, program, device, socket or proxy decision, by
 * reference (rule and route ids, interface names, listener ports) and by value where the value
 * was computed on the way (a program's branch, a policy's verdict). The view, the machine and
 * the tests decide from these; the narrators (`narrate/`) turn them into title, narration and
 * why. Nothing here is English meant for a reader, except trace lines a component itself logs.
 */
export type * from './common';
export type * from './kernel';
export type * from './process';
export type { NftFact } from '../nftables/fact';
import type { NftFact } from '../nftables/fact';
import type {
  NetfilterFact,
  RouteFact,
  ConntrackFact,
  TcFact,
  GeneveFact,
  VethFact,
  WireFact,
  NoSocketFact,
} from './kernel';
import type {
  AcceptFact,
  AppFact,
  DnsFact,
  AssumptionFact,
  ZtunnelFact,
  PolicyFact,
  WaypointFact,
  ProxyReplyFact,
} from './process';

export type HopFact =
  | NetfilterFact
  | NftFact
  | RouteFact
  | ConntrackFact
  | TcFact
  | GeneveFact
  | VethFact
  | NoSocketFact
  | WireFact
  | AcceptFact
  | AppFact
  | DnsFact
  | AssumptionFact
  | ZtunnelFact
  | PolicyFact
  | WaypointFact
  | ProxyReplyFact;

export type FactKind = HopFact['kind'];
