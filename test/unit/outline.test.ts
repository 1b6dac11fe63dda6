// The outline (headings with each section's coverage) and the folding ranges, on real posts.
import * as assert from 'assert';
import { foldingRanges, parsePost, postOutline, sectionDetail, translationPlan, type OutlineSection } from '../../src/core';
import { corpus, corpusNames, seed } from './realPosts';

const flat = (ss: OutlineSection[]): OutlineSection[] => ss.flatMap(s => [s, ...flat(s.children)]);

describe('postOutline', () => {
  it('lists a fully translated post\'s headings, each with its coverage', () => {
    const post = parsePost(seed(0));
    const o = postOutline(post, 'auto');
    assert.strictEqual(o.mode, 'paragraph');
    const headings = post.blocks.filter(b => b.kind === 'heading');
    assert.deepStrictEqual(flat(o.sections).map(s => s.line), headings.map(h => h.line));
    assert.strictEqual(o.sections[0].heading, 'AI经济的金融工程与潜在泡沫');
    assert.strictEqual(sectionDetail(o.mode, o.sections[0]), 'EN 4/4');
    assert.ok(flat(o.sections).every(s => s.translated === s.total && s.missing.length === 0));
  });

  it('shows where English is missing, paragraph by paragraph, matching the linter\'s count', () => {
    const post = parsePost(corpus('I4l1fr-t3ZE.md'));
    const o = postOutline(post, 'auto');
    const plan = translationPlan(post, 'auto');
    const all = flat(o.sections);
    assert.deepStrictEqual(all.flatMap(s => s.missing.map(m => m.line)), plan.missing.map(g => g.line));
    assert.strictEqual(o.sections.reduce((n, s) => n + s.total, 0), plan.total);
    assert.strictEqual(o.sections.reduce((n, s) => n + s.translated, 0), plan.translated);
    const last = all[all.length - 1];
    assert.strictEqual(sectionDetail(o.mode, last), 'EN 3/6');
    assert.match(last.missing[0].text, /^最大的误解之一是认为信息就是真相/);
  });

  it('counts sections for a style-C post and nothing for a Chinese-only post', () => {
    const c = postOutline(parsePost(corpus('-561cZmir5Q.md')), 'auto');
    assert.strictEqual(c.mode, 'section');
    assert.ok(c.sections.length >= 3);
    assert.ok(c.sections.every(s => /^EN \d\/\d sections?$/.test(sectionDetail(c.mode, s))));
    const z = postOutline(parsePost(seed(1)), 'auto');
    assert.strictEqual(z.mode, 'chinese-only');
    assert.ok(z.sections.length > 0 && z.sections.every(s => sectionDetail(z.mode, s) === ''));
  });

  it('nests headings by level and rolls coverage up into the parent', () => {
    const text = '# Top\n\n中文一。\n\n## Sub\n\n中文二。\n\n<details>\n<summary>View/Hide Original English</summary>\n<p class="english-text">Two.</p>\n</details>\n\n# Next\n\n中文三。\n';
    const o = postOutline(parsePost(text), 'always');
    assert.deepStrictEqual(o.sections.map(s => [s.heading, s.total, s.translated, s.children.length]), [['Top', 2, 1, 1], ['Next', 1, 0, 0]]);
    assert.strictEqual(o.sections[0].endLine, 11, 'a section runs to the end of its subsections');
    assert.deepStrictEqual(o.sections[0].missing.map(m => m.line), [2]);
  });

  it('never throws on any real post, and sections cover ascending, non-overlapping line ranges', () => {
    for (const name of corpusNames()) {
      const o = postOutline(parsePost(corpus(name)), 'auto');
      const top = o.sections;
      for (let i = 1; i < top.length; i++) assert.ok(top[i].line > top[i - 1].endLine, `${name}: ${top[i].heading}`);
    }
  });
});

describe('foldingRanges', () => {
  it('gives the front matter and every English block of a real post a range', () => {
    const post = parsePost(seed(0));
    const ranges = foldingRanges(post);
    assert.deepStrictEqual(ranges[0], { start: 0, end: 49, kind: 'frontmatter' });
    const english = ranges.filter(r => r.kind === 'english');
    assert.strictEqual(english.length, post.english.length);
    for (const r of english) {
      assert.match(post.lines.lineText(r.start), /^<details>/);
      assert.match(post.lines.lineText(r.end), /<\/details>/);
    }
  });

  it('has no range for one-line blocks or a post without front matter', () => {
    const text = '中文。\n\n<details><summary>Original English</summary>One line.</details>\n';
    assert.deepStrictEqual(foldingRanges(parsePost(text)), []);
    const noFm = parsePost(seed(0).replace(/^---\n[\s\S]*?\n---\n/, ''));
    assert.ok(noFm.english.length > 0);
    assert.ok(!foldingRanges(noFm).some(r => r.kind === 'frontmatter'));
    assert.strictEqual(foldingRanges(noFm).length, noFm.english.length);
  });
});
