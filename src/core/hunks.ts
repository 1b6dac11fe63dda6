// Composing rounds of edits into edits on the original text, so a fix-all stays many small edits, not one big one.
import { applyEdits, type TextEdit } from './text';

/**
 * `first` turns t0 into t1 (offsets in t0); `second` turns t1 into t2 (offsets in t1). Returns edits on t0 that give t2:
 * ascending, non-overlapping, and small (edits of the two rounds merge only where they overlap or touch).
 * Linear in the number of edits, whatever the size of the text.
 */
export function composeEdits(t1: string, first: readonly TextEdit[], second: readonly TextEdit[]): TextEdit[] {
  // Where each first-round edit's new text lies in t1, and the length change it brings.
  const images: { start: number; end: number; delta: number }[] = [];
  let delta = 0;
  for (const e of [...first].sort((a, b) => a.start - b.start || a.end - b.end)) {
    const start = e.start + delta;
    images.push({ start, end: start + e.newText.length, delta: e.newText.length - (e.end - e.start) });
    delta += e.newText.length - (e.end - e.start);
  }
  type Item = { start: number; end: number; delta: number; s?: TextEdit };
  const items: Item[] = [...images, ...second.map(s => ({ start: s.start, end: s.end, delta: 0, s }))]
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const out: TextEdit[] = [];
  let shift = 0; // t1 - t0 offset difference before the current group: sum of the deltas of the images passed
  let i = 0;
  while (i < items.length) {
    const gs = items[i].start;
    let ge = items[i].end;
    const group = [items[i++]];
    // Touching edits merge too: two inserts at one place must keep their order in one edit.
    while (i < items.length && items[i].start <= ge) { ge = Math.max(ge, items[i].end); group.push(items[i++]); }
    const groupDelta = group.reduce((sum, g) => sum + g.delta, 0);
    const seconds = group.flatMap(g => (g.s ? [g.s] : []));
    const newText = seconds.length
      ? applyEdits(t1.slice(gs, ge), seconds.map(s => ({ start: s.start - gs, end: s.end - gs, newText: s.newText })))
      : t1.slice(gs, ge);
    out.push({ start: gs - shift, end: ge - shift - groupDelta, newText });
    shift += groupDelta;
  }
  return out;
}
