/**
 * A namespace's ruleset is built the way istio-cni builds it: by running knftables transactions
 * (`add table`, `flush table`, `add chain`, `add set`, `add element`, `add rule`) in order. The
 * same operations render as the transaction text the upstream goldens hold
 * (`knftables.Transaction.String()`), so the rules evaluated are the rules shown.
 */
import { ruleBodyText } from './syntax';
import type {
  NftBaseSpec,
  NftChain,
  NftFamily,
  NftPolicy,
  NftRule,
  NftRuleSpec,
  NftRuleset,
  NftSet,
  NftSetElement,
  NftSource,
  NftTable,
} from './types';

/** A base chain as written: knftables prints a policy only when one is given. */
export type NftBaseWritten = Omit<NftBaseSpec, 'policy'> & { readonly policy?: NftPolicy };

interface InTable {
  readonly family: NftFamily;
  readonly table: string;
}

/** One operation of a transaction, as knftables queues it. */
export type NftOp =
  | (InTable & { readonly op: 'add-table' })
  | (InTable & { readonly op: 'flush-table' })
  | (InTable & {
      readonly op: 'add-chain';
      readonly name: string;
      readonly base?: NftBaseWritten;
      readonly src: NftSource;
    })
  | (InTable & {
      readonly op: 'add-set';
      readonly name: string;
      readonly type: NftSet['type'];
      readonly comment?: string;
      readonly src: NftSource;
    })
  | (InTable & {
      readonly op: 'add-element';
      readonly set: string;
      readonly key: string;
      readonly comment?: string;
      readonly src: NftSource;
    })
  | { readonly op: 'add-rule'; readonly rule: NftRuleSpec };

/** Operations nft applies atomically: all of them, or (on an error) none. */
export interface NftTransaction {
  /** The function that builds and runs it. */
  readonly src: NftSource;
  readonly ops: readonly NftOp[];
}

/** One operation as a line of `knftables.Transaction.String()`. */
export function opText(o: NftOp): string {
  switch (o.op) {
    case 'add-table':
      return `add table ${o.family} ${o.table}`;
    case 'flush-table':
      return `flush table ${o.family} ${o.table}`;
    case 'add-chain': {
      const head = `add chain ${o.family} ${o.table} ${o.name}`;
      if (!o.base) return head;
      const policy = o.base.policy ? ` policy ${o.base.policy} ;` : '';
      // knftables writes the priority as a number so that older nft accept it at any hook.
      return `${head} { type ${o.base.type} hook ${o.base.hook} priority ${o.base.priority} ;${policy} }`;
    }
    case 'add-set': {
      const comment = o.comment === undefined ? '' : ` comment "${o.comment}" ;`;
      return `add set ${o.family} ${o.table} ${o.name} { type ${o.type} ;${comment} }`;
    }
    case 'add-element': {
      const comment = o.comment === undefined ? '' : ` comment "${o.comment}"`;
      return `add element ${o.family} ${o.table} ${o.set} { ${o.key}${comment} }`;
    }
    case 'add-rule':
      return `add rule ${o.rule.family} ${o.rule.table} ${o.rule.chain} ${ruleBodyText(o.rule, 'written')}`;
  }
}

/** The transaction as `knftables.Transaction.String()` prints it, one operation a line. */
export function transactionText(tx: NftTransaction): string[] {
  return tx.ops.map(opText);
}

interface MutableChain {
  name: string;
  base?: NftBaseSpec;
  rules: NftRule[];
  src: NftSource;
}
interface MutableSet {
  name: string;
  type: NftSet['type'];
  comment?: string;
  elements: NftSetElement[];
  src: NftSource;
}
interface MutableTable {
  family: NftFamily;
  name: string;
  chains: MutableChain[];
  sets: MutableSet[];
}

function thaw(rs: NftRuleset): MutableTable[] {
  return rs.tables.map((t) => ({
    family: t.family,
    name: t.name,
    chains: t.chains.map((c) => ({ ...c, rules: [...c.rules] })),
    sets: t.sets.map((s) => ({ ...s, elements: [...s.elements] })),
  }));
}

