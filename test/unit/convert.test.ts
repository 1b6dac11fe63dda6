// Whole-post conversions on real posts: alternating English/Chinese paragraphs into blocks, and style A <-> B.
import * as assert from 'assert';
import {
  applyEdits, applyPlan, convertStyle, defaultConfig, englishBlockText, eolOf, isBlankLine, labelForStyle, lintPost,
  paragraphLanguage, parsePost, planAlternating, unwrapEnglish, type Post, type TextBlock,
} from '../../src/core';
import { corpus, corpusNames, seed } from './realPosts';

const config = defaultConfig();
const apply = (text: string, r: { edits: { start: number; end: number; newText: string }[] }) => applyEdits(text, r.edits);
const textBlocks = (post: Post) => post.blocks.filter((b): b is TextBlock => b.kind === 'text');
const codes = (text: string) => lintPost(text, { config }).map(d => d.code);

describe('planAlternating on the real alternating posts', () => {
  for (const [name, pairs] of [['-6VqXRAxNdA.md', 11], ['zyw1HVOqpCQ.md', 89]] as const) {
    it(`${name}: English-first, ${pairs} pairs, nothing ambiguous; every Chinese paragraph ends up with its English`, () => {
      const post = parsePost(corpus(name));
      const english = textBlocks(post).filter(b => paragraphLanguage(b.text) === 'en').map(b => b.text);
      const chinese = textBlocks(post).filter(b => paragraphLanguage(b.text) === 'zh').map(b => b.text);
      const plan = planAlternating(post, { config });
      assert.strictEqual(plan.order, 'en-first');
      assert.strictEqual(plan.groups.length, pairs);
      assert.deepStrictEqual(plan.groups.filter(g => g.ambiguity), []);
      assert.deepStrictEqual(plan.notes, []);
      const out = parsePost(apply(post.text, applyPlan(plan, 'all')));
      assert.deepStrictEqual(out.english.map(e => e.text), english, 'the English is kept exactly, in order');
      assert.deepStrictEqual(textBlocks(out).map(b => b.text), chinese, 'only the Chinese paragraphs stay as paragraphs');
      assert.ok(textBlocks(out).every(b => b.translation !== undefined), 'each Chinese paragraph is followed by its block');
      assert.deepStrictEqual(codes(out.text).filter(c => ['missing-translation', 'orphan-translation', 'malformed-block', 'block-spacing'].includes(c)), []);
      // The front matter and headings are untouched.
      assert.strictEqual(out.text.slice(0, post.bodyStart), post.text.slice(0, post.bodyStart));
    });
  }

  it('Chinese-first: unwrapping every block of a clean real post and converting it back gives the post, or flags what differs', () => {
    let same = 0, flagged = 0;
    const posts = [0, 3].map(n => ({ name: `seed ${n}`, text: seed(n) })).concat(corpusNames().map(n => ({ name: n, text: corpus(n) })));
    for (const { name, text } of posts) {
      const p = parsePost(text);
      if (!p.english.length) continue;
      const eol = eolOf(text);
      const clean = p.english.every(e => e.style === 'A' && text.slice(e.start, e.end) === englishBlockText(e.text, 'A', config.defaultLabel, eol).text
        && paragraphLanguage(e.text) === 'en' && isBlankLine(p, e.line - 1) && isBlankLine(p, e.endLine + 1) && e.pairedWith !== undefined);
      if (!clean) continue;
      const flat = apply(text, unwrapEnglish(p, p.english.map(e => ({ anchor: e.start, active: e.start }))));
      const plan = planAlternating(parsePost(flat), { config });
      const back = apply(flat, applyPlan(plan, 'all'));
      if (back === text) { same++; assert.strictEqual(plan.order, 'zh-first', name); continue; }
      // Whatever does not come back exactly must have been listed for the author to look at.
      assert.ok(plan.groups.some(g => g.ambiguity), `${name} changed without any ambiguity listed`);
      flagged++;
    }
    assert.ok(same >= 15, `${same} posts came back exactly (${flagged} flagged)`);
  });

  it('a Chinese-only post and a fully translated post have nothing to convert', () => {
    for (const text of [seed(1), seed(0)]) {
      const plan = planAlternating(parsePost(text), { config });
      assert.deepStrictEqual(plan.groups, []);
    }
  });
});

