// Fix-all: applies every preferred fix that does not overlap another, re-linting until nothing changes.
import type { LintContext } from './diagnostics';
import { lintPost } from './lint';
import { applyEdits, type TextEdit } from './text';

/** The fixed text and the edits that turn the original into it (one edit: the changed middle). */
export function fixAll(text: string, ctx: LintContext, maxRounds = 5): { text: string; edits: TextEdit[]; applied: number } {
  let cur = text;
  let applied = 0;
  for (let round = 0; round < maxRounds; round++) {
    const chosen: TextEdit[] = [];
    const taken: [number, number][] = [];
    for (const d of lintPost(cur, ctx)) {
      const fix = d.fixes.find(f => f.preferred);
      if (!fix) continue;
      // Touching or overlapping edits wait for the next round, where offsets are fresh.
      if (fix.edits.some(e => taken.some(([s, t]) => e.start <= t && e.end >= s))) continue;
      for (const e of fix.edits) { chosen.push(e); taken.push([e.start, e.end]); }
      applied++;
    }
    if (!chosen.length) break;
    cur = applyEdits(cur, chosen);
  }
  return { text: cur, edits: cur === text ? [] : [minimalEdit(text, cur)], applied };
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
