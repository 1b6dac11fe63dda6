// Wrap, unwrap and insert on real posts: the English is kept exactly, both ways, and wrong places change nothing.
import * as assert from 'assert';
import fc from 'fast-check';
import {
  applyEdits, decodeEnglishA, defaultConfig, encodeEnglishA, englishBlockText, eolOf, insertEnglish, isBlankLine,
  paragraphLanguage, parsePost, unwrapEnglish, unwrapProblem, wrapEnglish, type EnglishBlock, type OffsetSelection, type Post, type TextBlock,
} from '../../src/core';
import { corpus, corpusNames, seed } from './realPosts';

const config = defaultConfig();
const opts = { config };
const at = (offset: number): OffsetSelection => ({ anchor: offset, active: offset });
const apply = (text: string, r: { edits: { start: number; end: number; newText: string }[] }) => applyEdits(text, r.edits);

function realPosts(): { name: string; text: string }[] {
  return [0, 1, 2, 3].map(n => ({ name: `seed ${n}`, text: seed(n) })).concat(corpusNames().map(n => ({ name: n, text: corpus(n) })));
}

function textBlocks(post: Post): TextBlock[] {
  return post.blocks.filter((b): b is TextBlock => b.kind === 'text');
}

describe('English body encoding (style A)', () => {
  const cases: [string, string][] = [
    ['Plain English.', 'Plain English.'],
    ['S&P 500 and R&D, AT&T; S&P; a < b, >> turns', 'S&P 500 and R&D, AT&T; S&P; a < b, >> turns'],
    ['Use <details> and </p> here', 'Use &lt;details> and &lt;/p> here'],
    ['&amp; and &copy 2024 and &#39;', '&amp;amp; and &amp;copy 2024 and &amp;#39;'],
    ['line one<br>line two', 'line one<br>line two'],
    ['hard\\\nbreak', 'hard<br>\nbreak'],
    ['two spaces  \nbreak', 'two spaces  <br>\nbreak'],
    ['soft\nbreak', 'soft\nbreak'],
    ['para one\n\npara two', 'para one<br><br>\npara two'],
    ['escaped \\\\\nnot a break', 'escaped \\\\\nnot a break'],
    ['spaces then backslash  \\\nbreak', 'spaces then backslash &#32;<br>\nbreak'],
    ['crlf\r\n\r\nparas', 'crlf<br><br>\r\nparas'],
  ];
  for (const [u, body] of cases) {
    it(`${JSON.stringify(u)} <-> ${JSON.stringify(body)}`, () => {
      assert.strictEqual(encodeEnglishA(u).text, body);
      assert.strictEqual(decodeEnglishA(body).text, u);
    });
  }

  it('decoding then encoding gives back every well-formed style-A body of the real posts, byte for byte', () => {
    let n = 0;
    for (const { name, text } of realPosts()) {
      for (const e of parsePost(text).english) {
        if (e.style !== 'A' || unwrapProblem(e)) continue;
        const body = text.slice(e.textStart, e.textEnd);
        assert.strictEqual(encodeEnglishA(decodeEnglishA(body).text).text, body, `${name} line ${e.line + 1}`);
        n++;
      }
    }
    assert.ok(n > 7000, `checked ${n} real blocks`);
  });

  it('encoding then decoding gives back every English paragraph of the alternating real posts', () => {
    let n = 0;
    for (const name of ['-6VqXRAxNdA.md', 'zyw1HVOqpCQ.md']) {
      for (const b of textBlocks(parsePost(corpus(name)))) {
        if (paragraphLanguage(b.text) !== 'en') continue;
        const body = encodeEnglishA(b.text).text;
        assert.strictEqual(decodeEnglishA(body).text, b.text);
        assert.ok(!/\n\s*\n/.test(body), 'no blank line inside the HTML block');
        n++;
      }
    }
    assert.ok(n >= 100, `checked ${n} paragraphs`);
  });

  it('is an exact inverse on arbitrary text with tricky characters (property)', () => {
    const line = fc.string({ unit: fc.constantFrom('a', 'Z', ' ', '&', '<', '>', '/', '\\', '#', ';', 'b', 'r', 'l', 't', 'p', 'm', '1', 'x', '!', '中', '\t'), minLength: 1, maxLength: 24 })
      .filter(s => s.trim() !== '' && !/<br\s*\/?>$/i.test(s));
    const paragraph = fc.array(line, { minLength: 1, maxLength: 4 }).map(ls => ls.join('\n'));
    fc.assert(fc.property(fc.array(paragraph, { minLength: 1, maxLength: 3 }), fc.constantFrom('\n', '\r\n'), (paras, eol) => {
      const u = paras.join('\n\n').replace(/\n/g, eol);
      const body = encodeEnglishA(u).text;
      assert.strictEqual(decodeEnglishA(body).text, u);
      // Nothing in the body can end the HTML block or open a tag the author did not write as <br>.
      assert.ok(!/\n[ \t]*\r?\n/.test(body), `blank line in ${JSON.stringify(body)}`);
      assert.ok(!/<(?!br\s*\/?>)[A-Za-z/!?]/i.test(body), `unescaped tag in ${JSON.stringify(body)}`);
    }), { numRuns: 2000 });
  });
});

