// Fix-all: applies every preferred fix that does not overlap another, re-linting until nothing changes.
import type { LintContext } from './diagnostics';
import { lintPost } from './lint';
import { composeEdits } from './hunks';
import { applyEdits, type TextEdit } from './text';

/**
 * The fixed text and the edits that turn the original into it: one per fixed place (ascending, non-overlapping),
 * so an editor applying them keeps the cursor, folds and markers where they were.
 */
export function fixAll(text: string, ctx: LintContext, maxRounds = 5): { text: string; edits: TextEdit[]; applied: number } {
  let cur = text;
  let applied = 0;
  let edits: TextEdit[] = [];
  for (let round = 0; round < maxRounds; round++) {
    const chosen: TextEdit[] = [];
    // Ranges taken this round, sorted by start: a binary search keeps a post with thousands of fixes fast.
    const taken: [number, number][] = [];
    const clashes = (e: TextEdit) => {
      let lo = 0, hi = taken.length;
      while (lo < hi) { const mid = (lo + hi) >> 1; if (taken[mid][0] <= e.end) lo = mid + 1; else hi = mid; }
      // Ranges are disjoint, so only the last one starting at or before e.end can reach back to e.start.
      return lo > 0 && taken[lo - 1][1] >= e.start;
    };
    const take = (e: TextEdit) => {
      let lo = 0, hi = taken.length;
      while (lo < hi) { const mid = (lo + hi) >> 1; if (taken[mid][0] < e.start) lo = mid + 1; else hi = mid; }
      taken.splice(lo, 0, [e.start, e.end]);
    };
    for (const d of lintPost(cur, ctx)) {
      const fix = d.fixes.find(f => f.preferred);
      if (!fix) continue;
      // Touching or overlapping edits wait for the next round, where offsets are fresh.
      if (fix.edits.some(clashes)) continue;
      for (const e of fix.edits) { chosen.push(e); take(e); }
      applied++;
    }
    if (!chosen.length) break;
    const next = applyEdits(cur, chosen);
    edits = round === 0 ? [...chosen].sort((a, b) => a.start - b.start || a.end - b.end) : composeEdits(cur, edits, chosen);
    cur = next;
  }
  return { text: cur, edits: cur === text ? [] : edits, applied };
}

/** One edit replacing only the part of `a` that differs from `b`. */
export function minimalEdit(a: string, b: string): TextEdit {
  let s = 0;
  const max = Math.min(a.length, b.length);
  while (s < max && a.charCodeAt(s) === b.charCodeAt(s)) s++;
  let ea = a.length, eb = b.length;
  while (ea > s && eb > s && a.charCodeAt(ea - 1) === b.charCodeAt(eb - 1)) { ea--; eb--; }
  return { start: s, end: ea, newText: b.slice(s, eb) };
}
