// The preview's own HTML sanitizer (src/core/sanitize.ts), checked by a spec-compliant HTML parser (parse5): hostile fragments, random splits, real posts.
import * as assert from 'assert';
import fc from 'fast-check';
import { parseFragment, type DefaultTreeAdapterMap } from 'parse5';
import { parsePost } from '../../src/core';
import { renderPost } from '../../src/core/render';
import { allowedAttribute, ALLOWED_TAGS, HtmlSanitizer, remoteImageUrl, safeLink, sanitizeHtml } from '../../src/core/sanitize';
import { corpus, corpusNames, seed } from './realPosts';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

const RUNS = Number(process.env.FUZZ_RUNS ?? 600);
const SEED = Number(process.env.FUZZ_SEED ?? 20261207);

/** Every element of the tree a browser builds from `html` (parse5 follows the HTML standard's tokenizer and tree builder). */
function elements(html: string): Element[] {
  const out: Element[] = [];
  const walk = (n: Node): void => {
    if ('tagName' in n) out.push(n);
    if ('childNodes' in n) for (const c of n.childNodes) walk(c);
    if ('content' in n && n.content) walk(n.content as Node);
  };
  walk(parseFragment(html) as unknown as Node);
  return out;
}

/** Elements that run, load, embed, submit or restyle: never on the page, whatever the allowlist says. */
const ACTIVE_ELEMENTS = new Set(['script', 'style', 'iframe', 'frame', 'object', 'embed', 'svg', 'math', 'form', 'input', 'button', 'select',
  'textarea', 'base', 'meta', 'link', 'template', 'noscript', 'title', 'xmp', 'plaintext', 'video', 'audio', 'source', 'picture', 'portal']);

/** What a browser would make of the sanitizer's output: only allowlisted elements and attributes, only safe URLs. */
function assertSafe(html: string, remoteImages: boolean, input: string): void {
  for (const el of elements(html)) {
    const where = `in ${JSON.stringify(html.slice(0, 300))} from ${JSON.stringify(input.slice(0, 300))}`;
    assert.ok(ALLOWED_TAGS.has(el.tagName) && !ACTIVE_ELEMENTS.has(el.tagName), `element <${el.tagName}> ${where}`);
    for (const a of el.attrs) {
      // The module's own allowlist, and independently of it: no handler, style or other attribute that acts.
      assert.ok(allowedAttribute(el.tagName, a.name) && !/^on|^(style|srcdoc|srcset|formaction|action|xlink:href|ping|background|poster)$/.test(a.name),
        `attribute ${a.name} on <${el.tagName}> ${where}`);
      if (a.name === 'href' || a.name === 'src') assert.ok(safeLink(a.value), `${a.name}="${a.value}" ${where}`);
      if (a.name === 'class') assert.ok(a.value.split(/\s+/).every(c => /^(english-text|entity-details|bp-.+|language-.+)$/.test(c)), `class="${a.value}" ${where}`);
    }
    if (el.tagName === 'img') {
      assert.ok(remoteImages, `an image with remote images off ${where}`);
      assert.ok(remoteImageUrl(el.attrs.find(a => a.name === 'src')?.value ?? ''), `an image that is not absolute http(s) ${where}`);
    }
  }
}

/** Pieces of real and hostile HTML; the properties glue them at random (so tags are cut, quotes left open, comments unclosed). */
const FRAGMENTS = [
  '<details>', '</details>', '<summary>View/Hide Original English</summary>', '<p class="english-text">', '</p>', '<br>', '<br/>',
  '<script>alert(1)</script>', '<script', '</script>', '<SCRIPT SRC=//x.example/a.js>', '<img src=x onerror=alert(1)>',
  '<img src="https://example.com/a.png" alt="a">', '<img src="javascript:alert(1)">', '<a href="javascript:alert(1)">x</a>',
  '<a href="java\tscript:alert(1)">', '<a href="jav&#x09;ascript:alert(1)">', '<a href=" javascript:alert(1)">', '<a href="//evil.example">',
  '<a href="https://example.com" onclick="x()">', '<iframe src="https://evil.example"></iframe>', '<svg><script>alert(1)</script></svg>',
  '<math><mi><style><img src=x onerror=1></style></mi></math>', '<style>body{}</style>', '<textarea><img src=x onerror=1></textarea>',
  '<noscript><p title="</noscript><img src=x onerror=1>">', '<title><img src=x onerror=1></title>', '<template><img src=x onerror=1></template>',
  '<!--', '-->', '<!-- <img src=x onerror=1> -->', '<!--->', '<!-->', '<!doctype html>', '<![CDATA[<img src=x onerror=1>]]>', '<?php ?>',
  '</中文', '</', '<', '>', '"', "'", '=', '&', '&lt;', '&#60;', '&quot;', '<p title="a>b">', "<p title='x' title=\"y\">",
  '<div style="background:url(https://evil.example)">', '<form action="https://evil.example"><button formaction=x>', '<input autofocus onfocus=1>',
  '<object data=x>', '<embed src=x>', '<base href="https://evil.example/">', '<meta http-equiv=refresh content="0;url=x">', '<link rel=stylesheet href=x>',
  '<details open ontoggle=alert(1)>', '<p/onmouseover=alert(1)>', '<p\nonclick=1>', '<img/src=x/onerror=1>', '<plaintext>', '<xmp><img src=x onerror=1></xmp>',
  '<table><tr><td align=right>1</td></tr></table>', '<code class="language-js x">', '<span class="bp-img-blocked evil">', '<p data-line="3" data-x=1>',
  '中文段落。', 'English text. ', '\n', '\n\n', ' ', '\t',
];
const html = fc.array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 8 })), { maxLength: 24 }).map(parts => parts.join(''));

