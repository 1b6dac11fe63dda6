// The post model: blocks with exact ranges, English blocks in styles A/B/C, and pairing, on real posts.
import * as assert from 'assert';
import { parsePost, type EnglishBlock, type TextBlock } from '../../src/core';
import { corpus, corpusNames, seed } from './realPosts';

const lineOf = (text: string, needle: string, from = 0) => text.slice(0, text.indexOf(needle, from)).split('\n').length - 1;

describe('post model', () => {
  it('pairs every Chinese paragraph of seed 000 with its style-A block, with exact ranges', () => {
    const text = seed(0);
    const post = parsePost(text);
    assert.strictEqual(post.english.length, 49);
    assert.ok(post.english.every(e => e.style === 'A' && e.closed && e.pClosed && e.summaryClose === 'summary'));
    const first = post.english[0];
    assert.strictEqual(first.line, lineOf(text, '<details>'));
    assert.strictEqual(text.slice(first.start, first.start + 9), '<details>');
    assert.strictEqual(text.slice(first.closeStart!, first.closeEnd!), '</details>');
    assert.strictEqual(first.label, 'View/Hide Original English');
    assert.strictEqual(text.slice(first.labelStart, first.labelEnd), 'View/Hide Original English');
    assert.ok(first.text.startsWith('We are witnessing the most sophisticated act'));
    assert.strictEqual(text.slice(first.textStart, first.textEnd), first.text);
    assert.ok(text.slice(first.textEnd).startsWith('</p>'));
    const para = post.blocks[first.pairedWith!] as TextBlock;
    assert.strictEqual(para.kind, 'text');
    assert.ok(para.text.startsWith('我们正在见证21世纪最复杂的'));
    assert.strictEqual(para.line, lineOf(text, '我们正在见证'));
    assert.strictEqual(para.translation, post.blocks.indexOf(first));
    const chinese = post.blocks.filter(b => b.kind === 'text' && b.hasChinese) as TextBlock[];
    assert.strictEqual(chinese.length, 49);
    assert.ok(chinese.every(b => b.translation !== undefined));
    assert.strictEqual(post.blocks.filter(b => b.kind === 'heading').length, 8);
  });

  it('finds the three summaries of seed 003 closed by </p> and still pairs them', () => {
    const text = seed(3);
    const post = parsePost(text);
    const bad = post.english.filter(e => e.summaryClose === 'p');
    assert.deepStrictEqual(bad.map(e => e.line + 1), [103, 147, 349]);
    assert.ok(bad.every(e => e.pairedWith !== undefined && e.closed && e.pClosed));
    assert.strictEqual(post.english.length, 72);
  });

  it('sees the Chinese-only seeds as having no English blocks', () => {
    for (const n of [1, 2]) {
      const post = parsePost(seed(n));
      assert.strictEqual(post.english.length, 0);
      assert.ok(post.blocks.some(b => b.kind === 'text' && b.hasChinese));
    }
  });

  it('reads style B blocks with speaker turns (a real post)', () => {
    const post = parsePost(corpus('-0zpuizDulg'));
    assert.strictEqual(post.english.length, 144);
    assert.ok(post.english.every(e => e.style === 'B' && e.closed));
    const e = post.english[0];
    assert.ok(e.text.startsWith('**Host**: So, I\'ve been reluctant'));
    const para = post.blocks[e.pairedWith!] as TextBlock;
    assert.strictEqual(para.unit, 'speaker');
  });

  it('reads style C blocks as section-level (a real post)', () => {
    const post = parsePost(corpus('-561cZmir5Q'));
    assert.strictEqual(post.english.length, 3);
    for (const e of post.english) {
      assert.strictEqual(e.style, 'C');
      assert.ok(e.sectionLevel);
      assert.ok(e.section && e.section.length >= 2, 'covers the section\'s paragraphs');
    }
    assert.ok(post.blocks.filter(b => b.kind === 'text').every(b => (b as TextBlock).sectionTranslation !== undefined));
  });

  it('lets a block much longer than its paragraph cover the untranslated paragraphs just before it (real posts)', () => {
    const post = parsePost(corpus('4n28-DoNxWs'));
    const raw = post.english.filter(e => e.style === 'B');
    assert.strictEqual(raw.length, 17);
    assert.ok(raw.filter(e => e.section && e.section.length > 1).length >= 10);
    const clean = parsePost(corpus('fhsrkvEY55s'));
    const zeke = clean.english.find(e => e.text.startsWith('My friend Zeke Faux'))!;
    assert.strictEqual(zeke.section?.length, 2, 'one block for two paragraphs');
    const seed0 = parsePost(seed(0));
    assert.ok(seed0.english.every(e => !e.section), 'normal blocks cover only their own paragraph');
  });

  it('pairs >> turn lines followed directly by <details> (a real post, no blank line before the block)', () => {
    const text = corpus('QBznUHAopxU');
    const post = parsePost(text);
    const turns = post.blocks.filter(b => b.kind === 'text' && b.unit === 'turn') as TextBlock[];
    assert.ok(turns.length > 300);
    assert.ok(turns.every(t => t.translation !== undefined));
  });

  it('finds unclosed <details>, unclosed english-text and stray tags where they are (a real post)', () => {
    const text = corpus('QBznUHAopxU');
    const post = parsePost(text);
    const stray = post.english.filter(e => e.stray.length);
    assert.ok(stray.some(e => e.line + 1 === 893 && e.closed && e.stray[0].tag === '</p>'));
    const last = post.english[post.english.length - 1];
    assert.strictEqual(last.closed, false);
    assert.strictEqual(last.pClosed, false);
    assert.ok(last.text.startsWith("The gender thing isn't quite"));
  });

  it('recognises a misspelled </details> and a doubled < (real posts)', () => {
    const typo = parsePost(corpus('pYN7ZULM84U')).english.find(e => e.closeTypo);
    assert.ok(typo);
    const junk = parsePost(corpus('FueX88st2OQ')).english.find(e => e.openJunk);
    assert.ok(junk);
  });

  it('keeps one list (and the paragraph introducing it) as one unit', () => {
    const post = parsePost('中文介绍：\n1. 第一\n2. 第二\n\n<details>\n<summary>View/Hide Original English</summary>\n<p class="english-text">Intro: 1. one 2. two</p>\n</details>\n');
    const units = post.blocks.filter(b => b.kind === 'text');
    assert.strictEqual(units.length, 1);
    assert.strictEqual((units[0] as TextBlock).translation, 1);
  });

  it('parses every real post with blocks inside the text, in order, without overlaps', () => {
    for (const name of corpusNames()) {
      const text = corpus(name);
      const post = parsePost(text);
      let prevEnd = post.bodyStart;
      for (const b of post.blocks) {
        assert.ok(b.start >= prevEnd && b.end >= b.start && b.end <= text.length, `${name}: block at line ${b.line + 1}`);
        assert.ok(b.endLine >= b.line);
        prevEnd = b.end;
      }
      for (const e of post.english as EnglishBlock[]) assert.ok(e.textStart >= e.start && e.textEnd <= e.end && e.labelStart <= e.labelEnd);
    }
  });

  it('is total: binary junk, unbalanced tags and a 10 MB post parse without throwing', () => {
    const junk = Array.from({ length: 20000 }, (_, i) => String.fromCharCode((i * 7919) % 65536)).join('');
    assert.ok(parsePost(junk));
    assert.ok(parsePost('<details>'.repeat(5000)));
    assert.ok(parsePost('---\n' + 'a: [\n'.repeat(2000)));
    const big = corpus('QBznUHAopxU').repeat(48);
    assert.ok(Buffer.byteLength(big) > 10_000_000);
    const post = parsePost(big);
    assert.ok(post.english.length > 30000);
  });
});