describe('wrapEnglish', () => {
  const post = parsePost(corpus('-6VqXRAxNdA.md'));
  const paras = textBlocks(post);
  const en = paras.filter(b => paragraphLanguage(b.text) === 'en');
  const zh = paras.filter(b => paragraphLanguage(b.text) === 'zh');

  it('wraps the English paragraph at the cursor into a style-A block, text kept exactly', () => {
    const p = en[0];
    const r = wrapEnglish(post, [at(p.start + 10)], opts);
    assert.deepStrictEqual(r.messages, []);
    const out = apply(post.text, r);
    const block = englishBlockText(p.text, 'A', 'View/Hide Original English', '\n', true).text;
    assert.strictEqual(out, post.text.slice(0, p.start) + block + post.text.slice(p.end));
    // The cursor stays on the same character of the English.
    assert.strictEqual(out.slice(r.selections[0].active, r.selections[0].active + 10), p.text.slice(10, 20));
    const after = parsePost(out);
    assert.strictEqual(after.english.length, 1);
    assert.strictEqual(after.english[0].text, p.text);
  });

  it('with several cursors wraps each paragraph once, in one set of edits', () => {
    const r = wrapEnglish(post, [at(en[0].start), at(en[0].end), at(en[1].start + 3), at(en[2].start)], opts);
    assert.strictEqual(r.edits.length, 3);
    assert.strictEqual(r.selections.length, 4);
    const out = parsePost(apply(post.text, r));
    assert.deepStrictEqual(out.english.map(e => e.text), [en[0].text, en[1].text, en[2].text]);
  });

  it('a selection over English and Chinese paragraphs wraps only the English ones', () => {
    const r = wrapEnglish(post, [{ anchor: en[0].start, active: zh[1].end }], opts);
    assert.strictEqual(r.edits.length, 2);
    const out = parsePost(apply(post.text, r));
    assert.deepStrictEqual(out.english.map(e => e.text), [en[0].text, en[1].text]);
    // Wrapping keeps the order: the Chinese paragraphs are untouched (Convert Alternating is what reorders).
    const zhAfter = textBlocks(out).filter(b => paragraphLanguage(b.text) === 'zh').map(b => b.text);
    assert.deepStrictEqual(zhAfter, zh.map(b => b.text));
  });

  it('a selection over consecutive English paragraphs makes one block, joined by <br><br>', () => {
    const text = '## T\n\nFirst English paragraph.\n\nSecond one, R&D <b>.\n\n中文段落。\n';
    const p = parsePost(text);
    const r = wrapEnglish(p, [{ anchor: 6, active: text.indexOf('中') - 2 }], opts);
    assert.strictEqual(apply(text, r), '## T\n\n<details>\n<summary>View/Hide Original English</summary>\n<p class="english-text">First English paragraph.<br><br>\nSecond one, R&D &lt;b>.</p>\n</details>\n\n中文段落。\n');
  });

  it('warns when the wrapped English has Markdown a style-A block shows literally', () => {
    const text = '中文。\n\n**Host**: So, *really* [this](https://example.com).\n';
    const r = wrapEnglish(parsePost(text), [at(text.indexOf('Host'))], opts);
    assert.strictEqual(r.edits.length, 1);
    assert.match(r.messages[0], /1 of the English block holds Markdown/);
    assert.deepStrictEqual(wrapEnglish(post, [at(en[0].start)], opts).messages, []);
  });

  it('keeps blank lines around the block and the post\'s line endings', () => {
    const text = '# Title\nEnglish right under a heading.\n## Next\n';
    const r = wrapEnglish(parsePost(text), [at(10)], opts);
    assert.strictEqual(apply(text, r), '# Title\n\n<details>\n<summary>View/Hide Original English</summary>\n<p class="english-text">English right under a heading.</p>\n</details>\n\n## Next\n');
    const crlf = post.text.replace(/\n/g, '\r\n');
    const cp = parsePost(crlf);
    const p = textBlocks(cp).find(b => paragraphLanguage(b.text) === 'en')!;
    const out = apply(crlf, wrapEnglish(cp, [at(p.start)], opts));
    assert.ok(!/[^\r]\n/.test(out), 'every line ends with CRLF');
    assert.strictEqual(parsePost(out).english[0].text, p.text);
  });

  it('uses the post\'s style and label: style B in a style-B post', () => {
    const b = parsePost(corpus('-0zpuizDulg.md'));
    const text = b.text.replace(/\n\n(\*\*Voice 1\*\*: >> 在)/, '\n\nA new English paragraph to wrap.\n\n$1');
    const p = parsePost(text);
    const para = textBlocks(p).find(x => x.text === 'A new English paragraph to wrap.')!;
    const out = apply(text, wrapEnglish(p, [at(para.start)], opts));
    assert.ok(out.includes('<details>\n<summary>Original English</summary>\n\nA new English paragraph to wrap.\n\n</details>'));
  });

  it('does nothing, and says why, on a Chinese paragraph, a heading, the front matter or an existing block', () => {
    const heading = post.blocks.find(b => b.kind === 'heading')!;
    for (const [offset, why] of [[zh[0].start + 2, /Chinese paragraph.*Insert English Block/], [heading.start, /heading/], [5, /front matter/]] as const) {
      const r = wrapEnglish(post, [at(offset)], opts);
      assert.deepStrictEqual(r.edits, []);
      assert.match(r.messages.join(' '), why);
    }
    const s0 = parsePost(seed(0));
    const r = wrapEnglish(s0, [at(s0.english[0].textStart)], opts);
    assert.deepStrictEqual(r.edits, []);
    assert.match(r.messages[0], /English block/);
  });
});

