// Property-based tests of the core with fast-check: random text and real posts mutated at random.
// CI runs a fixed seed and a bounded number of cases; `npm run fuzz` runs the long campaign (scripts/fuzz.mjs).
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import fc from 'fast-check';
import {
  applyEdits, defaultConfig, fixAll, lintPost, paragraphLanguage, parsePost, unwrapEnglish, wrapEnglish,
  type Diagnostic, type LintContext, type Post, type TextBlock,
} from '../../src/core';
import { corpus, seed } from './realPosts';

/** Cases per property; FUZZ_RUNS raises it for a campaign, FUZZ_TIME (ms per property) bounds its duration. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261122);
const TIME = process.env.FUZZ_TIME ? Number(process.env.FUZZ_TIME) : undefined;
/** Replays one failing case: the path fast-check printed with the seed. */
const PATH = process.env.FUZZ_PATH;

const ctx: LintContext = { config: defaultConfig() };

/** A failure that knows where in the text it happened, so the report can show that window and not a whole post. */
class AtError extends Error {
  constructor(message: string, readonly text: string, readonly at: number) { super(message); }
}
function check(ok: unknown, message: string, text: string, at: number): asserts ok {
  if (!ok) throw new AtError(message, text, at);
}

// ------------------------------------------------------------------ inputs

/**
 * Real posts of every style the blog has: seeds, style A, style B, mixed A/B, style C (section sources), a post
 * without English blocks, the one whose file name holds a colon. Each is cut to keep a case fast.
 */
const bases = [
  seed(0), seed(1), seed(2), seed(3),
  corpus('QBznUHAopxU'), corpus('-0zpuizDulg'), corpus('-561cZmir5Q'), corpus('Atw2h2qCL4o'), corpus('pYN7ZULM84U'),
  corpus('k1njvbBmfsw'), corpus('F5LqrSt0YFI'), corpus('4n28-DoNxWs'), corpus('vUARtyOvh5U'), corpus('zyw1HVOqpCQ'),
  corpus('file_name: koji_monica_advice_for_ai_anxiety'),
].map(t => t.slice(0, 20000));

const fragments = ['<details>', '</details>', '<summary>', '</summary>', '<summary>View/Hide Original English</summary>', '<summary>Original English</summary>',
  '<summary>Original English Source</summary>', '<p class="english-text">', '</p>', '<p class="english">', '</detais>', '<<details>', '---', '----', '...',
  '\n', '\r\n', '\n\n', '\r', '### 标题', '中文段落。', 'English text.', 'An English paragraph, R&D & S&P < 500.', '>> ', '**Host:** ', '- item', '1. item', '| a | b |',
  'tags:', 'tags: x', 'draft: \'\'', 'date: 2025-13-45', "date: '2025-1-5'", 'layout: post.njk', 'title: "x', 'title:', '[]', "'[]'", ': ', '  - ', '- ',
  '<!--', '-->', '```', '~~~', '\u0000', '\uFEFF', '\u2028', '\t', '&amp;', '<br>', '<script>alert(1)</script>', '&: *a', '!!js/function', '#'];

/** A mutation: [kind, position, second position or choice, fragment, inserted string]. */
const mutation = fc.tuple(fc.nat({ max: 7 }), fc.nat(), fc.nat(), fc.nat({ max: fragments.length - 1 }), fc.string({ maxLength: 8 }));

/** Spans cut (tags, fences), lines swapped, CRLF mixed in, YAML broken, bytes, fragments and whole lines inserted. */
function mutate(base: string, muts: readonly (readonly [number, number, number, number, string])[]): string {
  let t = base;
  for (const [kind, p1, p2, f, s] of muts) {
    const at = t.length ? p1 % (t.length + 1) : 0;
    switch (kind) {
      case 0: t = t.slice(0, at) + t.slice(at + 1 + (p2 % 40)); break;
      case 1: { const ls = t.split('\n'); const i = p1 % ls.length, j = p2 % ls.length; [ls[i], ls[j]] = [ls[j], ls[i]]; t = ls.join('\n'); break; }
      case 2: t = t.replace(/\r?\n/g, (m, off: number) => (off % 3 === p2 % 3 ? '\r\n' : m)); break;
      case 3: t = t.slice(0, at) + fragments[f] + t.slice(at); break;
      case 4: t = t.slice(0, at) + s + t.slice(at); break;
      case 5: t = t.replace(/^(---\r?\n[\s\S]*?)\n/, (_m, head: string) => head + '\n  bad: [unclosed\n'); break;
      case 6: { const ls = t.split('\n'); ls.splice(p1 % (ls.length + 1), 0, fragments[f]); t = ls.join('\n'); break; }
      default: t = t.slice(0, at) + String.fromCharCode(p2 % 0x10000) + t.slice(at); break;
    }
  }
  return t;
}

