// Hostile front matter: alias bombs, huge strings, deep nesting, code-running tags, prototype keys — read safely or refused with a diagnostic.
import * as assert from 'assert';
import { applyEdits, defaultConfig, lintPost, MAX_DEPTH, MAX_LINES, parseFrontMatter, parsePost, type Diagnostic } from '../../src/core';
import { renderPost } from '../../src/core/render';

const ctx = { config: defaultConfig() };
const MB = 1 << 20;
const body = '\n中文段落。\n\n<details>\n<summary>View/Hide Original English</summary>\n<p class="english-text">English.</p>\n</details>\n';
const post = (fm: string) => `---\n${fm}\n---\n${body}`;

/** The "billion laughs": nine levels of nine aliases, 9^9 strings if anything expanded it. */
function aliasBomb(): string {
  const lines = ['title: x', "a: &a ['lol', 'lol', 'lol', 'lol', 'lol', 'lol', 'lol', 'lol', 'lol']"];
  const names = 'abcdefghi';
  for (let i = 1; i < names.length; i++) lines.push(`${names[i]}: &${names[i]} [${Array(9).fill('*' + names[i - 1]).join(', ')}]`);
  lines.push('tags: *i');
  return post(lines.join('\n'));
}

interface Case {
  name: string;
  text: () => string;
  /** How the front matter must come out: read (with these entries) or refused (a frontmatter-yaml diagnostic saying so). */
  expect: { read: string[] } | { refused: RegExp };
  /** A diagnostic that must be there, as code and a message pattern. */
  diagnostic?: [string, RegExp];
}