describe('sanitize: what a browser builds from its output (parse5)', () => {
  it('holds only allowlisted elements and attributes and safe URLs, whatever the input', () => {
    fc.assert(fc.property(html, fc.boolean(), (input, remote) => { assertSafe(sanitizeHtml(input, remote), remote, input); }), { numRuns: RUNS, seed: SEED });
  });

  it('stays safe when the input comes in pieces cut anywhere, as a post\'s HTML blocks do', () => {
    fc.assert(fc.property(html, fc.array(fc.nat(), { maxLength: 6 }), fc.boolean(), (input, cuts, remote) => {
      const at = [...new Set(cuts.map(c => c % (input.length + 1)))].sort((a, b) => a - b);
      const s = new HtmlSanitizer(remote);
      let out = '', from = 0;
      for (const c of [...at, input.length]) { out += s.raw(input.slice(from, c)); from = c; }
      out += s.finish();
      assertSafe(out, remote, input);
    }), { numRuns: RUNS, seed: SEED + 1 });
  });

  it('is idempotent: its output is already canonical', () => {
    fc.assert(fc.property(html, input => {
      const once = sanitizeHtml(input);
      assert.strictEqual(sanitizeHtml(once), once);
    }), { numRuns: RUNS, seed: SEED + 2 });
  });

  it('passes markup in the blog\'s own form through unchanged', () => {
    const block = '<details>\n<summary>View/Hide Original English</summary>\n<p class="english-text">We are witnessing it &amp; more.<br />Next line.</p>\n</details>\n';
    assert.strictEqual(sanitizeHtml(block), block);
  });

  it('drops what can run or load, keeping the text a reader should see', () => {
    const out = sanitizeHtml('<p onclick="x()">中文<script>alert(1)</script>文本</p><img src="https://example.com/a.png" alt="图"><a href="javascript:alert(1)">链接</a>');
    assert.strictEqual(out, '<p>中文文本</p><span class="bp-img-blocked" title="https://example.com/a.png">[图片 image: 图]</span><a>链接</a>');
    assert.strictEqual(sanitizeHtml('<img src="https://example.com/a.png" alt="图">', true), '<img src="https://example.com/a.png" alt="图" />');
  });

  it('reads broken HTML as far as a browser would: `</` and Chinese is a comment up to the next `>`', () => {
    const input = '<p>前文</中文没有闭合 <b>粗</b> 后文</p>';
    assert.strictEqual(sanitizeHtml(input), '<p>前文粗</b> 后文</p>', 'the comment swallows `<b` up to its `>`');
    // parse5 agrees on what text remains.
    const text = (h: string) => elements(h).filter(e => e.tagName === 'p').map(p => p.childNodes.map(c => ('value' in c ? c.value : '')).join('')).join('');
    assert.strictEqual(text(sanitizeHtml(input)), text(input));
  });
});

describe('sanitize: real posts rendered for the preview', () => {
  const posts: [string, string][] = [...[0, 1, 2, 3].map(n => [`seed ${n}`, seed(n)] as [string, string]), ...corpusNames().map(n => [n, corpus(n)] as [string, string])];
  for (const [name, text] of posts) {
    it(`${name}: every English block reaches the page and the page is safe as a browser reads it`, () => {
      const post = parsePost(text);
      const r = renderPost(post);
      assertSafe(r.html, false, name);
      const english = elements(r.html).filter(e => e.tagName === 'details' && e.attrs.some(a => a.name === 'data-english'));
      assert.strictEqual(english.length, r.englishBlocks);
      assert.strictEqual(r.englishBlocks + r.hiddenEnglish.length, post.english.length);
    });
  }
});
