// The preview renderer on real posts: markdown-it as the site sets it up, every English block marked at its line, problems in place, the header card, the CLI page.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import fc from 'fast-check';
import { renderCommand, renderPage } from '../../src/cli/render';
import { defaultConfig, lintPost, parsePost, type Post } from '../../src/core';
import { renderPost, sanitize, siteMarkdown } from '../../src/core/render';
import { assertClean } from './htmlScan';
import { corpus, corpusNames, seed } from './realPosts';

const config = defaultConfig();
const render = (text: string, withProblems = true) => {
  const post = parsePost(text);
  return renderPost(post, { diagnostics: withProblems ? lintPost(post, { config }) : [] });
};

/** Elements with a data-line, as [tag, line, attributes] in document order. */
function marked(html: string): { tag: string; line: number; attrs: string }[] {
  return [...html.matchAll(/<([a-z0-9]+)\b([^>]*?)\sdata-line="(\d+)"([^>]*)>/g)].map(m => ({ tag: m[1], line: Number(m[3]), attrs: m[2] + m[4] }));
}

const realPosts: [string, string][] = [
  ...[0, 1, 2, 3].map(n => [`seed ${n}`, seed(n)] as [string, string]),
  ...corpusNames().map(n => [n, corpus(n)] as [string, string]),
];

describe('render: markdown-it configured as the site (Eleventy)', () => {
  it('passes raw HTML through and leaves indented text a paragraph (Eleventy 2+ disables indented code)', () => {
    const md = siteMarkdown();
    assert.strictEqual(md.render('<details>\n<summary>x</summary>\n<p class="english-text">y</p>\n</details>\n'),
      '<details>\n<summary>x</summary>\n<p class="english-text">y</p>\n</details>\n');
    assert.strictEqual(md.render('    indented text'), '<p>indented text</p>\n');
    assert.strictEqual(md.render('https://example.com "quotes" --'), '<p>https://example.com &quot;quotes&quot; --</p>\n', 'no linkify, no typographer');
    assert.strictEqual(md.render('a\nb'), '<p>a\nb</p>\n', 'no breaks');
  });

  it('keeps the site\'s mistakes: text right after </details> stays raw, a summary closed by </p> swallows the English', () => {
    const text = '中文。\n\n<details>\n<summary>View/Hide Original English</summary>\n<p class="english-text">English.</p>\n</details>\n**粗体** 紧跟的段落。\n\n' +
      '第二段。\n\n<details>\n<summary>View/Hide Original English</p>\n<p class="english-text">Inside the summary.</p>\n</details>\n';
    const r = render(text, false);
    assert.match(r.html, /<\/details>\n\*\*粗体\*\* 紧跟的段落。/, 'the swallowed paragraph is raw text, ** literal');
    // The post's HTML reaches the page as the site sends it; a browser reads the stray </p> as an empty paragraph
    // and leaves the English inside the unclosed summary line, as on the site.
    assert.match(r.html, /<summary>View\/Hide Original English<\/p>\n<p class="english-text">Inside the summary\.<\/p>\n<\/details>/);
    assert.strictEqual(r.englishBlocks, 2);
  });
});

