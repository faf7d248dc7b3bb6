/*
 * The shapes an API's own error code is written in, and the words that say a token names a failure. Shared by the
 * readers of vendor codes (vendorCodes.ts) and of the labels beside them (caseLabels.ts).
 */

/** Shapes of a code: UPPER_SNAKE, lower_snake, lowerCamel, one lower-case word. */
export const UPPER = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/;
export const SNAKE = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$/;
const CAMEL = /^[a-z]+(?:[A-Z][a-z0-9]*)+$/;
/** PascalCase of two words or more, as Azure and AWS spell codes (`BlobNotFound`, `ThrottlingException`). */
const PASCAL = /^[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+$/;
/** AWS's dotted codes: `InvalidGroup.NotFound`, `InvalidParameterValue.Malformed` (PascalCase parts). */
const DOTTED_PASCAL = /^[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)*(?:\.[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)*)+$/;
export const WORD = /^[a-z]{3,}$/;
/** kebab-case, as reCAPTCHA, Turnstile and MediaWiki spell codes (`missing-input-secret`, `edit-conflict`): always with an error word. */
const KEBAB = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)+$/;
/**
 * Dotted lower-case codes, a category before its case (Teller's `enrollment.disconnected.account_locked`): the
 * spelling of event names and settings keys too, so only a field named for errors or a list of error codes takes them.
 */
const DOTTED = /^[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)+$/;
/** Words that say a value is a failure (matched in the lower-cased token with separators removed). */
export const ERROR_WORDS =
  /limit|exceed|invalid|denied|error|fail|unauthori[sz]|forbid|notfound|unavailable|timeout|timedout|throttl|quota|expired|conflict|unknown|unsupported|unprocessable|toomany|overload|busy|reject|missing|required|malformed|notallowed|insufficient|exhausted|unexpected|blocked|revoked|disabled|exception|abort|refused|violation|mismatch|duplicate|internal|temporar|badrequest|toolarge|toolong|restricted|suspended|locked|parse|unauth|notauthori|notconfigured|unreachable|deadline|notpermitted|notavailable/;

export type CodeShape = 'number' | 'upper' | 'snake' | 'camel' | 'word' | 'kebab' | 'dotted';

/** The shape of a token, or undefined when it is written like no code. */
export function codeShape(token: string): CodeShape | undefined {
  if (/^\d+$/.test(token)) return 'number';
  // (One letter before a number is a code too: npm's `E404`, not a one-letter `A` or a version `V2`.)
  if (UPPER.test(token) && (/[A-Z]{2}/.test(token) || /^[A-Z]\d{3,}$/.test(token))) return 'upper';
  if (SNAKE.test(token)) return 'snake';
  if (CAMEL.test(token) || PASCAL.test(token) || DOTTED_PASCAL.test(token)) return 'camel';
  if (WORD.test(token)) return 'word';
  if (KEBAB.test(token)) return 'kebab';
  return DOTTED.test(token) ? 'dotted' : undefined;
}

/** True when a token has an error word in it (`rateLimited`, `QUOTA_EXCEEDED`, `missing-input-secret`). */
export function hasErrorWord(token: string): boolean {
  return ERROR_WORDS.test(token.toLowerCase().replace(/[_\-.]/g, ''));
}