describe('planAlternating: ambiguous and odd cases', () => {
  const block = (en: string) => englishBlockText(en, 'A', config.defaultLabel, '\n').text;

  it('pairs one English run with one Chinese run, and lists multi-paragraph runs as guesses', () => {
    const text = [
      '## One', 'First English.', '第一段中文。',
      '## Two', 'Two English A.', 'Two English B.', '第二节的中文。',
      '## Three', 'Three A.', 'Three B.', '第三节甲。', '第三节乙。',
    ].join('\n\n') + '\n';
    const plan = planAlternating(parsePost(text), { config });
    assert.strictEqual(plan.order, 'en-first');
    assert.strictEqual(plan.groups.length, 3);
    assert.strictEqual(plan.groups[0].ambiguity, undefined);
    assert.match(plan.groups[1].ambiguity!, /line 9: 2 English paragraphs and 1 Chinese paragraph: the English goes into one block/);
    assert.match(plan.groups[2].ambiguity!, /paired one by one/);
    const all = apply(text, applyPlan(plan, 'all'));
    assert.strictEqual(all, [
      '## One', '第一段中文。', block('First English.'),
      '## Two', '第二节的中文。', block('Two English A.<br><br>\nTwo English B.'),
      '## Three', '第三节甲。', block('Three A.'), '第三节乙。', block('Three B.'),
    ].join('\n\n') + '\n');
    const clear = apply(text, applyPlan(plan, 'clear'));
    assert.strictEqual(clear, text.replace('First English.\n\n第一段中文。', '第一段中文。\n\n' + block('First English.')));
  });

  it('Chinese-first posts pair each Chinese paragraph with the English after it', () => {
    const text = '中文一。\n\nEnglish one.\n\n中文二。\n\nEnglish two, S&P <b>.\n';
    const plan = planAlternating(parsePost(text), { config });
    assert.strictEqual(plan.order, 'zh-first');
    assert.strictEqual(apply(text, applyPlan(plan, 'all')), `中文一。\n\n${block('English one.')}\n\n中文二。\n\n${block('English two, S&P &lt;b>.')}\n`);
  });

  it('notes paragraphs of unclear language and leftovers, and leaves them alone', () => {
    const text = 'English first.\n\n中文。\n\nMixed 混合 paragraph with 中文 words here.\n\nLonely English at the end.\n';
    const plan = planAlternating(parsePost(text), { config });
    assert.strictEqual(plan.groups.length, 1);
    assert.deepStrictEqual(plan.notes.map(n => n.line), [4, 6]);
    assert.match(plan.notes[0].message, /mixed English and Chinese/);
    assert.match(plan.notes[1].message, /English with no Chinese paragraph/);
  });

  it('speaker labels and glossary notes do not decide a paragraph\'s language', () => {
    assert.strictEqual(paragraphLanguage('**Speaker B**: 是的。'), 'zh');
    assert.strictEqual(paragraphLanguage('武律: OK。'), 'zh');
    assert.strictEqual(paragraphLanguage('Wu Lü: OK.'), 'en');
    assert.strictEqual(paragraphLanguage('Barry Diller: Well, the **Fairness Doctrine** (公平原则: 曾要求广播公司在有争议的公共事务上公平呈现不同观点的政策) was a tenet.'), 'en');
    assert.strictEqual(paragraphLanguage('主持人: 成功什么也教不了你，但失败确实能教你很多。'), 'zh');
    assert.strictEqual(paragraphLanguage('---'), 'none');
  });
});

