/**
 * A pod's pasted `ip rule` and `ip route show table all` read into the `ip rule add` / `ip
 * route add` commands the netns builder runs, so the kernel model's policy routing evaluates
 * them as it evaluates istio-cni's `fwmark 0x111/0xfff lookup 100` and `local default dev lo
 * table 100`. The pod's main and local tables stay the ones its interfaces give it (the walk's
 * addresses are the cluster's); their pasted lines are listed as superseded, not dropped.
 */
import { illustrative } from '../provenance';
import { parseIpRule, parseRoute } from '../routing/parse';
import type { FlaggedRule } from './pastedFlags';

/** One pasted `ip rule` or route, as an `ip … add` command. */
export interface PastedRoutingCommand {
  /** `ip rule add priority 32764 from all fwmark 0x111/0xfff lookup 100` */
  readonly text: string;
  /** The line of the pasted text it was read from (1-based). */
  readonly line: number;
}

/** The kernel's own rules, which every netns starts with (netnsBuilder.ts). */
const KERNEL_RULES: ReadonlyMap<number, string> = new Map([
  [0, 'from all lookup local'],
  [32766, 'from all lookup main'],
  [32767, 'from all lookup default'],
]);

const CHECK = illustrative('a pasted line, checked before it is installed');

/** The parser's message without the command it quotes. */
function reasonOf(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return m.replace(/:\s*ip (rule|route) add .*$/, '').replace(/ in ip (rule|route) add .*$/, '');
}

/**
 * Reads `ip rule` output (`32764:	from all fwmark 0x111/0xfff lookup 100`) or `ip rule add`
 * commands. The kernel's three rules, pasted unchanged, are left as the kernel's; a pasted rule
 * at one of their priorities that differs replaces it (see `replacesKernel`). Never throws.
 */
export function readPastedIpRules(text: string): {
  commands: PastedRoutingCommand[];
  /** Kernel rule priorities the paste gives another rule at. */
  replacesKernel: number[];
  flagged: FlaggedRule[];
} {
  const commands: PastedRoutingCommand[] = [];
  const replacesKernel: number[] = [];
  const flagged: FlaggedRule[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    const n = i + 1;
    if (line === '' || line.startsWith('#')) return;
    const shown = /^(\d+):\s+(.*)$/.exec(line);
    const cmd = shown
      ? `ip rule add priority ${shown[1]} ${(shown[2] as string).replace(/\s+/g, ' ').trim()}`
      : line.replace(/\s+/g, ' ');
    try {
      const rule = parseIpRule(cmd, 'pasted', CHECK, '');
      const kernel = KERNEL_RULES.get(rule.priority);
      const body = cmd.replace(/^ip rule add (priority|pref) \d+ /, '');
      if (kernel !== undefined && (body === kernel || body === kernel.replace('from all ', '')))
        return;
      if (kernel !== undefined) replacesKernel.push(rule.priority);
      commands.push({ text: cmd, line: n });
    } catch (e) {
      flagged.push({
        input: 'ipRule',
        line: n,
        text: line,
        reason: `the kernel model cannot evaluate it: ${reasonOf(e)}`,
        kind: 'unevaluated',
      });
    }
  });
  return { commands, replacesKernel, flagged };
}

/**
 * Reads `ip route show table all` lines (`local default dev lo table 100 scope host`) or `ip
 * route add` commands. Routes of the main and local tables are flagged as superseded (the pod's
 * interfaces give the walk those); every other table's route is installed. Never throws.
 */
export function readPastedRoutes(text: string): {
  commands: PastedRoutingCommand[];
  flagged: FlaggedRule[];
} {
  const commands: PastedRoutingCommand[] = [];
  const flagged: FlaggedRule[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim().replace(/\s+/g, ' ');
    const n = i + 1;
    if (line === '' || line.startsWith('#')) return;
    const body = line.replace(/^ip route add /, '');
    const table = /\btable (\S+)/.exec(body)?.[1] ?? 'main';
    if (table === 'main' || table === 'local' || table === '254' || table === '255') {
      flagged.push({
        input: 'ipRoute',
        line: n,
        text: line,
        reason: `table ${table}: the walk takes the pod's ${table} table from its interfaces`,
        kind: 'superseded',
      });
      return;
    }
    const cmd = `ip route add ${body}`;
    try {
      const route = parseRoute(cmd, 'pasted', CHECK, '');
      if (route.dst.includes(':')) throw new Error('an IPv6 route (the walk is IPv4)');
      commands.push({ text: cmd, line: n });
    } catch (e) {
      const dst = body.split(' ').find((w) => w.includes(':'));
      flagged.push({
        input: 'ipRoute',
        line: n,
        text: line,
        reason: `the kernel model cannot evaluate it: ${dst ? 'an IPv6 route (the walk is IPv4)' : reasonOf(e)}`,
        kind: 'unevaluated',
      });
    }
  });
  return { commands, flagged };
}
