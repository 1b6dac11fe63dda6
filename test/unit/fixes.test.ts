// Fixes on every real post: fix-all leaves nothing fixable and no new kinds of problem, each quick fix removes its
// diagnostic, line hunks rebuild the fixed text exactly, and the per-post summary the status bar and report show.
import * as assert from 'assert';
import * as fc from 'fast-check';
import {
  applyEdits, compareWorst, composeEdits, defaultConfig, EntityIndex, fixAll, lintPost, parsePost, statusText, summarizePost,
  translationPlan, type Code, type Diagnostic, type LintContext, type PostSummary,
} from '../../src/core';
import { corpus, corpusNames, seed } from './realPosts';

const countCodes = (ds: Diagnostic[]) => { const m = new Map<Code, number>(); for (const d of ds) m.set(d.code, (m.get(d.code) ?? 0) + 1); return m; };
const fixable = (ds: Diagnostic[]) => ds.filter(d => d.fixes.some(f => f.preferred));

describe('fixes on real posts', () => {
  const config = defaultConfig();
  const entities = new EntityIndex(config);
  const posts = new Map<string, string>();
  before(() => {
    for (const n of corpusNames()) posts.set(n, corpus(n));
    for (const n of [0, 1, 2, 3]) posts.set(`seed ${n}`, seed(n));
    for (const [n, t] of posts) entities.updateText(n, t);
  });
  const ctxOf = (file: string): LintContext => ({ config, entities, file });

  it('fix-all on each of the 60 corpus posts and 4 seeds leaves no fixable diagnostic and no new diagnostic code', () => {
    assert.strictEqual(posts.size, 64);
    let fixedPosts = 0, fixedTotal = 0;
    for (const [n, text] of posts) {
      const ctx = ctxOf(n);
      const before = lintPost(text, ctx);
      const out = fixAll(text, ctx);
      const after = lintPost(out.text, ctx);
      assert.deepStrictEqual(fixable(after).map(d => `${d.range.start.line + 1} ${d.code}`), [], `${n}: fixable diagnostics left`);
      const was = countCodes(before);
      const now = countCodes(after);
      for (const [code, k] of now) {
        assert.ok(was.has(code), `${n}: fix-all made a new kind of problem: ${code}`);
        // What has no automatic fix stays as it was (a fix may also resolve it, never add to it).
        assert.ok(k <= was.get(code)!, `${n}: ${code} went from ${was.get(code)} to ${k}`);
      }
      assert.strictEqual(fixAll(out.text, ctx).text, out.text, `${n}: fix-all is idempotent`);
      // The edits the editor applies: small, ascending, non-overlapping, and they rebuild the fixed text exactly.
      assert.strictEqual(applyEdits(text, out.edits), out.text, `${n}: edits`);
      for (let i = 1; i < out.edits.length; i++) assert.ok(out.edits[i - 1].end <= out.edits[i].start, `${n}: edits in order`);
      if (out.edits.length) {
        fixedPosts++;
        fixedTotal += fixable(before).length;
        assert.ok(out.edits.length >= fixable(before).length / 2, `${n}: ${out.edits.length} edits for ${fixable(before).length} fixes`);
        assert.ok(out.edits.every(e => e.end - e.start < 200 && e.newText.length < 200), `${n}: every edit is small`);
      }
    }
    assert.ok(fixedPosts >= 25, `posts with something to fix: ${fixedPosts}`);
    assert.ok(fixedTotal >= 900, `fixable diagnostics: ${fixedTotal}`);
  });

  it('fix-all on seed 003 repairs the three summaries closed by </p> and touches nothing else', () => {
    const text = posts.get('seed 3')!;
    const ds = lintPost(text, ctxOf('seed 3'));
    assert.deepStrictEqual(ds.map(d => d.code), ['malformed-block', 'malformed-block', 'malformed-block']);
    const out = fixAll(text, ctxOf('seed 3'));
    assert.deepStrictEqual(lintPost(out.text, ctxOf('seed 3')), []);
    assert.strictEqual(out.edits.length, 3, 'one small edit per summary');
    for (const h of out.edits) {
      assert.deepStrictEqual([text.slice(h.start, h.end), h.newText], ['</p>', '</summary>']);
      const lineStart = text.lastIndexOf('\n', h.start) + 1;
      assert.match(text.slice(lineStart, text.indexOf('\n', h.start)), /^<summary>View\/Hide Original English<\/p>$/);
    }
  });

  it('each quick fix of each code on the corpus removes its diagnostic (up to 3 per code per post)', () => {
    const tried = new Map<Code, number>();
    for (const [n, text] of posts) {
      const ctx = ctxOf(n);
      const before = lintPost(text, ctx);
      const seen = new Map<Code, number>();
      for (const d of before) {
        if (!d.fixes.length || (seen.get(d.code) ?? 0) >= 3) continue;
        seen.set(d.code, (seen.get(d.code) ?? 0) + 1);
        for (const fix of d.fixes) {
          const out = applyEdits(text, fix.edits);
          const after = lintPost(out, ctx);
          const delta = out.length - text.length;
          // The same problem would now sit at the same place (before the edit) or shifted by the edit (after it).
          const still = after.some(a => a.code === d.code && a.message === d.message && (a.start === d.start || a.start === d.start + delta) && (a.end - a.start) === (d.end - d.start));
          assert.ok(!still, `${n} line ${d.range.start.line + 1}: "${fix.title}" leaves its ${d.code}`);
          assert.ok(countCodes(after).get(d.code)! < countCodes(before).get(d.code)! || !countCodes(after).has(d.code), `${n}: ${d.code} count went down`);
          if (fix.cursor !== undefined) {
            assert.ok(fix.cursor >= 0 && fix.cursor <= out.length, `${n}: cursor inside the text`);
            // An inserted block puts the cursor where the English goes.
            assert.match(out.slice(Math.max(0, fix.cursor - 40), fix.cursor), /(<p class="english-text">|<summary>[^<]*<\/summary>\r?\n\r?\n)$/, `${n}: cursor where the English goes`);
          }
          tried.set(d.code, (tried.get(d.code) ?? 0) + 1);
        }
      }
    }
    // The corpus exercises the fixes the editor offers most: block repairs, labels, spacing, entities, front matter.
    for (const code of ['missing-translation', 'malformed-block', 'summary-label', 'block-spacing', 'entity-variant', 'frontmatter-type', 'frontmatter-yaml', 'chinese-in-english'] as Code[]) {
      assert.ok((tried.get(code) ?? 0) > 0, `a ${code} fix was tried: ${JSON.stringify([...tried])}`);
    }
  });

  it('renames an unknown key to the suggested one (a real post with a typo put in)', () => {
    const text = posts.get('seed 0')!.replace(/^category:/m, 'catgory:');
    const d = lintPost(text, ctxOf('x')).find(x => x.code === 'frontmatter-unknown-key');
    assert.ok(d, 'catgory is flagged');
    assert.strictEqual(text.slice(d.start, d.end), 'catgory');
    const out = applyEdits(text, d.fixes[0].edits);
    assert.strictEqual(out, posts.get('seed 0'));
  });
});