describe('convertStyle', () => {
  const conv = (text: string, to: 'A' | 'B') => apply(text, convertStyle(parsePost(text), to, config));

  it('A -> B -> A and B -> A -> B give back every real post once its blocks are in canonical form', () => {
    let n = 0;
    for (const name of corpusNames()) {
      const text = corpus(name);
      for (const to of ['A', 'B'] as const) {
        const other = to === 'A' ? 'B' : 'A';
        const canonical = conv(conv(text, other), to);
        assert.strictEqual(conv(conv(canonical, other), to), canonical, `${name} to ${to}`);
        n++;
      }
    }
    assert.strictEqual(n, corpusNames().length * 2);
  });

  it('converts a real style-A post to style B keeping each English text and pairing', () => {
    const post = parsePost(seed(0));
    const out = parsePost(conv(post.text, 'B'));
    assert.strictEqual(out.english.length, post.english.length);
    assert.ok(out.english.every(e => e.style === 'B'));
    // Labels map one to one; the seed's typo "View/Hide Original Original English" stays a typo for the linter to flag.
    assert.deepStrictEqual(out.english.map(e => e.label), post.english.map(e => labelForStyle(e.label, 'B', config)));
    assert.strictEqual(out.english.filter(e => e.label === 'Original English').length, post.english.length - 1);
    assert.deepStrictEqual(out.english.map(e => e.text), post.english.map(e => e.text));
    assert.deepStrictEqual(out.english.map(e => e.pairedWith), post.english.map(e => e.pairedWith));
  });

  it('converts a real style-B post to style A, escaping what HTML would eat', () => {
    const post = parsePost(corpus('-0zpuizDulg.md'));
    const r = convertStyle(post, 'A', config);
    const out = parsePost(apply(post.text, r));
    const converted = out.english.filter(e => e.style === 'A');
    assert.ok(converted.length > 100);
    assert.ok(converted.every(e => e.label === 'View/Hide Original English' && e.pClosed && e.closed));
    assert.ok(converted.every(e => !/\n\s*\n/.test(e.text)), 'no blank line inside the <p>');
    assert.ok(converted.some(e => e.text.includes('<br><br>')), 'multi-paragraph English joined by <br><br>');
    // Its bodies start with **Speaker**: labels, which a <p> shows with the asterisks: the command says so.
    assert.match(r.messages.join(' '), /^\d+ of the English blocks hold Markdown \(like \*\*bold\*\* or links\) that the site shows as typed/m);
  });

  it('leaves section-level blocks and malformed blocks alone, and says so', () => {
    const c = convertStyle(parsePost(corpus('-561cZmir5Q.md')), 'A', config);
    assert.deepStrictEqual(c.edits, []);
    assert.match(c.messages.join(' '), /section-level "Original English Source" blocks were left as is/);
    const q = convertStyle(parsePost(corpus('QBznUHAopxU.md')), 'B', config);
    assert.ok(q.edits.length > 700);
    assert.match(q.messages.join(' '), /line 4717 was left as is: it has no `<\/details>`/);
  });

  it('maps labels between the styles and keeps the ones it does not know', () => {
    assert.strictEqual(labelForStyle('View/Hide Original English', 'B', config), 'Original English');
    assert.strictEqual(labelForStyle('View/Hide Original Chinese', 'B', config), 'Original Chinese');
    assert.strictEqual(labelForStyle('Original Chinese', 'A', config), 'View/Hide Original Chinese');
    assert.strictEqual(labelForStyle('Original English', 'A', config), 'View/Hide Original English');
    const bilingual = '查看/隐藏英文原文 / View/Hide Original English';
    assert.strictEqual(labelForStyle(bilingual, 'B', config), bilingual);
    assert.strictEqual(labelForStyle('Original English', 'A', { ...config, defaultLabel: bilingual }), bilingual);
    assert.strictEqual(labelForStyle(bilingual, 'B', { ...config, defaultLabel: bilingual }), 'Original English');
  });
});
