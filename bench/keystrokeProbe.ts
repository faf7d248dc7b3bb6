/**
 * Developer probe (not part of `npm run bench`): CPU time of each phase of a keystroke on a generated
 * 10k-line file — update (re-parse + line table), occurrences, diagnostics — and of a full open.
 * `npx tsx bench/keystrokeProbe.ts [lang] [lines] [runs]`
 */
import { ErrorCodeLanguageService } from '../server/src/service/languageService';
import { TextLines } from '../server/src/service/parsing/textLines';
import { generateSource, LANGUAGE_ID } from './generate';

type Lang = 'python' | 'typescript' | 'go' | 'java';

function cpu(fn: () => void): number {
  const t = process.cpuUsage();
  fn();
  const d = process.cpuUsage(t);
  return (d.user + d.system) / 1000;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.floor(s.length / 2)] * 1000) / 1000;
}

async function main(): Promise<void> {
  const langs = (process.argv[2] ? [process.argv[2]] : ['python', 'typescript', 'go', 'java']) as Lang[];
  const lines = Number(process.argv[3] ?? 10000);
  const runs = Number(process.argv[4] ?? 20);
  const service = new ErrorCodeLanguageService();
  for (const lang of langs) {
    const text = generateSource(lang, lines);
    const uri = `probe://${lang}`;
    const full: number[] = [];
    let version = 1;
    for (let i = 0; i < 6; i++) {
      const t = process.cpuUsage();
      await service.open({ uri, languageId: LANGUAGE_ID[lang], version: version++, text });
      service.occurrences(uri);
      service.diagnostics(uri);
      const d = process.cpuUsage(t);
      full.push((d.user + d.system) / 1000);
    }
    const tl = new TextLines(text);
    let line = Math.floor(tl.lineCount / 2);
    while (line < tl.lineCount - 1 && !/^\s+\S/.test(tl.lineText(line))) line++;
    const end = tl.lineText(line).length;
    const at = { line, character: end };
    const edits = [
      { range: { start: at, end: at }, text: ' ' },
      { range: { start: at, end: { line, character: end + 1 } }, text: '' },
    ];
    const upd: number[] = [];
    const occ: number[] = [];
    const diag: number[] = [];
    for (let k = 0; k < runs + 4; k++) {
      const u = cpu(() => service.update(uri, version++, [edits[k % 2]]));
      const o = cpu(() => service.occurrences(uri));
      const g = cpu(() => service.diagnostics(uri));
      if (k >= 4) {
        upd.push(u);
        occ.push(o);
        diag.push(g);
      }
    }
    console.log(`${lang} ${lines}: full ${median(full)} ms | keystroke update ${median(upd)} occurrences ${median(occ)} diagnostics ${median(diag)} total ${median(upd.map((u, i) => u + occ[i] + diag[i]))} ms`);
    service.close(uri);
  }
}

main();