const cases: Case[] = [
  { name: 'an alias bomb (billion laughs) is read without expanding it', text: aliasBomb, expect: { read: ['title', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'tags'] },
    diagnostic: ['frontmatter-type', /"tags" is a list of plain values/] },
  { name: 'an alias to an undefined anchor', text: () => post('title: *nowhere'), expect: { read: ['title'] } },
  { name: 'a merge key pulling in an anchored map', text: () => post("base: &b {title: x, date: '2025-01-01'}\n<<: *b\nlayout: post.njk"), expect: { read: ['base', '<<', 'layout'] },
    diagnostic: ['frontmatter-unknown-key', /"<<"/] },
  { name: 'a 1 MB title', text: () => post(`title: ${'x'.repeat(MB)}\ndate: '2025-01-01'\nlayout: post.njk`), expect: { read: ['title', 'date', 'layout'] } },
  { name: 'a 1 MB quoted Chinese title with a quote in it', text: () => post(`title: '${'中'.repeat(MB / 2)}''${'文'.repeat(MB / 2)}'\nlayout: post.njk`), expect: { read: ['title', 'layout'] } },
  { name: 'a 1 MB key', text: () => post(`${'k'.repeat(MB)}: v\ntitle: x`), expect: { read: ['k'.repeat(MB), 'title'] },
    diagnostic: ['frontmatter-unknown-key', /^Unknown front-matter key "k{40}… \(1048576 characters\)"/] },
  { name: 'a 100,000-item flow list on one line', text: () => post(`tags: [${Array.from({ length: 100000 }, (_, i) => `t${i}`).join(', ')}]`), expect: { read: ['tags'] } },
  { name: '10,000 nested flow lists', text: () => post(`tags: ${'['.repeat(10000)}${']'.repeat(10000)}`), expect: { refused: /nests lists or maps over 64 levels/ } },
  { name: '10,000 unclosed flow lists', text: () => post(`tags: ${'['.repeat(10000)}`), expect: { refused: /over 64 levels/ } },
  { name: '10,000 nested flow maps', text: () => post(`title: ${'{a: '.repeat(10000)}1${'}'.repeat(10000)}`), expect: { refused: /over 64 levels/ } },
  { name: 'block maps nested by indentation 500 deep', text: () => post(Array.from({ length: 500 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n')), expect: { refused: /over 64 levels/ } },
  { name: 'nesting just under the bound is read', text: () => post(`tags: ${'['.repeat(MAX_DEPTH - 1)}${']'.repeat(MAX_DEPTH - 1)}`), expect: { read: ['tags'] },
    diagnostic: ['frontmatter-type', /nested structures/] },
  { name: '50,000 keys', text: () => post(Array.from({ length: 50000 }, (_, i) => `k${i}: v`).join('\n')), expect: { refused: new RegExp(`over ${MAX_LINES} lines`) } },
  { name: '10,000 anchors (each key checked against all others by the YAML parser)', text: () => post(Array.from({ length: 10000 }, (_, i) => `a${i}: &x${i} v`).join('\n')), expect: { refused: /lines long; it is not read/ } },
  { name: '!!js/function', text: () => post('title: !!js/function "function () { globalThis.__pwned = 1 }"\nlayout: post.njk'), expect: { read: ['title', 'layout'] },
    diagnostic: ['frontmatter-yaml', /Unresolved tag: .*js\/function/] },
  { name: '!!js/undefined and !!js/regexp', text: () => post('title: !!js/undefined ""\nsummary: !!js/regexp /x/'), expect: { read: ['title', 'summary'] },
    diagnostic: ['frontmatter-yaml', /Unresolved tag/] },
  { name: '!!python/object/apply', text: () => post('title: !!python/object/apply:os.system ["touch pwned"]'), expect: { read: ['title'] },
    diagnostic: ['frontmatter-yaml', /Unresolved tag: .*python/] },
  { name: 'a local tag', text: () => post('tags: !pwn [a, b]'), expect: { read: ['tags'] }, diagnostic: ['frontmatter-yaml', /Unresolved tag: !pwn/] },
  { name: '!!binary', text: () => post('title: !!binary aGVsbG8=\nlayout: post.njk'), expect: { read: ['title', 'layout'] } },
  { name: '__proto__ and constructor keys', text: () => post('__proto__: {polluted: 1}\nconstructor: {prototype: {polluted: 1}}\ntitle: x'), expect: { read: ['__proto__', 'constructor', 'title'] },
    diagnostic: ['frontmatter-unknown-key', /"__proto__"/] },
  { name: 'duplicate keys', text: () => post('title: a\ntitle: b'), expect: { read: ['title', 'title'] }, diagnostic: ['frontmatter-yaml', /unique/] },
  { name: 'NUL, BOM, lone CR and U+2028 in values', text: () => '\uFEFF' + post("title: a\u0000b\rc\u2028d\nsummary: '\u0000'\ndate: '2025-01-01'"), expect: { read: ['title', 'summary', 'date'] } },
  { name: 'a key over two lines', text: () => post('<details>\nauthor: x'), expect: { read: [] }, diagnostic: ['frontmatter-yaml', /single line/] },
];

function yamlErrors(ds: Diagnostic[]): string[] { return ds.filter(d => d.code === 'frontmatter-yaml').map(d => d.message); }

describe('hostile front matter', () => {
  for (const c of cases) {
    it(c.name, () => {
      const text = c.text();
      const fm = parseFrontMatter(text);
      assert.ok(fm, 'the front matter is found');
      const ds = lintPost(text, ctx);
      assert.deepStrictEqual(ds.filter(d => d.message.startsWith('Internal error')).map(d => d.message), []);
      if ('read' in c.expect) {
        assert.deepStrictEqual(fm.entries.map(e => e.key), c.expect.read);
        assert.ok(!yamlErrors(ds).some(m => /it is not read/.test(m)), yamlErrors(ds).join(' | '));
      } else {
        assert.deepStrictEqual(fm.entries, [], 'a refused front matter has no entries');
        assert.match(yamlErrors(ds).join(' | '), c.expect.refused);
      }
      if (c.diagnostic) {
        const [code, pattern] = c.diagnostic;
        assert.ok(ds.some(d => d.code === code && pattern.test(d.message)), `${code} ${pattern}: ${ds.map(d => `${d.code} ${d.message.slice(0, 100)}`).join(' | ')}`);
      }
      // The body after it is still a post: its English block is found where it is.
      const p = parsePost(text);
      assert.strictEqual(p.english.length, 1);
      assert.strictEqual(p.english[0].text, 'English.');
      // Every fix offered applies and leaves a text that lints without an internal error.
      for (const d of ds) for (const f of d.fixes) {
        const after = lintPost(applyEdits(text, f.edits), ctx);
        assert.deepStrictEqual(after.filter(x => x.message.startsWith('Internal error')).map(x => x.message), []);
      }
      // The preview shows it without throwing and without a live tag from it.
      const html = renderPost(p, { diagnostics: ds }).html;
      assert.ok(!/<script|\son\w+=/i.test(html), 'no script or handler in the rendered page');
      // No message quotes a megabyte back at the author.
      for (const d of ds) assert.ok(d.message.length < 1000, `${d.code}: a ${d.message.length}-character message`);
    });
  }

  it('nothing ran and no prototype was touched', () => {
    assert.strictEqual((globalThis as Record<string, unknown>).__pwned, undefined);
    assert.strictEqual(({} as Record<string, unknown>).polluted, undefined);
    assert.strictEqual((Object.prototype as Record<string, unknown>).polluted, undefined);
  });

  it('front matter at the bound is still read, one line over is refused', () => {
    const keys = (n: number) => post(Array.from({ length: n }, (_, i) => `k${i}: v`).join('\n'));
    // The content ends with a newline before the closing fence, so n keys make n lines.
    assert.strictEqual(parseFrontMatter(keys(MAX_LINES))!.entries.length, MAX_LINES);
    const over = parseFrontMatter(keys(MAX_LINES + 1))!;
    assert.strictEqual(over.entries.length, 0);
    assert.match(over.errors.map(e => e.message).join(' '), /is not read/);
  });
});
