import { callSites } from './callerRetries';
import type { DiagContext } from './context';
import { enclosingLoops, type CallInfo, type FnInfo } from './flow/flowModel';
import { isCliAction } from './cliActions';

/*
 * Code that runs because a person asked for it, there and then: a chat bot's command (`!gif`, `/weather`), a CLI
 * subcommand (the action a CLI framework runs: cliActions.ts). Whoever typed it sees the failure and types it again; a retry there only keeps them waiting. The
 * benchmark's labellers left `no-retry-on-request` off such requests in every batch (bot commands, account and
 * update commands of CLIs), while the same request in a worker or a sync job was a problem.
 */

/**
 * A function named for a command a user runs: `cmdGuggy`, `cmd_weather`, `weatherCommand`, `weather_command`,
 * `handle_gif_command`, `on_command` — not one that sends a command somewhere (`sendCommand`, `post_command`).
 */
const COMMAND_NAME = /^(?:cmd[A-Z_]|command_)|^(?:handle|on|run|exec|execute)_?\w*command$|(?:[a-z]Command|_command)$|^slash_?\w+$/i;
const SENDS_COMMAND = /^_?(?:async_?)?(?:send|post|publish|dispatch|queue|enqueue|push|issue|write)/i;
/** Folders that hold a bot's or a CLI's commands: `commands/`, discord.py's `cogs/`. */
const COMMAND_FOLDER = /\/(?:commands|cogs|slash_commands)\//;

/** `fn` runs as a user's command: it is one, it is only called (in the file) from one, or its file sits among commands. */
export function answersUser(ctx: DiagContext, fn: FnInfo | undefined): boolean {
  if (COMMAND_FOLDER.test(ctx.doc.uri.replace(/\\/g, '/'))) return true;
  return commandOrCalledByOne(ctx, fn, 0) || repliesToChat(fn);
}

/**
 * The request runs in a handler that answers the person who asked, in the chat they asked in: discord.js
 * `interaction.deferReply()` / `editReply(…)`, `message.reply(…)`, Telegraf/grammY `ctx.reply(…)`, python-telegram-bot
 * `update.message.reply_text(…)`, aiogram `message.answer(…)` — in the function itself or one it is written in.
 */
function repliesToChat(fn: FnInfo | undefined): boolean {
  for (let f = fn, depth = 0; f && depth < 3; f = f.parent, depth++) if (CHAT_REPLY.test(f.node.text)) return true;
  return false;
}
const CHAT_REPLY = /\b(?:interaction|ctx|message|msg|update\.message|update\.effective_message|callback|query)\s*\.\s*(?:deferReply|reply|editReply|followUp|reply_text|replyWithMarkdown|replyWithHTML|answer)\s*\(/;

function commandOrCalledByOne(ctx: DiagContext, fn: FnInfo | undefined, depth: number): boolean {
  if (!fn) return false;
  if (isCliAction(ctx, fn)) return true;
  // A function written inside a command — a helper it calls, a closure it hands to a thread pool or `map` — runs while
  // the command runs, for the person who typed it; unless the command goes on looping (`while True:`), as a daemon does.
  if (fn.parent && depth < 2 && commandOrCalledByOne(ctx, fn.parent, depth + 1) && !loopsOnBeside(ctx, fn.parent, fn)) return true;
  if (!fn.name) return false;
  if (COMMAND_NAME.test(fn.name) && !SENDS_COMMAND.test(fn.name)) return true;
  if (depth >= 2) return false;
  const sites = callSites(ctx, fn);
  return sites.length > 0 && sites.every((call) => runsForCommand(ctx, call, depth + 1));
}

/** A call made while a command runs: in a command, or in a CLI's action outside a loop (a loop there is a daemon's). */
function runsForCommand(ctx: DiagContext, call: CallInfo, depth: number): boolean {
  if (call.fn && isCliAction(ctx, call.fn)) return !enclosingLoops(ctx.flow, call.node).some((l) => l.kind !== 'collection');
  return commandOrCalledByOne(ctx, call.fn, depth);
}

/** `outer` holds a loop that runs until told to stop (`while True:`, `for {}`, `while (!done)`) outside `inner`. */
function loopsOnBeside(ctx: DiagContext, outer: FnInfo, inner: FnInfo): boolean {
  return ctx.flow.loops.some((l) => (l.kind === 'infinite' || l.kind === 'conditional') && l.start >= outer.start && l.end <= outer.end && !(l.start >= inner.start && l.end <= inner.end));
}
