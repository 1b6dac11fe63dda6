// Property-based tests of the core with fast-check: random text and real posts mutated at random.
// CI runs a fixed seed; a long campaign: FUZZ_RUNS=20000 FUZZ_SEED=<n> npm run fuzz
import * as assert from 'assert';
import fc from 'fast-check';
import { applyEdits, defaultConfig, fixAll, lintPost, parsePost, type Diagnostic, type LintContext } from '../../src/core';
import { corpus, seed } from './realPosts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const SEED = Number(process.env.FUZZ_SEED ?? 20261122);
const params = { numRuns: RUNS, seed: SEED };
let checked = 0;

const ctx: LintContext = { config: defaultConfig() };

/** Real posts, cut to a size that keeps each case fast; mutations are applied to these. */
const bases = [seed(0), seed(1), seed(3), corpus('QBznUHAopxU').slice(0, 12000), corpus('-0zpuizDulg').slice(0, 9000), corpus('-561cZmir5Q').slice(0, 8000), corpus('Atw2h2qCL4o').slice(0, 5000), corpus('pYN7ZULM84U').slice(0, 20000)].map(t => t.slice(0, 20000));

const fragments = ['<details>', '</details>', '<summary>', '</summary>', '<summary>View/Hide Original English</summary>', '<p class="english-text">', '</p>', '<p class="english">', '---', '----', '\n', '\r\n', '\n\n', '### 标题', '中文段落。', 'English text.', '>> ', '**Host:** ', '- item', 'tags:', 'title: "x', '<!--', '-->', '```', '\u0000', '\uFEFF', 'date: 2025-13-45', '[]', "'[]'", ': ', '&amp;', '<script>alert(1)</script>'];

/** A mutation of a real post: tags cut, lines swapped, CRLF mixed in, YAML broken, bytes and fragments inserted. */
const mutated = fc.tuple(fc.integer({ min: 0, max: bases.length - 1 }), fc.array(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.nat(), fc.nat(), fc.integer({ min: 0, max: fragments.length - 1 }), fc.string({ maxLength: 8 })), { minLength: 1, maxLength: 6 }))
  .map(([b, muts]) => {
    let t = bases[b];
    for (const [kind, p1, p2, f, s] of muts) {
      const at = t.length ? p1 % t.length : 0;
      switch (kind) {
        case 0: t = t.slice(0, at) + t.slice(at + 1 + (p2 % 40)); break; // cut a span (tags, fences)
        case 1: { const ls = t.split('\n'); const i = p1 % ls.length, j = p2 % ls.length; [ls[i], ls[j]] = [ls[j], ls[i]]; t = ls.join('\n'); break; }
        case 2: t = t.replace(/\n/g, (m, off: number) => (off % 3 === p2 % 3 ? '\r\n' : m)); break;
        case 3: t = t.slice(0, at) + fragments[f] + t.slice(at); break;
        case 4: t = t.slice(0, at) + s + t.slice(at); break;
        case 5: t = t.replace(/^(---\n[\s\S]*?)\n/, (_m, head: string) => head + '\n  bad: [unclosed\n'); break; // break the YAML
        default: t = t.slice(0, at) + String.fromCharCode(p2 % 0x10000) + t.slice(at); break;
      }
    }
    return t;
  });

const anyText = fc.oneof(fc.string({ maxLength: 400 }), fc.string({ unit: 'binary', maxLength: 200 }), fc.array(fc.constantFrom(...fragments), { maxLength: 60 }).map(a => a.join('')), mutated);

function internalErrors(ds: Diagnostic[]): Diagnostic[] { return ds.filter(d => d.message.startsWith('Internal error')); }

describe(`fuzz (${RUNS} cases per property, seed ${SEED})`, () => {
  after(() => { console.log(`      fuzz: ${checked} generated cases checked`); });

  it('the parser never throws and its ranges lie inside the text without overlapping', () => {
    fc.assert(fc.property(anyText, text => {
      checked++;
      const post = parsePost(text);
      let prev = post.bodyStart;
      for (const b of post.blocks) {
        assert.ok(b.start >= prev && b.start <= b.end && b.end <= text.length, `block ${b.kind} at line ${b.line}: ${b.start}-${b.end} after ${prev} in ${text.length}`);
        prev = b.end;
      }
      for (const e of post.frontMatter?.entries ?? []) assert.ok(e.keyStart < e.keyEnd && e.end <= text.length, `entry ${e.key} ${e.keyStart}-${e.keyEnd}-${e.end}`);
      return true;
    }), params);
  });

  it('the rules never throw and every diagnostic lies inside the text', () => {
    fc.assert(fc.property(anyText, text => {
      checked++;
      const ds = lintPost(text, ctx);
      assert.deepStrictEqual(internalErrors(ds).map(d => d.message), []);
      return ds.every(d => d.start <= d.end && d.end <= text.length && d.fixes.every(f => f.edits.every(e => e.start <= e.end && e.end <= text.length)));
    }), params);
  });

  it('applying any offered fix removes that diagnostic and adds none of another kind', () => {
    fc.assert(fc.property(mutated, fc.nat(), (text, pick) => {
      checked++;
      const before = lintPost(text, ctx);
      const fixable = before.filter(d => d.fixes.length);
      if (!fixable.length) return true;
      const d = fixable[pick % fixable.length];
      const after = lintPost(applyEdits(text, d.fixes[0].edits), ctx);
      const key = (x: Diagnostic) => x.code;
      const count = (ds: Diagnostic[], code: string) => ds.filter(x => key(x) === code).length;
      assert.ok(count(after, d.code) < count(before, d.code), `fix "${d.fixes[0].title}" for ${d.code} at ${d.start} did not remove it`);
      // Inserting an English block leaves it empty until the author writes it: the one expected newcomer.
      const allowed = new Set([d.code, ...(d.code === 'missing-translation' ? ['empty-translation'] : [])]);
      for (const x of after) {
        if (allowed.has(x.code)) continue;
        assert.ok(count(after, x.code) <= count(before, x.code), `fix "${d.fixes[0].title}" for ${d.code} added ${x.code}: ${x.message}`);
      }
      return true;
    }), params);
  });

  it('fix-all twice equals fix-all once', () => {
    fc.assert(fc.property(mutated, text => {
      checked++;
      const once = fixAll(text, ctx).text;
      const twice = fixAll(once, ctx).text;
      assert.strictEqual(twice, once);
      return true;
    }), { ...params, numRuns: Math.max(20, Math.floor(RUNS / 4)) });
  });
});
