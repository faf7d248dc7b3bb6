// Prints the benchmark's tables (plain text or Markdown) and the itemised misses and false findings.
import { Tally } from './score.mjs';

const pct = (x) => (x === undefined ? '—' : x.toFixed(2));

function table(title, tally, markdown, withRole) {
  const head = withRole ? ['', 'TP', 'FP', 'FN', 'precision', 'recall', 'role acc.'] : ['', 'TP', 'FP', 'FN', 'precision', 'recall'];
  const rows = [...tally.rows].sort(([a], [b]) => a.localeCompare(b)).map(([k, r]) => {
    const cells = [k, r.tp, r.fp, r.fn, pct(Tally.precision(r)), pct(Tally.recall(r))];
    if (withRole) cells.push(pct(r.tp ? r.roleRight / r.tp : undefined));
    return cells.map(String);
  });
  const lines = [];
  if (markdown) {
    lines.push(`**${title}**`, '', `| ${head.join(' | ')} |`, `|${head.map((_, i) => (i ? '---:' : '---')).join('|')}|`);
    for (const r of rows) lines.push(`| ${r.join(' | ')} |`);
  } else {
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const fmt = (r) => r.map((c, i) => (i ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
    lines.push(title, fmt(head));
    for (const r of rows) lines.push(fmt(r));
  }
  console.log(lines.join('\n') + '\n');
}

function list(title, items) {
  console.log(`${title} (${items.length})`);
  for (const item of items) console.log(`  ${item}`);
  console.log('');
}

export function printReport({ summary, spot, handle, lists, markdown, quiet, found }) {
  console.log(
    `Real-world benchmark, split ${summary.split}: ${summary.repositories} repositories, ${summary.files} files scored` +
      (summary.missingFiles ? ` (${summary.missingFiles} labelled files not restored, not scored)` : '') +
      `, ${summary.labelledSites} labelled sites, ${summary.handlingLabels} handling labels.` +
      (summary.cliSeconds !== undefined ? ` Mode: ${summary.mode}; eci check read ${summary.cliFiles} files in ${summary.cliSeconds.toFixed(1)} s.` : '') +
      '\n',
  );
  table('Spotting, all', spot.all, markdown, true);
  table('Spotting by language', spot.language, markdown, true);
  table('Spotting by kind of site (FP by the kind the analyser gave)', spot.kind, markdown, true);
  table('Spotting by role (labelled role; FP by the role the analyser gave)', spot.role, markdown, true);
  table('Handling: client rules, the server rule and the rules new in #17 (high+medium labels)', handle.client, markdown, false);
  table('Problems located: a client-rule finding on a labelled client problem, whichever client rule (high+medium labels)', handle.located, markdown, false);
  table('Handling by rule', handle.rule, markdown, false);
  table('Handling by language', handle.language, markdown, false);
  table('Handling by shape of the labelled site', handle.shape, markdown, false);
  const notImpl = new Map();
  for (const item of lists.notImplemented) {
    const rule = item.split(' ')[1];
    notImpl.set(rule, (notImpl.get(rule) ?? 0) + 1);
  }
  if (notImpl.size) console.log(`Labelled for rules the engine does not have yet: ${[...notImpl].map(([r, n]) => `${r} ${n}`).join(', ')}\n`);
  // (Held back: the count only — a file name would tell which held-back code a rule floods.)
  if (summary.floods.length && quiet) console.log(`Files with more than 3 findings of one rule: ${summary.floods.length}\n`);
  else if (summary.floods.length) list('Files with more than 3 findings of one rule', summary.floods);
  if (quiet) return;
  list('Handling misses', lists.handleMissed);
  list('Problems no client rule located', lists.unlocated);
  list('False findings', lists.handleFalse);
  if (found) list('Findings that match a label (--found)', lists.handleFound);
  list('Duplicate findings on one label', lists.duplicates);
  list('Spotting misses', lists.spotMissed);
  list('Spotted but not a labelled site', lists.spotExtra);
  list('Spotted with the wrong role', lists.roleWrong);
}