describe('unwrapEnglish', () => {
  const post = parsePost(seed(0));

  it('turns a real block back into its English paragraph, cursor on the same character', () => {
    const e = post.english[0];
    const r = unwrapEnglish(post, [at(e.textStart + 7)]);
    const out = apply(post.text, r);
    assert.strictEqual(out, post.text.slice(0, e.start) + e.text + post.text.slice(e.end));
    assert.strictEqual(out.slice(r.selections[0].active, r.selections[0].active + 5), e.text.slice(7, 12));
  });

  it('unwrap then wrap gives back the post, for every well-formed real block with blank lines around it', () => {
    let n = 0;
    for (const { name, text } of realPosts()) {
      const p = parsePost(text);
      const chosen = p.english.filter(e => {
        if (unwrapProblem(e) || e.style === 'C' || e.text.trim() === '') return false;
        if ((paragraphLanguage(e.text) === 'zh') !== /chinese/i.test(e.label)) return false; // mislabelled: wrap refuses it
        if (!isBlankLine(p, e.line - 1) || !isBlankLine(p, e.endLine + 1)) return false;
        return text.slice(e.start, e.end) === englishBlockText(e.text, e.style as 'A' | 'B', e.label, eolOf(text)).text;
      });
      for (const style of ['A', 'B'] as const) {
        const blocks = chosen.filter(e => e.style === style);
        const labels = new Set(blocks.map(e => e.label));
        for (const label of labels) {
          const mine = blocks.filter(e => e.label === label);
          const r1 = unwrapEnglish(p, mine.map(e => at(e.start)));
          assert.deepStrictEqual(r1.messages, [], name);
          const mid = apply(text, r1);
          // Select each unwrapped paragraph run (its place in the new text) and wrap them all at once.
          let shift = 0;
          const sels = r1.edits.map(e => { const s = { anchor: e.start + shift, active: e.start + shift + e.newText.length }; shift += e.newText.length - (e.end - e.start); return s; });
          const back = apply(mid, wrapEnglish(parsePost(mid), sels, { config, style, label }));
          if (back !== text) {
            const i = [...text].findIndex((c, k) => c !== back[k]);
            assert.fail(`${name}: unwrap/wrap changed the post near ${JSON.stringify(text.slice(i - 60, i + 60))}`);
          }
          n += mine.length;
        }
      }
    }
    assert.ok(n > 4000, `checked ${n} blocks`);
  });

  it('wrap then unwrap gives back the English paragraphs of a real alternating post', () => {
    const p = parsePost(corpus('zyw1HVOqpCQ.md'));
    const en = textBlocks(p).filter(b => paragraphLanguage(b.text) === 'en');
    const wrapped = apply(p.text, wrapEnglish(p, en.map(b => at(b.start)), opts));
    const w = parsePost(wrapped);
    assert.strictEqual(w.english.length, en.length);
    const back = apply(wrapped, unwrapEnglish(w, w.english.map(e => at(e.start))));
    assert.strictEqual(back, p.text);
  });

  it('adds a blank line where a block sat right under its paragraph, so the English stays its own paragraph', () => {
    const text = '中文段落。\n<details>\n<summary>View/Hide Original English</summary>\n<p class="english-text">English.</p>\n</details>\n下一段。\n';
    const out = apply(text, unwrapEnglish(parsePost(text), [at(text.indexOf('English.'))]));
    assert.strictEqual(out, '中文段落。\n\nEnglish.\n\n下一段。\n');
  });

  it('does nothing, and says why, outside a block, on a malformed block or an empty one', () => {
    const zh = textBlocks(post)[0];
    let r = unwrapEnglish(post, [at(zh.start)]);
    assert.deepStrictEqual(r.edits, []);
    assert.match(r.messages[0], /Chinese paragraph, not an English block/);
    const q = parsePost(corpus('QBznUHAopxU.md'));
    const unclosed = q.english.find(e => e.style === 'A' && !e.pClosed) as EnglishBlock;
    r = unwrapEnglish(q, [at(unclosed.start)]);
    assert.deepStrictEqual(r.edits, []);
    assert.match(r.messages[0], /no `<\/details>`/);
    const text = '中文。\n\n<details>\n<summary>View/Hide Original English</summary>\n<p class="english-text">English never closed\n</details>\n';
    r = unwrapEnglish(parsePost(text), [at(text.indexOf('English never'))]);
    assert.deepStrictEqual(r.edits, []);
    assert.match(r.messages[0], /never closed/);
    const l = parsePost(corpus('LHjUSZnjQFk.md'));
    const empty = l.english.find(e => e.style === 'A' && e.pClosed && e.closed && e.text === '')!;
    r = unwrapEnglish(l, [at(empty.start)]);
    assert.deepStrictEqual(r.edits, []);
    assert.match(r.messages[0], /empty/);
  });
});