describe('composeEdits', () => {
  it('maps a second round of edits back onto the original text, merging only where edits meet', () => {
    const t0 = 'aaa bbb ccc ddd';
    const first = [{ start: 4, end: 7, newText: 'BBBB' }, { start: 12, end: 15, newText: 'D' }];
    const t1 = applyEdits(t0, first); // 'aaa BBBB ccc D'
    const second = [{ start: 0, end: 1, newText: 'X' }, { start: 8, end: 8, newText: '!' }, { start: 9, end: 12, newText: 'C' }];
    const t2 = applyEdits(t1, second); // 'Xaa BBBB! C D'
    const composed = composeEdits(t1, first, second);
    assert.deepStrictEqual(composed, [
      { start: 0, end: 1, newText: 'X' },
      { start: 4, end: 7, newText: 'BBBB!' }, // the insert touches the first round's edit: one edit
      { start: 8, end: 11, newText: 'C' },
      { start: 12, end: 15, newText: 'D' },
    ]);
    assert.strictEqual(applyEdits(t0, composed), t2);
  });

  it('rebuilds the text of any two rounds of random edits (property)', () => {
    const editsOf = (len: number) => fc.array(fc.tuple(fc.nat(len), fc.nat(3), fc.stringMatching(/^[xy中\n]{0,3}$/)), { maxLength: 6 }).map(raw => {
      // Non-overlapping and not touching, as fix-all chooses them.
      const out: { start: number; end: number; newText: string }[] = [];
      for (const [at, len0, newText] of [...raw].sort((a, b) => a[0] - b[0])) {
        const start = Math.min(at, len), end = Math.min(start + len0, len);
        if (out.length && start <= out[out.length - 1].end) continue;
        out.push({ start, end, newText });
      }
      return out;
    });
    fc.assert(fc.property(fc.stringMatching(/^[ab\n]{0,20}$/).chain(t0 => fc.tuple(fc.constant(t0), editsOf(t0.length))).chain(([t0, first]) => {
      const t1 = applyEdits(t0, first);
      return fc.tuple(fc.constant(t0), fc.constant(first), editsOf(t1.length));
    }), ([t0, first, second]) => {
      const t1 = applyEdits(t0, first);
      const composed = composeEdits(t1, first, second);
      for (let i = 1; i < composed.length; i++) assert.ok(composed[i - 1].end <= composed[i].start, 'ascending, non-overlapping');
      assert.strictEqual(applyEdits(t0, composed), applyEdits(t1, second));
    }), { numRuns: 1000 });
  });

  it('keeps fix-all on a 10 MB post made of real paragraphs to small edits', () => {
    const src = corpus('vjE3VUuOMFg.md');
    const fmEnd = src.indexOf('\n---', 4) + 5;
    const body = src.slice(fmEnd);
    const copies = Math.ceil((10 * 1024 * 1024 - Buffer.byteLength(src)) / Buffer.byteLength(body));
    const text = src + body.repeat(copies);
    assert.ok(Buffer.byteLength(text) >= 10 * 1024 * 1024);
    const config = defaultConfig();
    const out = fixAll(text, { config });
    const fixes = lintPost(text, { config }).length;
    assert.ok(fixes > 5000, `${fixes}`);
    assert.strictEqual(out.edits.length, fixes, 'one edit per blank line inserted');
    assert.strictEqual(applyEdits(text, out.edits), out.text);
    assert.deepStrictEqual(lintPost(out.text, { config }), []);
  });
});