describe('render: English blocks and line markers on real posts', () => {
  for (const [name, text] of realPosts) {
    it(`${name}: every English block is a details[data-english] at its own line, or reported hidden`, () => {
      const post = parsePost(text);
      const r = renderPost(post);
      const details = marked(r.html).filter(m => m.tag === 'details' && /data-english="[ABC]"/.test(m.attrs));
      assert.strictEqual(details.length, r.englishBlocks);
      assert.strictEqual(r.englishBlocks + r.hiddenEnglish.length, post.english.length);
      const lines = new Set(details.map(d => d.line));
      for (const e of post.english) assert.ok(lines.has(e.line) !== r.hiddenEnglish.includes(e.line), `block at line ${e.line + 1}`);
      for (const d of details) {
        const e = post.english.find(x => x.line === d.line);
        assert.ok(e, `a block starts at line ${d.line + 1}`);
        assert.match(post.lines.lineText(d.line), /<details/i);
        assert.ok(d.attrs.includes(`data-english="${e.style}"`));
      }
      // Only broken HTML hides a block (one corpus post has `</` + Chinese, which browsers read as a comment).
      if (r.hiddenEnglish.length) assert.strictEqual(name, 'aR20FWCCjAs.md');
    });
  }

  it('data-line of headings, paragraphs and lists is the first source line of the block', () => {
    for (const [name, text] of realPosts.slice(0, 12)) {
      const post = parsePost(text);
      const r = renderPost(post);
      for (const m of marked(r.html)) {
        const src = post.lines.lineText(m.line);
        if (/^h[1-6]$/.test(m.tag) && !m.attrs.includes('bp-title')) assert.match(src, /^\s{0,3}#{1,6}(\s|$)/, `${name}: <${m.tag}> at line ${m.line + 1}: ${src}`);
        if (m.tag === 'ul') assert.match(src, /^\s*[-*+]\s/, `${name}: <ul> at line ${m.line + 1}`);
        if (m.tag === 'p' && !m.attrs.includes('class=')) assert.ok(src.trim() !== '', `${name}: <p> at a blank line ${m.line + 1}`);
      }
    }
  });

  it('marks each paragraph an English block translates (for side-by-side), on posts without swallowed paragraphs', () => {
    for (const [name, text] of [['seed 3', seed(3)], ['LHjUSZnjQFk.md', corpus('LHjUSZnjQFk')], ['-0zpuizDulg.md', corpus('-0zpuizDulg')]]) {
      const post = parsePost(text);
      const r = renderPost(post);
      const pairs = new Set(marked(r.html).filter(m => m.tag !== 'details' && /data-pair="[AB]"/.test(m.attrs)).map(m => m.line));
      const paired = post.english.filter(e => e.pairedWith !== undefined && !e.sectionLevel);
      assert.ok(paired.length > 20, name);
      const unmarked = paired.filter(e => !pairs.has(post.blocks[e.pairedWith!].line));
      assert.deepStrictEqual(unmarked.map(e => e.line), [], `${name}: paired paragraphs without data-pair`);
      assert.strictEqual(marked(r.html).filter(m => m.tag === 'details' && m.attrs.includes('data-pair="english"')).length, paired.length);
    }
  });
});

describe('render: problems in place', () => {
  it('a missing translation: the paragraph is flagged and a placeholder stands where the English should be', () => {
    const text = corpus('dO4TPJkeaaU');
    const post = parsePost(text);
    const diags = lintPost(post, { config });
    const missing = diags.filter(d => d.code === 'missing-translation');
    assert.ok(missing.length > 50, `${missing.length} missing translations in the real post`);
    const r = renderPost(post, { diagnostics: diags });
    const placeholders = marked(r.html).filter(m => m.attrs.includes('class="bp-missing"'));
    assert.deepStrictEqual(placeholders.map(p => p.line), missing.map(d => d.range.start.line));
    for (const d of missing) {
      const line = d.range.start.line;
      // The flagged paragraph, then its placeholder, with nothing between them.
      const re = new RegExp(`<p data-line="${line}"[^>]*\\sdata-pair="missing"[^>]*>(?:(?!<p )[\\s\\S])*?</p>\\n<div class="bp-missing" data-line="${line}"`);
      assert.match(r.html, re, `line ${line + 1}`);
    }
  });

  it('every problem is shown once: on its block, as a note, or in the card\'s list', () => {
    for (const name of ['LHjUSZnjQFk', 'Wq3hpCYY-AI', 'vjE3VUuOMFg', 'ANjiJQQIBo0', 'cDtREXA8kO4']) {
      const post = parsePost(corpus(name));
      const diags = lintPost(post, { config });
      const r = renderPost(post, { diagnostics: diags });
      const attrTexts = [...r.html.matchAll(/data-problem-text="([^"]*)"/g)].map(m => m[1]).join('\n');
      const listed = [...r.html.matchAll(/<li data-line="\d+" data-problem="[a-z]+">([\s\S]*?)<\/li>/g)].map(m => m[1]).join('\n');
      let shown = 0;
      for (const d of diags) {
        const msg = d.message.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
        if (attrTexts.includes(`${d.code}: ${msg}`) || listed.includes(msg.replace(/&quot;/g, '"').replace(/&#39;/g, "'"))) shown++;
      }
      assert.strictEqual(shown, diags.length, `${name}: ${shown}/${diags.length} problems shown`);
    }
  });

  it('front matter problems go to the card\'s list with their line', () => {
    const text = "---\ntitle: 'x'\ndate: 2025/01/01\nlayout: post.njk\n---\n\n中文。\n";
    const post = parsePost(text);
    const diags = lintPost(post, { config });
    const fmDiag = diags.find(d => d.code === 'frontmatter-date');
    assert.ok(fmDiag, diags.map(d => d.code).join());
    const r = renderPost(post, { diagnostics: diags });
    assert.match(r.html, new RegExp(`<ul class="bp-problem-list"><li data-line="${fmDiag.range.start.line}" data-problem="error">`));
  });
});

describe('render: the header card', () => {
  it('shows title, date, speaker, source link, summary, facets, entity chips and tags of a real post', () => {
    const r = render(seed(3), false);
    const card = r.html.slice(0, r.html.indexOf('</header>'));
    assert.match(card, /^<header class="bp-card" data-line="0"><h1 class="bp-title">大空头做空AI泡沫/);
    assert.match(card, /<span class="bp-date">2025-11-11<\/span>/);
    assert.match(card, /<span class="bp-speaker">投资TALK君<\/span>/);
    assert.match(card, /<a class="bp-source" href="https:\/\/www\.youtube\.com\/watch\?v=_a5-b3ReZ_s"[^>]*>www\.youtube\.com<\/a>/);
    assert.match(card, /<p class="bp-summary">本期节目/);
    for (const v of ['market-analysis', 'finance', 'evergreen']) assert.ok(card.includes(`>${v}</span>`), v);
    for (const v of ['Nvidia', 'CoreWeave', 'Michael Burry', 'H100', 'investment-strategy']) assert.ok(card.includes(`bp-entity`) && card.includes(`>${v}</span>`), v);
    assert.match(card, /<span class="bp-chip bp-tag">#ai-bubble<\/span>/);
  });

  it('renders a front matter the site cannot read as body text, without a card', () => {
    const r = render("---\ntitle: 'x'\n\n中文段落。\n", false);
    assert.ok(!r.html.includes('bp-card'), r.html);
    assert.match(r.html, /^<hr data-line="0" \/>\n<p data-line="1">title: 'x'<\/p>/);
  });
});

describe('render: images and remote content', () => {
  const text = '中文。\n\n![远程](https://example.com/a.png)\n\n<img src="http://example.com/b.png" alt="b">\n\n<img src="local.png" alt="c">\n';
  it('by default no image is kept: each becomes a placeholder naming it', () => {
    const r = render(text, false);
    assert.ok(!/<img/.test(r.html));
    assert.strictEqual((r.html.match(/class="bp-img-blocked"/g) ?? []).length, 3);
    assert.match(r.html, /\[图片 image: 远程\]/);
  });
  it('with remote images on, absolute http(s) images stay and a relative one is still a placeholder', () => {
    const r = renderPost(parsePost(text), { remoteImages: true });
    assert.deepStrictEqual([...r.html.matchAll(/<img\b[^>]*\ssrc="([^"]+)"/g)].map(m => m[1]), ['https://example.com/a.png', 'http://example.com/b.png']);
    assert.strictEqual((r.html.match(/class="bp-img-blocked"/g) ?? []).length, 1);
  });
});

describe('render: bad input', () => {
  const junk: [string, string][] = [
    ['binary junk', Array.from({ length: 20000 }, (_, i) => String.fromCharCode((i * 7919) % 0xd7ff)).join('')],
    ['10,000 nested quotes', '>'.repeat(10000) + ' 深'],
    ['5,000 unclosed details', '<details>\n<summary>View/Hide Original English</summary>\n<p class="english-text">x\n\n'.repeat(5000)],
    ['deep HTML nesting', '<div>'.repeat(20000) + '中' + '</div>'.repeat(3)],
    ['a 2 MB post', seed(3).repeat(40)],
    ['only front matter, unclosed', '---\ntitle: [unclosed\n'],
    ['empty', ''],
  ];
  for (const [what, text] of junk) {
    it(`${what}: renders without throwing, and the output is sanitized`, () => {
      assertClean(render(text).html, what);
    });
  }

  it('any text renders without throwing and nothing executable comes out (property)', () => {
    const piece = fc.constantFrom('<details>', '</details>', '<summary>', '<p class="english-text">', '</p>', '\n', '\n\n', '<script>', '<img src=x onerror=1>',
      '<a href="javascript:x">', '中文', 'English', '**', '---', '# ', '> ', '- ', '<!--', '-->', '`', '```', '<svg onload=1>', '"', "'", '&', '<');
    fc.assert(fc.property(fc.array(piece, { maxLength: 60 }), parts => {
      assertClean(render(parts.join('')).html, JSON.stringify(parts.join('')));
    }), { numRuns: 300 });
  });

  it('the sanitizer drops what the blog never uses and keeps what it does', () => {
    const kept = '<details><summary>View/Hide Original English</summary><p class="english-text">E<br>F</p></details>' +
      '<table><thead><tr><th>a</th></tr></thead><tbody><tr><td>b</td></tr></tbody></table><a href="https://x.y/">l</a>';
    assert.strictEqual(sanitize(kept), kept.replace('<br>', '<br />'));
    assert.strictEqual(sanitize('<p class="other english-text" style="color:red" id="x">t</p>'), '<p class="english-text">t</p>');
  });
});

describe('render: the CLI (bilingual-posts render)', () => {
  let dir: string;
  before(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bp-render-')); });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const io = () => { const o = { out: '', err: '' }; return { o, io: { out: (s: string) => { o.out += s; }, err: (s: string) => { o.err += s; } } }; };

  it('writes POST.html next to the post: the preview\'s markup, its CSS inlined, one script by nonce', () => {
    const file = path.join(dir, 'post.md');
    fs.writeFileSync(file, seed(3));
    const { o, io: x } = io();
    assert.strictEqual(renderCommand([file], x), 0, o.err);
    const html = fs.readFileSync(path.join(dir, 'post.html'), 'utf8');
    const post: Post = parsePost(seed(3));
    const body = renderPost(post, { diagnostics: lintPost(post, { config }) }).html;
    assert.ok(html.includes(body), 'the same markup as the preview');
    assert.match(html, /<style nonce="([^"]+)">[\s\S]*\.bp-side-by-side \.bp-root/, 'the preview CSS, inlined');
    const nonce = /<style nonce="([^"]+)">/.exec(html)![1];
    assert.match(html, new RegExp(`content="default-src &#39;none&#39;; style-src &#39;nonce-${nonce.replace(/[+/]/g, '\\$&')}&#39;; script-src &#39;nonce-`));
    assert.strictEqual((html.match(/<script/g) ?? []).length, 1);
    assert.match(html, /<button type="button" class="bp-btn" data-action="toggle-all"/);
    assert.match(o.err, /72 English blocks/);
  });

  it('-o - writes to stdout; usage errors and unreadable posts exit 2', () => {
    const file = path.join(dir, 'p.md');
    fs.writeFileSync(file, '中文。\n');
    let r = io();
    assert.strictEqual(renderCommand(['-o', '-', file], r.io), 0);
    assert.match(r.o.out, /^<!DOCTYPE html>[\s\S]*<p data-line="0">中文。<\/p>/);
    r = io();
    assert.strictEqual(renderCommand([], r.io), 2);
    assert.match(r.o.err, /render takes one POST\.md/);
    r = io();
    assert.strictEqual(renderCommand([path.join(dir, 'missing.md')], r.io), 2);
    r = io();
    assert.strictEqual(renderCommand(['--bogus', file], r.io), 2);
    const bin = path.join(dir, 'bin.md');
    fs.writeFileSync(bin, Buffer.from([0, 1, 2, 0xff]));
    r = io();
    assert.strictEqual(renderCommand([bin], r.io), 2);
    assert.match(r.o.err, /not a text file/);
  });

  it('the page title is the post\'s title, escaped', () => {
    const page = renderPage("---\ntitle: '<b>粗</b> & co'\n---\n\n中文。\n").html;
    assert.match(page, /<title>&lt;b&gt;粗&lt;\/b&gt; &amp; co<\/title>/);
  });
});
