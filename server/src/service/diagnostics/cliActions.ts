import type { Node } from 'web-tree-sitter';
import type { DiagContext } from './context';
import type { FnInfo } from './flow/flowModel';

/*
 * The code a command-line program runs for the command a person typed: the action a CLI framework is handed
 * (commander/cac `.command('publish').action(async (f) => …)`, yargs `handler:`, cobra `RunE: func(cmd, args) …`,
 * urfave/cli `Action: func(c *cli.Context) …`, click/typer `@cli.command()`), and a script's `main` where the file
 * parses its arguments with a CLI library and runs `main` when executed (`if __name__ == "__main__": main()` with
 * argparse, Rust `fn main` with clap). Whoever typed the command sees its failure and runs it again (the benchmark guide: "a CLI
 * fetching a URL the user typed … does not need retries").
 */

/**
 * Python decorators that make a function a command a person runs, by the decorator's last name (the flow model keeps
 * `@cli.command()` as `command`): click, typer and cyclopts commands and groups, and a chat bot's commands — discord.py
 * `@commands.command()`, `@commands.hybrid_command()`, `@app_commands.command()`, `@bot.slash_command()`, Slack bolt
 * `@app.command("/x")`.
 */
const COMMAND_DECORATOR = /^(?:command|group|hybrid_command|hybrid_group|slash_command|subcommand)$/;
/** JavaScript: the method that hands a command its action (commander, cac, sade, vorpal, caporal). */
const ACTION_METHOD = /\.\s*action\s*\(\s*$/;
/** Keys of a command object whose value is the command's code: yargs `handler`, cobra `Run`/`RunE`, urfave `Action`. */
const ACTION_KEY = /^(?:handler|Run|RunE|PreRunE|Action)$/;
/** A Python script that parses its own arguments. */
const PY_ARGS = /^\s*(?:import|from)\s+(?:argparse|click|typer|docopt|fire)\b/m;
const PY_MAIN_GUARD = /^if\s+__name__\s*==\s*['"]__main__['"]\s*:/m;
/** Rust: a binary that parses its arguments with clap (reading `env::args()` alone is no sign of a command: daemons do). */
const RUST_ARGS = /\buse\s+clap\b|\bclap::/;
/** Go: a command built with cobra or urfave/cli, or a main that parses flags. */
const GO_CLI_IMPORT = /"github\.com\/(?:spf13\/cobra|urfave\/cli(?:\/v\d)?|alecthomas\/kong)"/;

/** True when `fn` is the code a CLI runs for a typed command (its action, or the script's argument-parsing main). */
export function isCliAction(ctx: DiagContext, fn: FnInfo): boolean {
  const { grammarName, text } = ctx.flow;
  if (grammarName === 'python') {
    if (fn.decorators.some((d) => COMMAND_DECORATOR.test(d.trim().replace(/^@/, '').replace(/\(.*$/s, '').split('.').pop() ?? ''))) return true;
    return fn.name === 'main' && !fn.parent && fileSays(ctx, 'pyMain', () => PY_MAIN_GUARD.test(text) && PY_ARGS.test(text));
  }
  if (grammarName === 'rust') return fn.name === 'main' && !fn.parent && fileSays(ctx, 'rustArgs', () => RUST_ARGS.test(text));
  if (grammarName === 'go' && !fileSays(ctx, 'goCli', () => GO_CLI_IMPORT.test(text))) return false;
  // A function literal handed to `.action(…)` or bound to an action key of a command object.
  if (fn.name) return false;
  const holder = argumentOrValueHolder(fn.node);
  if (!holder) return false;
  if (holder.kind === 'argument') return ACTION_METHOD.test(text.slice(Math.max(0, holder.call.startIndex), holder.argsStart + 1));
  return ACTION_KEY.test(holder.key);
}

/** What the whole file says, read once per file (the checks run for every caller of every request). */
function fileSays(ctx: DiagContext, key: 'pyMain' | 'rustArgs' | 'goCli', read: () => boolean): boolean {
  let facts = fileFacts.get(ctx.flow);
  if (!facts) fileFacts.set(ctx.flow, (facts = new Map()));
  let value = facts.get(key);
  if (value === undefined) facts.set(key, (value = read()));
  return value;
}
const fileFacts = new WeakMap<DiagContext['flow'], Map<string, boolean>>();

type Holder = { kind: 'argument'; call: Node; argsStart: number } | { kind: 'key'; key: string };

/** Where an anonymous function sits: as an argument of a call, or as the value of a key in an object/composite literal. */
function argumentOrValueHolder(node: Node): Holder | undefined {
  const parent = node.parent;
  if (!parent) return undefined;
  if (parent.type === 'arguments' || parent.type === 'argument_list') {
    const call = parent.parent;
    return call ? { kind: 'argument', call, argsStart: parent.startIndex } : undefined;
  }
  // JavaScript `{ handler: async (argv) => … }`; Go `&cobra.Command{ RunE: func(…) error { … } }` (a keyed element).
  if (parent.type === 'pair') {
    const key = parent.childForFieldName('key')?.text;
    return key ? { kind: 'key', key } : undefined;
  }
  if (parent.type === 'literal_element' && parent.parent?.type === 'keyed_element') {
    const key = parent.parent.namedChild(0)?.text;
    return key ? { kind: 'key', key } : undefined;
  }
  if (parent.type === 'keyed_element') {
    const key = parent.namedChild(0)?.text;
    return key ? { kind: 'key', key } : undefined;
  }
  return undefined;
}
