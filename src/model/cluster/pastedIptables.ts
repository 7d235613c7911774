/**
 * A pod's pasted `iptables-save` read into the commands the netns builder runs, so the kernel
 * model evaluates them exactly as it evaluates the rules istio-cni writes: each `*table`
 * section's chains (`:CHAIN`, `-N`) declared, its `-A`/`-I` rules in order, `COMMIT` closing
 * it, counters (`[0:0]`, `iptables-save -c`) ignored. A line the model's parser cannot read, a
 * match or target it does not evaluate, a table it has no hooks for, or a policy other than
 * ACCEPT is flagged with the reason and kept out of the walk — never dropped silently.
 */
import { parseCommand, type ParsedCommand } from '../netfilter/parse';
import { ruleText } from '../netfilter/render';
import type { IptablesCommand } from '../netfilter/tables';
import { BUILTIN_CHAINS, type Rule, type RuleOwner, type TableName } from '../netfilter/types';
import { imported } from '../provenance';
import type { InpodRelease } from '../releases';
import { inpodCommands } from '../releases/inpodRules';
import type { FlaggedRule } from './pastedFlags';

/** One pasted rule or chain declaration, as the netns builder's `ipt` takes it. */
export interface PastedIptablesCommand extends IptablesCommand {
  /** The line of the pasted text it was read from (1-based). */
  readonly line: number;
  /** The release writes the same rule: the walk's behaviour there is the release's. */
  readonly sameAsRelease: boolean;
}

const TABLES = new Set<string>(Object.keys(BUILTIN_CHAINS));
const BUILTIN = new Set(['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING']);

/** A rule's `iptables-save` form, whatever spelling it was written in. */
function canonical(table: TableName, cmd: ParsedCommand): string {
  const rule = { chain: cmd.chain, matches: cmd.matches, target: cmd.target } as Rule;
  return `${table} ${ruleText(rule)}`;
}

/** The release's pod rules (with and without DNS capture) by canonical form → their `why`. */
function releaseWhys(rel: InpodRelease): Map<string, string> {
  const out = new Map<string, string>();
  for (const dns of [false, true])
    for (const c of inpodCommands(rel, dns)) {
      const p = parseCommand(c.text);
      if (p.op === 'append' || p.op === 'insert') out.set(canonical(c.table, p), c.why);
    }
  return out;
}

/** istio-cni's chains by name; a jump into one from a built-in chain is istio-cni's too. */
function ownerOf(cmd: ParsedCommand): RuleOwner {
  const istio = (c: string): boolean => c.startsWith('ISTIO_');
  const to = cmd.target?.kind === 'jump' ? cmd.target.chain : '';
  return istio(cmd.chain) || istio(to) ? 'istio-cni' : 'unknown';
}

/**
 * Reads `iptables-save` text (as the spec keeps it: `iptables -S` output already has `*table`
 * headers) into commands for the netns builder, in the order they apply, and the lines that
 * cannot be walked. Never throws.
 *
 * @param where names the input in each rule's provenance: "default/sleep's iptables-save".
 */
export function readPastedIptables(
  text: string,
  where: string,
  rel: InpodRelease,
): { commands: PastedIptablesCommand[]; flagged: FlaggedRule[] } {
  const commands: PastedIptablesCommand[] = [];
  const flagged: FlaggedRule[] = [];
  const whys = releaseWhys(rel);
  const chains = new Map<TableName, Set<string>>();
  const flag = (line: number, t: string, reason: string): void =>
    void flagged.push({ input: 'iptables', line, text: t, reason, kind: 'unevaluated' });
  let table: TableName | undefined;
  let foreignTable: string | undefined;
  // iptables-save declares every chain of a table before its rules: declare them first.
  const lines = text.split(/\r?\n/).map((raw, i) => ({
    n: i + 1,
    line: raw.replace(/^\[\d+:\d+\]\s+/, '').trim(),
  }));
  const declare = (n: number, name: string): void => {
    const t = table as TableName;
    const set = chains.get(t) ?? new Set(BUILTIN_CHAINS[t]);
    chains.set(t, set);
    if (set.has(name)) return;
    set.add(name);
    commands.push({
      table: t,
      text: `-N ${name}`,
      owner: name.startsWith('ISTIO_') ? 'istio-cni' : 'unknown',
      prov: imported(`${where}, line ${n}`),
      why: `chain ${name}, declared in the pasted rules`,
      line: n,
      sameAsRelease: false,
    });
  };
  for (const { n, line } of lines) {
    if (line === '' || line.startsWith('#')) continue;
    const header = /^\*\s?(\S+)$/.exec(line);
    if (header) {
      const name = header[1] as string;
      table = TABLES.has(name) ? (name as TableName) : undefined;
      foreignTable = table ? undefined : name;
      if (foreignTable)
        flag(n, line, `table ${name} is not in the kernel model (raw, mangle, nat, filter)`);
      continue;
    }
    if (line === 'COMMIT') {
      table = undefined;
      foreignTable = undefined;
      continue;
    }
    if (foreignTable) {
      flag(n, line, `in table ${foreignTable}, which the kernel model does not evaluate`);
      continue;
    }
    if (!table) {
      flag(n, line, 'before any *table header: the table it belongs to is not known');
      continue;
    }
    const decl = /^:(\S+)\s+(\S+)/.exec(line) ?? /^-P\s+(\S+)\s+(\S+)$/.exec(line);
    if (decl) {
      const [, name, policy] = decl as unknown as [string, string, string];
      if (!BUILTIN.has(name)) declare(n, name);
      else if (policy !== 'ACCEPT' && policy !== '-')
        flag(
          n,
          line,
          `policy ${policy} is not evaluated: built-in chains accept when they run out`,
        );
      continue;
    }
    const newChain = /^-N\s+(\S+)$/.exec(line);
    if (newChain) {
      declare(n, newChain[1] as string);
      continue;
    }
    if (!/^-[AI]\s/.test(line)) {
      flag(n, line, 'not an iptables-save line (*table, :CHAIN, -A, -I, -N, -P, COMMIT)');
      continue;
    }
    let cmd: ParsedCommand;
    try {
      cmd = parseCommand(line);
    } catch (e) {
      const why = e instanceof Error ? e.message.replace(/^"[^"]*": /, '') : String(e);
      flag(n, line, `the kernel model cannot evaluate it: ${why}`);
      continue;
    }
    const known = chains.get(table) ?? new Set(BUILTIN_CHAINS[table]);
    if (!known.has(cmd.chain)) {
      flag(n, line, `chain ${cmd.chain} is not declared in table ${table}`);
      continue;
    }
    if (cmd.target?.kind === 'jump' && !known.has(cmd.target.chain)) {
      flag(n, line, `target ${cmd.target.chain} is not evaluated by the kernel model`);
      continue;
    }
    const same = whys.get(canonical(table, cmd));
    commands.push({
      table,
      text: line,
      owner: ownerOf(cmd),
      prov: imported(`${where}, line ${n}`),
      why: same
        ? `${same} (pasted from your cluster; the release writes the same rule)`
        : 'pasted from your cluster; the release does not write this rule',
      line: n,
      sameAsRelease: same !== undefined,
    });
  }
  return { commands, flagged };
}
