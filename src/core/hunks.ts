// Turning "old text -> new text" into small line edits, so a fix-all leaves the cursor, folds and markers in place.
import { diffLines } from 'diff';
import { minimalEdit } from './fixall';
import type { TextEdit } from './text';

/**
 * Edits that turn `a` into `b`, one per changed run of lines (in `a`'s offsets, ascending, non-overlapping).
 * Past `maxEditLength` changed lines the diff gives up and the one edit over the changed middle is returned.
 */
export function lineHunks(a: string, b: string, maxEditLength = 4000): TextEdit[] {
  if (a === b) return [];
  const mid = minimalEdit(a, b);
  // Diff whole lines around the changed middle: cheaper than the whole text, and hunks stay line-aligned.
  const s = mid.start === 0 ? 0 : a.lastIndexOf('\n', mid.start - 1) + 1;
  const nl = a.indexOf('\n', mid.end);
  const ea = nl === -1 ? a.length : nl + 1;
  // a and b share everything before s and after ea (ea is at or past the changed middle's end).
  const eb = b.length - (a.length - ea);
  const changes = diffLines(a.slice(s, ea), b.slice(s, eb), { maxEditLength });
  if (!changes) return [mid];
  const out: TextEdit[] = [];
  let at = s;
  let pending: TextEdit | undefined;
  for (const c of changes) {
    if (c.removed) {
      pending ??= { start: at, end: at, newText: '' };
      pending.end = at + c.value.length;
      at += c.value.length;
    } else if (c.added) {
      pending ??= { start: at, end: at, newText: '' };
      pending.newText += c.value;
    } else {
      if (pending) { out.push(pending); pending = undefined; }
      at += c.value.length;
    }
  }
  if (pending) out.push(pending);
  return out.map(trimEdit(a));
}

/** Narrows a line edit to the characters that change (a label fix should not replace its whole line). */
function trimEdit(a: string): (e: TextEdit) => TextEdit {
  return e => {
    const m = minimalEdit(a.slice(e.start, e.end), e.newText);
    return { start: e.start + m.start, end: e.start + m.end, newText: m.newText };
  };
}