/**
 * A real post, mutated, then cut to its first `head` lines plus `body` lines further on. The cut comes last so that
 * shrinking it keeps the mutations where they were: a failing case shrinks to the few lines that matter.
 */
const mutated = fc.record({
  b: fc.nat({ max: bases.length - 1 }),
  muts: fc.array(mutation, { maxLength: 6 }),
  head: fc.nat({ max: 400 }),
  skip: fc.nat({ max: 400 }),
  body: fc.nat({ max: 400 }),
}).map(({ b, muts, head, skip, body }) => {
  const ls = mutate(bases[b], muts).split(/(?<=\n)/);
  return ls.slice(0, head).join('') + ls.slice(head + skip, head + skip + body).join('');
});

/**
 * Old-Mac lone CRs and the CR CR LF of a doubly converted file. The core ends lines at LF only (VS Code normalises a
 * file's line ends when it opens it), so these only have to parse and lint without harm, not to be fixed well.
 */
const loneCrs = fc.tuple(mutated, fc.nat({ max: 6 })).map(([t, k]) => t.replace(/\n/g, (m, off: number) => (off % 7 === k ? '\r' : off % 5 === k % 5 ? '\r\r\n' : m)));

const anyText = fc.oneof(
  fc.string({ maxLength: 400 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.array(fc.constantFrom(...fragments), { maxLength: 60 }).map(a => a.join('')),
  mutated,
  loneCrs,
);

// ------------------------------------------------------------------ running and reporting

const counts: string[] = [];
let roundTrips = 0, refused = 0;
let total = 0;

/** A window of the text around `at`, as a JSON string a reader can paste into a test. */
function excerpt(text: string, at: number, width = 240): string {
  const from = Math.max(0, at - width), to = Math.min(text.length, at + width);
  return `${from > 0 ? '…' : ''}${JSON.stringify(text.slice(from, to))}${to < text.length ? '…' : ''} (chars ${from}-${to} of ${text.length})`;
}

/**
 * Runs a property and, on failure, reports the shrunk case as a window around the failure (the whole case goes to a
 * file) with what replays it, instead of fast-check's dump of a whole post.
 */
function run<T extends [unknown, ...unknown[]]>(name: string, property: fc.IProperty<T>, runs = RUNS): void {
  const params: fc.Parameters<T> = { numRuns: runs, seed: SEED, ...(PATH ? { path: PATH } : {}), ...(TIME ? { interruptAfterTimeLimit: TIME } : {}) };
  const details = fc.check(property, params);
  counts.push(`${name}: ${details.numRuns}${details.interrupted ? ' [time limit]' : ''}`);
  total += details.numRuns;
  if (!details.failed) return;
  const err = details.errorInstance;
  const message = err instanceof Error ? err.message : String(err);
  const ce: unknown[] = details.counterexample ?? [];
  const text = err instanceof AtError ? err.text : typeof ce[0] === 'string' ? ce[0] : '';
  const at = err instanceof AtError ? err.at : 0;
  const file = path.join(os.tmpdir(), `fuzz-${SEED}-${name.replace(/\W+/g, '-')}.json`);
  fs.writeFileSync(file, JSON.stringify(ce, null, 1));
  assert.fail([
    `${name}: ${message}`,
    `  after ${details.numRuns} cases, shrunk ${details.numShrinks} times; text around offset ${at}: ${excerpt(text, at)}`,
    `  whole counterexample: ${file}`,
    `  replay: FUZZ_SEED=${details.seed} FUZZ_PATH="${details.counterexamplePath}"`,
  ].join('\n'));
}

// ------------------------------------------------------------------ properties

function checkRanges(text: string, post: Post): void {
  let prev = post.bodyStart;
  check(post.bodyStart >= 0 && post.bodyStart <= text.length, `body start ${post.bodyStart}`, text, 0);
  for (const b of post.blocks) {
    check(b.start >= prev && b.start <= b.end && b.end <= text.length, `block ${b.kind} ${b.start}-${b.end} starts before the previous block's end ${prev}`, text, b.start);
    check(b.line <= b.endLine && post.lines.lineAt(b.start) === b.line, `block ${b.kind} at ${b.start} says line ${b.line}-${b.endLine}`, text, b.start);
    if (b.kind === 'english') {
      const inside = (s: number | undefined, e: number | undefined, what: string) =>
        s === undefined || check(e !== undefined && b.start <= s && s <= e && e <= b.end, `English block ${b.start}-${b.end}: ${what} ${s}-${e} is outside it`, text, b.start);
      inside(b.labelStart, b.labelEnd, 'label');
      inside(b.textStart, b.textEnd, 'text');
      inside(b.closeStart, b.closeEnd, '</details>');
      if (b.pOpen) inside(b.pOpen.start, b.pOpen.end, '<p>');
      if (b.trailing) inside(b.trailing.start, b.trailing.end, 'trailing text');
      for (const s of b.stray) inside(s.start, s.end, `stray ${s.tag}`);
      check(text.slice(b.textStart, b.textEnd) === b.text, 'English text is not the text at its range', text, b.textStart);
    }
    prev = b.end;
  }
  const fm = post.frontMatter;
  if (fm) {
    check(fm.start <= fm.contentStart && fm.contentStart <= fm.contentEnd && fm.contentEnd <= fm.end && fm.end <= text.length && fm.end === post.bodyStart,
      `front matter ${fm.start}/${fm.contentStart}/${fm.contentEnd}/${fm.end}, body at ${post.bodyStart}`, text, fm.start);
    let last = fm.contentStart;
    for (const e of fm.entries) {
      check(e.keyStart >= last && e.keyStart < e.keyEnd && e.keyEnd <= e.end && e.end <= fm.contentEnd, `entry ${e.key} ${e.keyStart}-${e.keyEnd}-${e.end} (previous ends ${last})`, text, e.keyStart);
      check(text.slice(e.keyStart, e.keyEnd) === e.key || /["']/.test(text[e.keyStart]), `entry ${e.key} is not the text at its range`, text, e.keyStart);
      last = e.end;
    }
  }
}

function checkDiagnostics(text: string, ds: Diagnostic[]): void {
  for (const d of ds) {
    check(!d.message.startsWith('Internal error'), d.message, text, d.start);
    check(d.start <= d.end && d.end <= text.length, `${d.code} at ${d.start}-${d.end} beyond the text`, text, d.start);
    for (const f of d.fixes) {
      const sorted = [...f.edits].sort((a, b) => a.start - b.start);
      sorted.forEach((e, i) => check(e.start <= e.end && e.end <= text.length && (i === 0 || sorted[i - 1].end <= e.start),
        `fix "${f.title}" of ${d.code}: edit ${e.start}-${e.end} is outside the text or overlaps another`, text, e.start));
    }
  }
}

const byCode = (ds: Diagnostic[]) => {
  const m = new Map<string, number>();
  for (const d of ds) m.set(d.code, (m.get(d.code) ?? 0) + 1);
  return m;
};

const FRONT_MATTER_CODES = ['frontmatter-yaml', 'frontmatter-required', 'frontmatter-unknown-key', 'frontmatter-type', 'frontmatter-date', 'entity-variant'];
const BODY_CODES = ['malformed-block', 'summary-label', 'empty-translation', 'chinese-in-english', 'orphan-translation', 'block-spacing', 'missing-translation'];

/**
 * The kinds a fix may newly reveal when it frees text an HTML block swallowed: CommonMark makes a stray `</details>`
 * and the lines glued under it one HTML block, shown raw; removing the tag makes them Markdown again (headings,
 * paragraphs) that the rules then judge.
 */
function unglued(text: string, d: Diagnostic): string[] {
  // Text on the `</details>` line is part of the HTML block; moved below a blank line it is a paragraph in its own right.
  if (d.code === 'block-spacing' && d.message.startsWith('Text right after `</details>`')) return BODY_CODES;
  if (d.code !== 'malformed-block' || !d.message.startsWith('A `</details>` with no')) return [];
  const post = parsePost(text);
  const b = post.blocks.find(x => x.kind === 'html' && x.start === d.start);
  if (b === undefined || b.endLine === b.line) return [];
  // Right under an unclosed front matter, the freed lines may read as more YAML: where it ends is only a guess. At the
  // very top, they may be a front matter's opening `---`.
  const fm = post.frontMatter;
  return (fm && !fm.closed && fm.end === b.start) || (!fm && b.line === 0) ? [...BODY_CODES, ...FRONT_MATTER_CODES] : BODY_CODES;
}

/** English paragraphs that wrap can take: blank lines around them, so unwrap gives back exactly the same lines. */
function wrappable(post: Post): TextBlock[] {
  const blank = (l: number) => l < 0 || l >= post.lines.lineCount || post.lines.lineText(l).trim() === '';
  return post.blocks.filter((b): b is TextBlock => b.kind === 'text' && paragraphLanguage(b.text) === 'en' && b.line > post.bodyLine && blank(b.line - 1) && blank(b.endLine + 1));
}

/** English paragraphs to wrap: what authors paste, with the characters the HTML body encoding must escape. */
const englishParagraph = fc.array(
  fc.oneof(fc.constantFrom('The model', 'R&D', 'S&P 500', 'a < b', '<b>bold</b>', '&amp;', '&copy', 'x >> y', '</p>', '</details>', '<br>', '  ', '\\', 'it\'s', '"quoted"', '`code`', '*em*', 'http://x.y/?a=1&b=2'),
    fc.string({ unit: fc.constantFrom('a', 'b', 'Z', ' ', '.', ',', '&', '<', '>', '/', ';', '#', '\\'), minLength: 1, maxLength: 12 })),
  { minLength: 1, maxLength: 12 },
).map(ws => 'The ' + ws.join(' ').replace(/\s+$/, '') + '.');

describe(`fuzz (${RUNS} cases per property, seed ${SEED})`, () => {
  after(() => { console.log(`      fuzz: ${total} cases checked (${counts.join('; ')})`); });

  it('the parser never throws and its ranges lie inside the text without overlapping', () => {
    run('parser', fc.property(anyText, text => checkRanges(text, parsePost(text))), RUNS * 2);
  });

  it('the rules never throw and every diagnostic and fix lies inside the text', () => {
    run('rules', fc.property(anyText, text => checkDiagnostics(text, lintPost(text, ctx))));
  });

  it('applying any offered fix removes that diagnostic and adds none of another kind', () => {
    run('fixes', fc.property(mutated, fc.nat(), fc.nat(), (text, pick, which) => {
      const before = lintPost(text, ctx);
      const fixable = before.filter(d => d.fixes.length);
      if (!fixable.length) return;
      const d = fixable[pick % fixable.length];
      const fix = d.fixes[which % d.fixes.length];
      const fixed = applyEdits(text, fix.edits);
      const after = lintPost(fixed, ctx);
      const was = byCode(before), now = byCode(after);
      const where = fix.edits.length ? fix.edits[0].start : d.start;
      const shown = `\n  before the fix, around ${where}: ${excerpt(text, where, 160)}\n  after the fix:`;
      const freed = unglued(text, d);
      // Freed lines may hold another problem of the same kind (a second stray tag the first one swallowed): then the
      // fixed spot must be clean, rather than the count lower.
      const removed = freed.length ? !after.some(x => x.code === d.code && x.message === d.message && x.start === d.start) : (now.get(d.code) ?? 0) < (was.get(d.code) ?? 0);
      check(removed, `fix "${fix.title}" for ${d.code} at ${d.start} did not remove it${shown}`, fixed, where);
      // Inserting an English block leaves it empty until the author writes it: an expected newcomer. So is whatever
      // the lines a stray `</details>` swallowed turn out to be once they are Markdown again.
      const allowed = new Set<string>([d.code, ...(d.code === 'missing-translation' ? ['empty-translation'] : []), ...freed]);
      const seen = new Set(before.map(x => `${x.code} ${x.message}`));
      for (const code of now.keys()) {
        if (allowed.has(code) || (now.get(code) ?? 0) <= (was.get(code) ?? 0)) continue;
        // Name the newcomer: the first of that kind whose message the text did not have before.
        const x = after.find(y => y.code === code && !seen.has(`${y.code} ${y.message}`)) ?? after.find(y => y.code === code)!;
        check(false, `fix "${fix.title}" for ${d.code} at ${d.start} added ${x.code} at ${x.start}: ${x.message}${shown}`, fixed, x.start);
      }
    }));
  });

  it('fix-all twice equals fix-all once, and its edits turn the text into its result', () => {
    run('fix-all', fc.property(mutated, text => {
      const once = fixAll(text, ctx);
      check(applyEdits(text, once.edits) === once.text, 'fix-all edits do not give its text', text, once.edits[0]?.start ?? 0);
      const twice = fixAll(once.text, ctx).text;
      if (twice !== once.text) {
        let i = 0;
        while (i < once.text.length && once.text[i] === twice[i]) i++;
        check(false, `a second fix-all still changes the text at ${i}`, once.text, i);
      }
    }), Math.max(20, Math.floor(RUNS / 3)));
  });

  it('wrap followed by unwrap gives back the original text', () => {
    run('wrap-unwrap', fc.property(mutated, englishParagraph, fc.nat(), fc.nat(), fc.boolean(), (base, english, where, pos, ownLine) => {
      // Put a new English paragraph (blank lines around it) somewhere in the post, or take one the post has.
      let text = base;
      if (ownLine) {
        const p = parsePost(base);
        const ends = p.blocks.filter(b => b.kind === 'text' || b.kind === 'heading').map(b => b.end);
        const at = ends.length ? ends[where % ends.length] : base.length;
        const eol = base.includes('\r\n') ? '\r\n' : '\n';
        text = base.slice(0, at) + eol + eol + english + eol + base.slice(at);
      }
      const post = parsePost(text);
      const candidates = wrappable(post);
      if (!candidates.length) return;
      const para = candidates[where % candidates.length];
      const cursor = para.start + (pos % (para.end - para.start + 1));
      const wrapped = wrapEnglish(post, [{ anchor: cursor, active: cursor }], { config: ctx.config });
      // The one refusal: Markdown English holding a details tag (or a misspelled close) cannot go verbatim into a style-B block.
      if (!wrapped.edits.length && /<\/?\s*d[a-z]{3,9}\b/i.test(para.text) && /Cannot wrap .* style-B/.test(wrapped.messages.join(' '))) { refused++; return; }
      check(wrapped.edits.length === 1, `wrap at ${cursor} made ${wrapped.edits.length} edits: ${wrapped.messages.join(' ')}`, text, cursor);
      const mid = applyEdits(text, wrapped.edits);
      const inside = wrapped.selections[0].active;
      const unwrapped = unwrapEnglish(parsePost(mid), [{ anchor: inside, active: inside }]);
      check(unwrapped.edits.length === 1, `unwrap at ${inside} made ${unwrapped.edits.length} edits: ${unwrapped.messages.join(' ')}`, mid, inside);
      const back = applyEdits(mid, unwrapped.edits);
      if (back !== text) {
        let i = 0;
        while (i < text.length && text[i] === back[i]) i++;
        check(false, `unwrap(wrap(x)) differs at ${i}: ${JSON.stringify(back.slice(Math.max(0, i - 40), i + 40))}`, text, i);
      }
      // The cursor follows its character there and back.
      check(unwrapped.selections[0].active === cursor, `the cursor went from ${cursor} to ${unwrapped.selections[0].active}`, text, cursor);
      roundTrips++;
    }));
    console.log(`      wrap-unwrap: ${roundTrips} round trips, ${refused} refusals (details tags in English for a style-B block)`);
    if (!PATH) assert.ok(roundTrips > 0, 'some case wrapped and unwrapped');
  });
});

/** The fuzzer's findings, shrunk by hand to the lines that matter, kept as plain regression tests. */
describe('fuzz findings, fixed', () => {
  const fm = (body: string) => `---\ntitle: 标题\ndate: '2025-01-01'\nlayout: post.njk\n${body}---\n\n中文段落。\n\n<details>\n<summary>View/Hide Original English</summary>\n<p class="english-text">English.</p>\n</details>\n`;
  const codes = (t: string) => lintPost(t, ctx).map(d => d.code);
  /** Applies the diagnostic's first fix; the text must then have none of that kind and nothing new. */
  function fixOnce(text: string, code: string): string {
    const d = lintPost(text, ctx).find(x => x.code === code && x.fixes.length);
    assert.ok(d, `a fixable ${code} in ${JSON.stringify(text.slice(0, 120))}`);
    const out = applyEdits(text, d.fixes[0].edits);
    const before = codes(text).filter(c => c !== code), after = codes(out).filter(c => c !== code);
    assert.deepStrictEqual(after, before, `"${d.fixes[0].title}" changed the other diagnostics`);
    return out;
  }

  it('a mistyped key with an empty flag (`drat: \'\'`) is renamed, and \'\' is accepted as "no value" for a flag', () => {
    const out = fixOnce(fm("drat: ''\n"), 'frontmatter-unknown-key');
    assert.match(out, /\ndraft: ''\n/);
    assert.deepStrictEqual(codes(out), []);
  });

  it('a mistyped list key with a single value is renamed and made a list in one fix', () => {
    const d = lintPost(fm('tag: ai\n'), ctx).find(x => x.code === 'frontmatter-unknown-key')!;
    assert.strictEqual(d.fixes[0].title, 'Rename to "tags" and make it a one-item list');
    assert.deepStrictEqual(codes(applyEdits(fm('tag: ai\n'), d.fixes[0].edits)), []);
  });

  it('a value that cannot be the renamed key\'s type keeps the suggestion but gets no rename', () => {
    const d = lintPost(fm('tag:\n  a: 1\n'), ctx).find(x => x.code === 'frontmatter-unknown-key')!;
    assert.deepStrictEqual(d.fixes, []);
    assert.match(d.message, /Did you mean "tags"\? Its value does not fit/);
  });

  it('a broken value (YAML error inside it) gets the YAML diagnostic, not a type one, before and after a rename', () => {
    const text = fm('rea: market-analysis\n  bad: [unclosed\n');
    assert.ok(!codes(text).includes('frontmatter-type'));
    assert.ok(!codes(fixOnce(text, 'frontmatter-unknown-key')).includes('frontmatter-type'));
  });

  it('an empty string for a list is written [], not made a list holding \'\'', () => {
    const d = lintPost(fm("tags: ''\n"), ctx).find(x => x.code === 'frontmatter-type')!;
    assert.strictEqual(d.fixes[0].edits[0].newText, '[]');
    assert.deepStrictEqual(codes(fixOnce(fm("tags: ''\n"), 'frontmatter-type')), []);
  });

  it('list items broken up by stray CRs get no "one-item list" rewrite (it produced more YAML errors)', () => {
    const d = lintPost(fm('people:\r\r\n  - "a"\r\r\n  - "b"\n'), ctx).find(x => x.code === 'frontmatter-type');
    assert.ok(d, 'the value is still reported');
    assert.deepStrictEqual(d.fixes, []);
  });

  it('an unquoted value after a lone CR is not "written without quotes" (the fix glued key and value)', () => {
    const d = lintPost("---\ndate: '2025-09-30'\ndraft:\r true    \n", ctx).find(x => x.code === 'frontmatter-type');
    assert.ok(d && d.fixes.length === 0);
  });

  it('a key over two lines (`<details>` pasted into the front matter) is no key', () => {
    const f = parsePost('---\n<details>\nauthor: x\n---\n').frontMatter!;
    assert.deepStrictEqual(f.entries.map(e => e.key), []);
  });

  it('a duplicated </details> between a block and a heading is emptied, not deleted: the heading stays apart', () => {
    const text = '中文段落。\n\n<details>\n<summary>View/Hide Original English</summary>\n<p class="english-text">English.</p>\n</details>\n</details>\n### 下一节\n';
    const out = fixOnce(text, 'malformed-block');
    assert.match(out, /<\/details>\n\n### 下一节/);
  });

  it('a section source block holding Chinese is not relabelled "Original Chinese" (it would stop covering its section)', () => {
    const text = '## 一节\n\n中文段落。\n\n<details>\n<summary>Original English Source</summary>\n\n这是一段中文，不是英文原文，应该换成英文。\n\n</details>\n';
    const d = lintPost(text, ctx).find(x => x.code === 'chinese-in-english')!;
    assert.deepStrictEqual(d.fixes, []);
  });

  it('wrap refuses English for a style-B block that holds a details tag or a misspelled close', () => {
    for (const english of ['The </details> tag.', '>> Absolutely.\n</detais>']) {
      const text = `## T\n\n中文。\n\n<details>\n<summary>Original English</summary>\n\nB style.\n\n</details>\n\n${english}\n`;
      const post = parsePost(text);
      const at = text.indexOf(english.slice(0, 5));
      const r = wrapEnglish(post, [{ anchor: at, active: at }], { config: ctx.config });
      assert.deepStrictEqual(r.edits, []);
      assert.match(r.messages.join(' '), /Cannot wrap .* style-B/);
    }
  });
});