function freeze(tables: MutableTable[]): NftRuleset {
  return {
    tables: tables.map((t): NftTable => ({
      family: t.family,
      name: t.name,
      chains: t.chains.map((c): NftChain => ({ ...c })),
      sets: t.sets.map((s): NftSet => ({ ...s })),
    })),
  };
}

function sameBase(a: NftBaseSpec | undefined, b: NftBaseSpec | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Runs the transactions in order against `start` and returns the new ruleset. Like nft, an
 * operation on a missing table, chain or set, or a jump to a missing chain, fails the whole
 * transaction (here: throws, so wrong cluster data fails at build time).
 */
export function applyTransactions(
  txs: readonly NftTransaction[],
  start: NftRuleset = { tables: [] },
): NftRuleset {
  const tables = thaw(start);
  const table = (family: NftFamily, name: string, line: string): MutableTable => {
    const t = tables.find((x) => x.family === family && x.name === name);
    if (!t) throw new Error(`nft: no table ${family} ${name} (in "${line}")`);
    return t;
  };
  for (const tx of txs) {
    for (const o of tx.ops) {
      const line = opText(o);
      switch (o.op) {
        case 'add-table':
          // `add` is idempotent: an existing table keeps its chains, sets and rules.
          if (!tables.some((t) => t.family === o.family && t.name === o.table))
            tables.push({ family: o.family, name: o.table, chains: [], sets: [] });
          break;
        case 'flush-table':
          // Flushing a table empties its chains; its chains and sets (with elements) stay.
          for (const c of table(o.family, o.table, line).chains) c.rules = [];
          break;
        case 'add-chain': {
          const t = table(o.family, o.table, line);
          const base = o.base ? { ...o.base, policy: o.base.policy ?? 'accept' } : undefined;
          const existing = t.chains.find((c) => c.name === o.name);
          if (existing && !sameBase(existing.base, base))
            throw new Error(`nft: chain ${o.name} exists with another hook (in "${line}")`);
          if (!existing)
            t.chains.push({ name: o.name, ...(base ? { base } : {}), rules: [], src: o.src });
          break;
        }
        case 'add-set': {
          const t = table(o.family, o.table, line);
          if (!t.sets.some((s) => s.name === o.name)) {
            const comment = o.comment === undefined ? {} : { comment: o.comment };
            t.sets.push({ name: o.name, type: o.type, ...comment, elements: [], src: o.src });
          }
          break;
        }
        case 'add-element': {
          const set = table(o.family, o.table, line).sets.find((s) => s.name === o.set);
          if (!set) throw new Error(`nft: no set ${o.set} (in "${line}")`);
          if (!set.elements.some((e) => e.key === o.key)) {
            const comment = o.comment === undefined ? {} : { comment: o.comment };
            set.elements.push({ key: o.key, ...comment, src: o.src });
          }
          break;
        }
        case 'add-rule':
          addRule(table(o.rule.family, o.rule.table, line), o.rule, line);
          break;
      }
    }
  }
  return freeze(tables);
}

function addRule(t: MutableTable, spec: NftRuleSpec, line: string): void {
  const chain = t.chains.find((c) => c.name === spec.chain);
  if (!chain) throw new Error(`nft: no chain ${spec.chain} (in "${line}")`);
  for (const s of spec.stmts) {
    if ((s.kind === 'jump' || s.kind === 'goto') && !t.chains.some((c) => c.name === s.chain))
      throw new Error(`nft: ${s.kind} to a missing chain ${s.chain} (in "${line}")`);
  }
  for (const e of spec.exprs) {
    if (e.kind === 'addr-set' && !t.sets.some((s) => s.name === e.set))
      throw new Error(`nft: no set ${e.set} (in "${line}")`);
  }
  const id = `${t.family}/${t.name}/${chain.name}/${chain.rules.length}`;
  chain.rules.push({ ...spec, id });
}
