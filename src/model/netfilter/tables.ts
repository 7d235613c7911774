/**
 * Builds a namespace's netfilter tables by applying commands in the order the installing tools
 * run them, so `-I` (insert at the top) and `-A` (append) land where they do on a real node:
 * istio-cni inserts its jumps above kube-proxy's.
 */
import type { Provenance } from '../provenance';
import { parseCommand } from './parse';
import {
  BUILTIN_CHAINS,
  type Rule,
  type RuleIntent,
  type RuleOwner,
  type Table,
  type TableName,
  type Tables,
} from './types';

export interface IptablesCommand {
  readonly table: TableName;
  /** As passed to iptables, without `iptables -t <table>`. */
  readonly text: string;
  readonly owner: RuleOwner;
  readonly prov: Provenance;
  readonly why: string;
  readonly meantFor?: RuleIntent;
}

interface MutableChain {
  name: string;
  builtin: boolean;
  rules: Rule[];
}

/** Empty tables with only the built-in chains. */
export function emptyTables(): Tables {
  return buildTables([]);
}

/** Applies the commands in order; throws on a jump to, or a rule in, an unknown chain. */
export function buildTables(commands: readonly IptablesCommand[]): Tables {
  const chains = new Map<TableName, MutableChain[]>();
  for (const table of Object.keys(BUILTIN_CHAINS) as TableName[]) {
    chains.set(
      table,
      BUILTIN_CHAINS[table].map((name) => ({ name, builtin: true, rules: [] })),
    );
  }
  let seq = 0;
  const loaded = new Set<TableName>();
  for (const cmd of commands) {
    const parsed = parseCommand(cmd.text);
    const list = chains.get(cmd.table) as MutableChain[];
    loaded.add(cmd.table);
    const find = (name: string): MutableChain => {
      const c = list.find((x) => x.name === name);
      if (!c) throw new Error(`${cmd.table}: no chain ${name} (in "${cmd.text}")`);
      return c;
    };
    if (parsed.op === 'new-chain') {
      if (list.some((c) => c.name === parsed.chain))
        throw new Error(`chain exists: ${parsed.chain}`);
      list.push({ name: parsed.chain, builtin: false, rules: [] });
      continue;
    }
    const chain = find(parsed.chain);
    if (parsed.op === 'flush') {
      chain.rules = [];
      continue;
    }
    if (parsed.target?.kind === 'jump') find(parsed.target.chain);
    const rule: Rule = {
      id: `${cmd.table}/${seq++}`,
      table: cmd.table,
      chain: parsed.chain,
      matches: parsed.matches,
      target: parsed.target as Rule['target'],
      written: cmd.text,
      owner: cmd.owner,
      prov: cmd.prov,
      why: cmd.why,
      ...(cmd.meantFor ? { meantFor: cmd.meantFor } : {}),
    };
    if (parsed.op === 'append') {
      chain.rules.push(rule);
    } else {
      chain.rules.splice((parsed.position ?? 1) - 1, 0, rule);
    }
  }
  const out = {} as Record<TableName, Table>;
  for (const [name, list] of chains) out[name] = { name, chains: list, loaded: loaded.has(name) };
  return out;
}

/** Every rule of the namespace, in table and chain order. */
export function allRules(tables: Tables): Rule[] {
  return Object.values(tables).flatMap((t) => t.chains.flatMap((c) => c.rules));
}

export function findRule(tables: Tables, id: string): Rule | undefined {
  return allRules(tables).find((r) => r.id === id);
}
