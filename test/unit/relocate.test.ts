// Finding a fix again after the text changed: edits elsewhere move it along, edits to its problem drop it (property on real posts).
import * as assert from 'assert';
import fc from 'fast-check';
import { applyEdits, defaultConfig, lintPost } from '../../src/core';
import { mapRange, relocateFix, type TextChange } from '../../src/core/relocate';
import { seed } from './realPosts';

const ctx = { config: defaultConfig() };

/** Applies changes (offsets into the text as it is at each change) and returns the text. */
function applyChanges(text: string, changes: readonly (TextChange & { text: string })[]): string {
  for (const c of changes) text = text.slice(0, c.offset) + c.text + text.slice(c.offset + c.length);
  return text;
}

describe('relocating a fix after edits', () => {
  it('maps a range through insertions and deletions before, after and inside it', () => {
    const at = (changes: TextChange[]) => mapRange(10, 20, changes);
    assert.deepStrictEqual(at([{ offset: 0, length: 0, inserted: 5 }]), { start: 15, end: 25 });
    assert.deepStrictEqual(at([{ offset: 10, length: 0, inserted: 5 }]), { start: 15, end: 25 }, 'typed right before it');
    assert.deepStrictEqual(at([{ offset: 20, length: 0, inserted: 5 }]), { start: 10, end: 20 }, 'typed right after it');
    assert.deepStrictEqual(at([{ offset: 2, length: 8, inserted: 0 }]), { start: 2, end: 12 }, 'deleted up to its start');
    assert.deepStrictEqual(at([{ offset: 30, length: 5, inserted: 1 }]), { start: 10, end: 20 });
    assert.strictEqual(at([{ offset: 15, length: 0, inserted: 1 }]), undefined, 'typed inside it');
    assert.strictEqual(at([{ offset: 5, length: 6, inserted: 0 }]), undefined, 'deleted its first character');
    assert.strictEqual(at([{ offset: 19, length: 2, inserted: 2 }]), undefined, 'replaced its last character');
    assert.deepStrictEqual(mapRange(10, 10, [{ offset: 10, length: 0, inserted: 3 }]), { start: 13, end: 13 }, 'a point moves with text typed at it');
    assert.strictEqual(mapRange(10, 10, [{ offset: 8, length: 4, inserted: 0 }]), undefined, 'a point inside a deletion');
  });

  it('finds each fix of a real post again after random edits away from its problem, and the fix still fixes it (property)', () => {
    const text = seed(3);
    const before = lintPost(text, ctx).filter(d => d.fixes.length);
    assert.ok(before.length >= 3);
    // Edits are blank lines and Chinese sentences typed at line starts before the first problem or after the last one's line.
    const firstLine = text.lastIndexOf('\n', before[0].start - 1) + 1;
    const lastLineEnd = text.indexOf('\n', Math.max(...before.flatMap(d => [d.end, ...d.fixes.flatMap(f => f.edits.map(e => e.end))])));
    const change = fc.record({ where: fc.nat(), early: fc.boolean(), text: fc.constantFrom('\n', '\n\n', '新的一句。\n\n', '\r\n') });
    let found = 0;
    fc.assert(fc.property(fc.array(change, { minLength: 1, maxLength: 8 }), fc.nat(), (picks, which) => {
      const d = before[which % before.length];
      let cur = text, first = firstLine, last = lastLineEnd;
      const changes: (TextChange & { text: string })[] = [];
      for (const p of picks) {
        // A line start before the first problem, or after the last one.
        const lo = p.early ? 0 : last + 1, hi = p.early ? first : cur.length;
        let offset = lo + (hi > lo ? p.where % (hi - lo) : 0);
        offset = cur.lastIndexOf('\n', offset - 1) + 1;
        if (!p.early && offset <= last) offset = last + 1;
        changes.push({ offset, length: 0, inserted: p.text.length, text: p.text });
        cur = applyChanges(cur, [changes[changes.length - 1]]);
        if (p.early) { first += p.text.length; last += p.text.length; }
      }
      const now = lintPost(cur, ctx);
      const fix = d.fixes[0];
      const again = relocateFix({ code: d.code, message: d.message, start: d.start, end: d.end, title: fix.title }, changes, now, fix);
      assert.ok(again, `the fix "${fix.title}" for ${d.code} is found again`);
      found++;
      const fixed = lintPost(applyEdits(cur, again.edits), ctx);
      assert.ok(fixed.filter(x => x.code === d.code).length < now.filter(x => x.code === d.code).length, 'the relocated fix removes its diagnostic');
    }), { numRuns: 200, seed: 20261122 });
    assert.ok(found >= 200);
  });

  it('an edit inside the problem drops the fix rather than guess', () => {
    const text = seed(3);
    const d = lintPost(text, ctx).find(x => x.fixes.length)!;
    const mid = Math.floor((d.start + d.end) / 2);
    const changes = [{ offset: mid, length: 0, inserted: 1 }];
    const cur = text.slice(0, mid) + 'x' + text.slice(mid);
    const fix = d.fixes[0];
    assert.strictEqual(relocateFix({ code: d.code, message: d.message, start: d.start, end: d.end, title: fix.title }, changes, lintPost(cur, ctx), fix), undefined);
  });
});