describe('post summary', () => {
  const config = defaultConfig();
  const summaryOf = (text: string) => {
    const post = parsePost(text);
    return summarizePost(translationPlan(post, config.translationMode), lintPost(post, { config }));
  };

  it('says "EN 49/49" and the problem count for seed 000, and where to look first', () => {
    const text = seed(0);
    const s = summaryOf(text);
    assert.strictEqual(s.coverage, 'EN 49/49');
    assert.strictEqual(s.problems, 1);
    assert.strictEqual(statusText(s), 'EN 49/49 · 1 problem');
    assert.strictEqual(s.focus, lintPost(text, { config })[0].start);
  });

  it('says Chinese-only for seed 001, and counts missing translations in a corpus post', () => {
    assert.strictEqual(statusText(summaryOf(seed(1))), 'Chinese-only · no problems');
    const s = summaryOf(corpus('I4l1fr-t3ZE.md'));
    const post = parsePost(corpus('I4l1fr-t3ZE.md'));
    const plan = translationPlan(post, 'auto');
    assert.ok(plan.missing.length >= 5 && plan.total >= 15, `${plan.translated}/${plan.total}`);
    assert.strictEqual(s.coverage, `EN ${plan.translated}/${plan.total}`);
    assert.strictEqual(s.missing, plan.missing.length);
    assert.strictEqual(s.focus, translationPlan(post, 'auto').missing[0].start, 'no errors: the first missing translation');
  });

  it('puts the first error first, before missing translations', () => {
    const s = summaryOf(seed(3));
    assert.strictEqual(s.errors, 3);
    assert.strictEqual(s.focus, lintPost(seed(3), { config })[0].start);
  });

  it('orders posts worst first: errors, then least translated, then most problems', () => {
    const mk = (o: Partial<PostSummary>): PostSummary => ({ coverage: '', mode: 'paragraph', total: 10, translated: 10, missing: 0, errors: 0, warnings: 0, others: 0, problems: 0, ...o });
    const clean = mk({});
    const chineseOnly = mk({ mode: 'chinese-only', total: 0, translated: 0 });
    const half = mk({ translated: 5, missing: 5, warnings: 5, problems: 5 });
    const mostly = mk({ translated: 9, missing: 1, warnings: 1, problems: 1 });
    const broken = mk({ errors: 1, problems: 1 });
    const noisy = mk({ warnings: 40, problems: 40 });
    const sorted = [clean, chineseOnly, mostly, noisy, broken, half].sort(compareWorst);
    assert.deepStrictEqual(sorted, [broken, half, mostly, noisy, clean, chineseOnly]);
  });

  it('orders the real corpus with errors first and complete clean posts last', () => {
    const rows = corpusNames().map(n => ({ n, s: summaryOf(corpus(n)) })).sort((a, b) => compareWorst(a.s, b.s));
    const firstClean = rows.findIndex(r => r.s.errors === 0);
    assert.ok(firstClean > 0, 'some corpus posts have errors');
    assert.ok(rows.slice(firstClean).every(r => r.s.errors === 0), 'errors come first');
    const last = rows[rows.length - 1].s;
    assert.strictEqual(last.errors + last.missing, 0);
    // Among posts without errors, coverage never gets worse further down.
    const ratios = rows.slice(firstClean).map(r => r.s.total ? r.s.translated / r.s.total : 1);
    for (let i = 1; i < ratios.length; i++) assert.ok(ratios[i] >= ratios[i - 1], `${rows[firstClean + i].n}`);
  });
});
