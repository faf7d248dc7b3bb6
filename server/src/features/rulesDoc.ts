import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

/** docs/rules.md ships inside the extension (and the npm package); a rule's section is its anchor. */
const RULES_DOC = pathToFileURL(path.join(__dirname, '..', '..', 'docs', 'rules.md')).toString();

export function rulesDocLink(rule: string): string {
  return `${RULES_DOC}#${rule}`;
}
