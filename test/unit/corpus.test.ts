// Every real corpus post: no crash, no false positives on the clean ones, and each census mistake found where it is.
import * as assert from 'assert';
import { defaultConfig, EntityIndex, lintPost, parsePost, translationPlan, type Code, type Diagnostic } from '../../src/core';
import { corpus, corpusNames, corpusNotes, seed } from './realPosts';

describe('the real corpus', () => {
  const config = defaultConfig();
  const index = new EntityIndex(config);
  const results = new Map<string, Diagnostic[]>();
  const texts = new Map<string, string>();
  before(() => {
    for (const n of corpusNames()) { texts.set(n, corpus(n)); index.updateText(n, texts.get(n)!); }
    for (const n of [0, 1, 2, 3]) index.updateText(`seed${n}`, seed(n));
    for (const [n, t] of texts) results.set(n, lintPost(t, { config, entities: index, file: n }));
  });
  const notes = corpusNotes();
  const withNote = (tag: string) => [...notes].filter(([, why]) => why.split(/,\s*/).some(w => w === tag || w.startsWith(tag + ':'))).map(([n]) => n);
  const count = (n: string, code: Code) => results.get(n)!.filter(d => d.code === code).length;

  it('lints all 60 posts, every diagnostic inside the text', () => {
    assert.strictEqual(results.size, 60);
    for (const [n, ds] of results) for (const d of ds) assert.ok(d.start <= d.end && d.end <= texts.get(n)!.length, n);
  });

  it('finds nothing wrong in the clean posts (but the one real [BODY_END] leftover)', () => {
    const clean = withNote('clean_canonical');
    assert.ok(clean.length >= 7, clean.join());
    for (const n of clean) {
      const ds = results.get(n)!;
      const unexpected = ds.filter(d => !(n === 'JV-wY5pxXLo.md' && d.code === 'block-spacing' && texts.get(n)!.slice(d.start, d.end) === '[BODY_END]'));
      assert.deepStrictEqual(unexpected.map(d => `${d.range.start.line + 1} ${d.code}`), [], n);
    }
  });

  it('finds every summary closed by </p> (summary_p)', () => {
    for (const n of withNote('summary_p')) {
      const expected = (texts.get(n)!.match(/<summary>[^<\n]*<\/p>/g) ?? []).length;
      assert.ok(expected > 0, n);
      assert.strictEqual(results.get(n)!.filter(d => d.code === 'malformed-block' && /closed by `<\/p>`/.test(d.message)).length, expected, n);
    }
  });

  it('finds "Original Original English" and other label typos (orig_orig, typo_summary)', () => {
    for (const n of [...withNote('orig_orig'), ...withNote('typo_summary')]) assert.ok(count(n, 'summary-label') >= 1, n);
  });

  it('finds unclosed english-text and unbalanced <details> (unclosed_p, unbalanced)', () => {
    for (const n of withNote('unclosed_p')) assert.ok(results.get(n)!.some(d => d.code === 'malformed-block' && /never closed: add `<\/p>`/.test(d.message)), n);
    for (const n of withNote('unbalanced')) {
      const t = texts.get(n)!;
      const open = (t.match(/<details>/g) ?? []).length, close = (t.match(/<\/details>/g) ?? []).length;
      assert.ok(open !== close || count(n, 'malformed-block') > 0, n);
      assert.ok(count(n, 'malformed-block') >= 1, n);
    }
  });

  it('finds empty English blocks (empty_eng) and Chinese inside English (cjk_in_eng)', () => {
    for (const n of withNote('empty_eng')) {
      const expected = (texts.get(n)!.match(/<p class="english-text">\s*<\/p>/g) ?? []).length;
      assert.ok(expected > 0 && count(n, 'empty-translation') >= expected, n);
    }
    // cjk_in_eng counts any Chinese inside English (glossary terms too); only mostly-Chinese blocks are flagged.
    assert.ok(count('ANjiJQQIBo0.md', 'chinese-in-english') >= 25);
    assert.ok(count('cDtREXA8kO4.md', 'chinese-in-english') >= 25);
    assert.strictEqual(count('0kVjjV0U35Y.md', 'chinese-in-english'), 0);
  });

  it('finds the missing translations (zh_missing5) and none in Chinese-only posts', () => {
    for (const n of withNote('zh_missing5')) assert.ok(count(n, 'missing-translation') >= 5, `${n}: ${count(n, 'missing-translation')}`);
    for (const n of [...withNote('other_style'), ...withNote('posts/ dir (Chinese-only article)')]) {
      if (/Original English bare-markdown|Original English Source/.test(notes.get(n)!)) continue;
      assert.strictEqual(count(n, 'missing-translation'), 0, n);
      assert.strictEqual(translationPlan(parsePost(texts.get(n)!), 'auto').mode, 'chinese-only', n);
    }
  });

  it('accepts the conventions: blocks right under paragraphs, <br>, >> turns, bare dates, the legacy companies key, style B and C', () => {
    for (const n of withNote('no_blank_before')) {
      const post = parsePost(texts.get(n)!);
      const glued = post.english.filter(e => e.pairedWith !== undefined && post.blocks[e.pairedWith].endLine + 1 === e.line);
      assert.ok(glued.length > 0, n);
    }
    for (const n of withNote('date_bare')) assert.strictEqual(count(n, 'frontmatter-date'), 0, n);
    for (const n of withNote('companies_key')) assert.strictEqual(count(n, 'frontmatter-unknown-key'), 0, n);
    for (const n of withNote('br')) assert.ok(!results.get(n)!.some(d => /<br>/.test(d.message)), n);
    for (const n of withNote('gg_lines')) {
      const post = parsePost(texts.get(n)!);
      assert.ok(post.blocks.some(b => b.kind === 'text' && b.unit === 'turn' && b.translation !== undefined), n);
    }
    for (const n of ['-0zpuizDulg.md', 'F5LqrSt0YFI.md', 'k1njvbBmfsw.md', '-561cZmir5Q.md', 'vUARtyOvh5U.md']) {
      assert.strictEqual(count(n, 'orphan-translation') + count(n, 'malformed-block'), 0, n);
    }
  });

  it('finds the real front-matter mistakes: a ---- fence and quoted [] lists', () => {
    assert.ok(count('Atw2h2qCL4o.md', 'frontmatter-yaml') >= 1);
    assert.strictEqual(count('CBneTpXF1CQ.md', 'frontmatter-type'), 2);
  });

  it('finds entity spelling variants across posts (NVIDIA vs Nvidia)', () => {
    const all = [...results.entries()].flatMap(([n, ds]) => ds.filter(d => d.code === 'entity-variant').map(d => texts.get(n)!.slice(d.start, d.end)));
    assert.ok(all.includes('NVIDIA'), all.join());
  });
});