describe('insertEnglish', () => {
  const post = parsePost(corpus('I4l1fr-t3ZE.md'));
  const missing = textBlocks(post).filter(b => b.hasChinese && paragraphLanguage(b.text) === 'zh' && b.translation === undefined && b.sectionTranslation === undefined);

  it('adds an empty block under the Chinese paragraph and puts the cursor inside <p>', () => {
    const p = missing[0];
    const r = insertEnglish(post, [at(p.start + 1)], opts);
    const out = apply(post.text, r);
    assert.strictEqual(out.slice(p.end, p.end + 200).split('</details>')[0] + '</details>', '\n\n<details>\n<summary>View/Hide Original English</summary>\n<p class="english-text"></p>\n</details>');
    assert.strictEqual(out.slice(r.selections[0].active - 24, r.selections[0].active + 4), '<p class="english-text"></p>');
    const after = parsePost(out);
    const same = textBlocks(after).find(b => b.start === p.start)!;
    assert.notStrictEqual(same.translation, undefined, 'the paragraph now has its block');
  });

  it('with several cursors adds one block per paragraph, each cursor in its block', () => {
    const r = insertEnglish(post, [at(missing[0].start), at(missing[1].start), at(missing[0].end)], opts);
    assert.strictEqual(r.edits.length, 2);
    const out = apply(post.text, r);
    for (const s of r.selections) assert.strictEqual(out.slice(s.active - 24, s.active + 4), '<p class="english-text"></p>');
  });

  it('from the blank line under a paragraph, adds the block for that paragraph', () => {
    const p = missing[0];
    const r = insertEnglish(post, [at(p.end + 1)], opts);
    assert.strictEqual(r.edits[0].start, p.end);
  });

  it('in a style-B post inserts a style-B block with the cursor on the empty middle line', () => {
    const text = '## T\n\n中文一。\n\n<details>\n<summary>Original English</summary>\n\nEnglish one.\n\n</details>\n\n中文二。\n';
    const r = insertEnglish(parsePost(text), [at(text.indexOf('中文二'))], opts);
    const out = apply(text, r);
    assert.strictEqual(out, text.slice(0, -1) + '\n\n<details>\n<summary>Original English</summary>\n\n\n\n</details>\n');
    assert.strictEqual(out.slice(r.selections[0].active - 2, r.selections[0].active + 2), '\n\n\n\n');
  });

  it('does nothing, and says why, on an English paragraph, a translated paragraph or a heading', () => {
    const s0 = parsePost(seed(0));
    const translated = textBlocks(s0).find(b => b.translation !== undefined)!;
    let r = insertEnglish(s0, [at(translated.start)], opts);
    assert.deepStrictEqual(r.edits, []);
    assert.match(r.messages[0], /already has its English block/);
    const heading = s0.blocks.find(b => b.kind === 'heading')!;
    r = insertEnglish(s0, [at(heading.start)], opts);
    assert.deepStrictEqual(r.edits, []);
    assert.match(r.messages[0], /heading/);
    const alt = parsePost(corpus('-6VqXRAxNdA.md'));
    const en = textBlocks(alt).find(b => paragraphLanguage(b.text) === 'en')!;
    r = insertEnglish(alt, [at(en.start)], opts);
    assert.deepStrictEqual(r.edits, []);
    assert.match(r.messages[0], /English: use Wrap/);
  });
});
