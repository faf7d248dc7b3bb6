// Matches the analyser's results for one labelled file against its labels. Pure: labels and
// `eci check --format json` output in, tallies and itemised misses/false findings out.

/** Rules that speak about clients; `missing-retry-after` is the one server rule. */
export const SERVER_RULES = new Set(['missing-retry-after']);
/** Rules added for #17, scored apart from the client rules so those stay comparable across rounds. */
export const NEW_RULES = new Set(['request-without-timeout', 'retry-delay-unit', 'retry-amplification']);
const IGNORED_RULES = new Set(['unknown-rule-in-suppression']);
/**
 * Rules labelled in a later, exhaustive pass: scored only in files that pass marked as reviewed (a finding
 * of the rule in another file is neither true nor false, and its labels there are not counted).
 */
const REVIEW_FLAG = { 'request-without-timeout': 'timeoutReviewed' };
const unreviewed = (file, rule) => Boolean(REVIEW_FLAG[rule]) && file[REVIEW_FLAG[rule]] !== true;

const norm = (code) => String(code).toLowerCase();
const scored = (label) => label.confidence !== 'low';

/**
 * The occurrence is the labelled exception class itself: the guide labels an HTTP client's exception class by its
 * class name (`Octokit::TooManyRequests` → `TooManyRequests`), where the analyser gives the status the class stands
 * for (429). Same token, same site.
 */
const namesClass = (o, site) => /^[A-Z]\w*$/.test(String(site.code)) && /^\d{3}$/.test(String(o.code)) && new RegExp(`(^|::|\\.)${site.code}$`).test(String(o.text ?? ''));

/**
 * Spotting: each labelled site is matched to at most one occurrence with the same line and code (or, for an
 * exception class named after a status, the same class).
 * Returns matched pairs, missed sites and occurrences that match no site (with a decoy reason if one applies).
 */
export function scoreSpotting(file, occurrences) {
  const free = occurrences.map((o) => ({ ...o, used: false }));
  const matched = [];
  const missed = [];
  for (const site of file.sites) {
    const hit = free.find((o) => !o.used && o.line === site.line && norm(o.code) === norm(site.code)) ?? free.find((o) => !o.used && o.line === site.line && namesClass(o, site));
    if (hit) {
      hit.used = true;
      matched.push({ site, occurrence: hit });
    } else missed.push(site);
  }
  const extra = free
    .filter((o) => !o.used)
    .map((o) => {
      const decoy = file.decoys.find((d) => d.line === o.line && (d.text.includes(o.text) || o.text.includes(d.text)));
      const sameLine = file.sites.find((s) => s.line === o.line);
      const reason = decoy
        ? `decoy: ${decoy.why}`
        : sameLine
          ? norm(sameLine.code) === norm(o.code) ? `more ${o.code} found on this line than labelled` : `labelled ${sameLine.code} here, not ${o.code}`
          : 'no code labelled on this line';
      return { occurrence: o, reason };
    });
  return { matched, missed, extra };
}

/**
 * Handling: a diagnostic of rule R on line L is a true finding when a scored label whose range holds L
 * expects R (each label-rule pair is found once; a second finding for it is a duplicate). A finding in
 * the range of a low-confidence label expecting R is not scored. Any other finding is false, with the
 * reason of the label it landed in. A scored label-rule pair with no finding is a miss.
 */
export function scoreHandling(file, diagnostics, implementedRules) {
  const labels = file.handling.map((h, index) => ({ ...h, index, found: new Set() }));
  const inRange = (h, line) => line >= h.lines[0] && line <= h.lines[1];
  const found = [];
  const falseFindings = [];
  const duplicates = [];
  for (const d of diagnostics) {
    if (IGNORED_RULES.has(d.rule) || unreviewed(file, d.rule)) continue;
    const covering = labels.filter((h) => inRange(h, d.line));
    const target = covering.find((h) => scored(h) && h.expect.includes(d.rule) && !h.found.has(d.rule));
    if (target) {
      target.found.add(d.rule);
      found.push({ label: target, diagnostic: d });
      continue;
    }
    if (covering.some((h) => h.expect.includes(d.rule) && (h.found.has(d.rule) || !scored(h)))) {
      if (covering.some((h) => scored(h) && h.found.has(d.rule))) duplicates.push(d);
      continue;
    }
    const reasonLabel = covering.find(scored) ?? covering[0];
    const reason = reasonLabel
      ? `label says ${reasonLabel.expect.length ? reasonLabel.expect.join(', ') : 'silent'}: ${reasonLabel.why}`
      : 'no handling labelled on this line';
    falseFindings.push({ diagnostic: d, reason });
  }
  const missed = [];
  const notImplemented = [];
  for (const h of labels.filter(scored)) {
    for (const rule of h.expect) {
      if (h.found.has(rule)) continue;
      if (!implementedRules.has(rule)) notImplemented.push({ label: h, rule });
      else if (!unreviewed(file, rule)) missed.push({ label: h, rule });
    }
  }
  return { found, falseFindings, duplicates, missed, notImplemented, labels };
}

/** A tally of true/false positives and misses under string keys, for the per-X tables. */
export class Tally {
  constructor() {
    this.rows = new Map();
  }
  add(key, field, n = 1) {
    if (!this.rows.has(key)) this.rows.set(key, { tp: 0, fp: 0, fn: 0, roleRight: 0 });
    this.rows.get(key)[field] += n;
  }
  static precision(r) {
    return r.tp + r.fp === 0 ? undefined : r.tp / (r.tp + r.fp);
  }
  static recall(r) {
    return r.tp + r.fn === 0 ? undefined : r.tp / (r.tp + r.fn);
  }
}

/**
 * Problems located, whatever the rule: a scored label expecting some client rule is located when any client-rule
 * finding lands in its range; a client-rule finding in no label expecting a client rule (a silent label, or none)
 * is a false alarm. A complement to the strict table, which also asks for the rule the labeller chose (a
 * `> 399 → error` is `no-retry-on-request` by the guide, and was labelled `retryable-treated-as-final` as often).
 */
export function locateProblems(file, diagnostics, isClientRule) {
  const client = diagnostics.filter((d) => isClientRule(d.rule) && !unreviewed(file, d.rule));
  const inRange = (h, line) => line >= h.lines[0] && line <= h.lines[1];
  const wanted = file.handling.filter((h) => scored(h) && h.expect.some(isClientRule));
  const unlocated = wanted.filter((h) => !client.some((d) => inRange(h, d.line)));
  const falseAlarms = client.filter((d) => !file.handling.some((h) => inRange(h, d.line) && h.expect.some(isClientRule))).length;
  return { located: wanted.length - unlocated.length, missed: unlocated.length, falseAlarms, unlocated };
}

