// Next/previous missing translation from a cursor offset, on real posts with gaps and on small made-up ones.
import * as assert from 'assert';
import { nextGap, parsePost, previousGap, translationPlan, type Gap } from '../../src/core';
import { corpus, seed } from './realPosts';

const gapsOf = (text: string, mode: 'auto' | 'always' = 'auto') => translationPlan(parsePost(text), mode).missing;

describe('missing-translation navigation', () => {
  for (const name of ['I4l1fr-t3ZE.md', 'LHjUSZnjQFk.md', 'dO4TPJkeaaU.md']) {
    describe(name, () => {
      const text = corpus(name);
      const gaps = gapsOf(text);

      it('has gaps to visit, each a Chinese paragraph', () => {
        assert.ok(gaps.length >= 3, `${gaps.length}`);
        for (const g of gaps) assert.match(text.slice(g.start, g.end), /[\u4e00-\u9fff]/);
      });

      it('next from the top visits every gap in order, then wraps to the first', () => {
        let at = 0;
        const seen: Gap[] = [];
        for (let i = 0; i < gaps.length; i++) {
          const hit = nextGap(gaps, at)!;
          assert.strictEqual(hit.wrapped, false);
          assert.strictEqual(hit.index, i);
          seen.push(hit.gap);
          at = hit.gap.start;
        }
        assert.deepStrictEqual(seen, gaps);
        const wrap = nextGap(gaps, at)!;
        assert.deepStrictEqual([wrap.index, wrap.wrapped], [0, true]);
        assert.strictEqual(nextGap(gaps, at, false), undefined);
      });

      it('previous from the end visits every gap backwards, then wraps to the last', () => {
        let at = text.length;
        for (let i = gaps.length - 1; i >= 0; i--) {
          const hit = previousGap(gaps, at)!;
          assert.deepStrictEqual([hit.index, hit.wrapped], [i, false]);
          at = hit.gap.start;
        }
        const wrap = previousGap(gaps, at)!;
        assert.deepStrictEqual([wrap.index, wrap.wrapped], [gaps.length - 1, true]);
        assert.strictEqual(previousGap(gaps, at, false), undefined);
      });

      it('from inside a gap, next and previous skip that gap; previous then next comes back', () => {
        const g = gaps[1];
        const inside = Math.floor((g.start + g.end) / 2);
        assert.strictEqual(nextGap(gaps, inside)!.index, 2 % gaps.length);
        assert.strictEqual(previousGap(gaps, inside)!.index, 0);
        assert.strictEqual(nextGap(gaps, previousGap(gaps, g.start)!.gap.start)!.gap, g);
      });
    });
  }

  it('finds nothing to visit in complete and Chinese-only posts (seed 000, seed 001)', () => {
    assert.deepStrictEqual(gapsOf(seed(0)), []);
    assert.deepStrictEqual(gapsOf(seed(1)), []);
    assert.strictEqual(nextGap([], 0), undefined);
    assert.strictEqual(previousGap([], 10), undefined);
  });

  it('visits every paragraph of a Chinese-only post in "always" mode', () => {
    const gaps = gapsOf(seed(1), 'always');
    assert.ok(gaps.length > 20);
    assert.strictEqual(nextGap(gaps, 0)!.gap, gaps[0]);
  });

  it('moves by sections in a post of style C blocks', () => {
    const FM = "---\ntitle: t\ndate: '2025-01-01'\nlayout: post.njk\n---\n";
    const C = '<details>\n<summary>Original English Source</summary>\nOne.\n</details>';
    const text = `${FM}\n### 一\n\n中文一。\n\n${C}\n\n### 二\n\n中文二。\n\n### 三\n\n中文三。\n\n${C}\n\n### 四\n\n中文四。\n`;
    const gaps = gapsOf(text);
    assert.deepStrictEqual(gaps.map(g => text.slice(g.start, text.indexOf('\n', g.start))), ['### 二', '### 四']);
    assert.strictEqual(nextGap(gaps, text.indexOf('中文三'))!.index, 1);
    assert.strictEqual(previousGap(gaps, text.indexOf('中文三'))!.index, 0);
  });
});
