// Every rule on small cases and on the seeds: codes, exact ranges, messages, and fixes that remove exactly their diagnostic.
import * as assert from 'assert';
import { applyEdits, defaultConfig, EntityIndex, lintPost, parseConfig, type Code, type Config, type Diagnostic, type LintContext } from '../../src/core';
import { seed } from './realPosts';

const A = (en: string, label = 'View/Hide Original English') => `<details>\n<summary>${label}</summary>\n<p class="english-text">${en}</p>\n</details>`;
const FM = "---\ntitle: 标题\ndate: '2025-01-01'\nlayout: post.njk\n---\n";
const ctx = (over: Partial<Config> = {}, entities?: EntityIndex): LintContext => ({ config: { ...defaultConfig(), ...over }, entities });

function lint(text: string, c = ctx()): Diagnostic[] { return lintPost(text, c); }
function codes(text: string, c = ctx()): Code[] { return lint(text, c).map(d => d.code); }
function only(text: string, code: Code, c = ctx()): Diagnostic[] { return lint(text, c).filter(d => d.code === code); }

/** Applies the first fix of the first `code` diagnostic; asserts it disappears and nothing else changes. */
function fixes(text: string, code: Code, c = ctx(), fixIndex = 0, adds: Code[] = []): string {
  const before = lint(text, c);
  const d = before.find(x => x.code === code);
  assert.ok(d, `expected a ${code} diagnostic`);
  assert.ok(d.fixes[fixIndex], `${code} has a fix`);
  const after = applyEdits(text, d.fixes[fixIndex].edits);
  const count = (ds: Diagnostic[]) => { const m: Record<string, number> = {}; for (const x of ds) m[x.code] = (m[x.code] ?? 0) + 1; return m; };
  const expected = count(before); expected[code]--; if (!expected[code]) delete expected[code];
  for (const a of adds) expected[a] = (expected[a] ?? 0) + 1;
  assert.deepStrictEqual(count(lint(after, c)), expected, `after fixing ${code}`);
  return after;
}

describe('rules', () => {
  describe('missing-translation', () => {
    const post = `${FM}\n### 标题\n\n第一段中文。\n\n${A('First.')}\n\n第二段中文，没有英文。\n\n第三段。\n${A('Third.')}\n`;
    it('flags a Chinese paragraph with no block in a bilingual post, on its first line', () => {
      const ds = only(post, 'missing-translation');
      assert.strictEqual(ds.length, 1);
      const line = post.split('\n').indexOf('第二段中文，没有英文。');
      assert.deepStrictEqual(ds[0].range.start, { line, character: 0 });
      assert.deepStrictEqual(ds[0].range.end, { line, character: '第二段中文，没有英文。'.length });
      assert.strictEqual(ds[0].severity, 'warning');
    });
    it('inserts an empty block below with the cursor inside it', () => {
      const d = only(post, 'missing-translation')[0];
      // The inserted block is empty until the author writes the English: that one new diagnostic is expected.
      const out = fixes(post, 'missing-translation', ctx(), 0, ['empty-translation']);
      assert.ok(out.includes('第二段中文，没有英文。\n\n<details>\n<summary>View/Hide Original English</summary>\n<p class="english-text"></p>\n</details>\n\n第三段。'));
      const cursor = d.fixes[0].cursor!;
      assert.ok(out.slice(0, cursor).endsWith('<p class="english-text">'));
      assert.ok(out.slice(cursor).startsWith('</p>'));
      assert.strictEqual(only(out, 'empty-translation').length, 1, 'the new block is empty until the author fills it');
    });
    it('leaves Chinese-only posts alone in auto mode and checks them in always mode', () => {
      assert.strictEqual(only(seed(1), 'missing-translation').length, 0);
      assert.strictEqual(only(seed(2), 'missing-translation').length, 0);
      assert.ok(only(seed(1), 'missing-translation', ctx({ translationMode: 'always' })).length > 20);
      assert.strictEqual(only(post, 'missing-translation', ctx({ translationMode: 'never' })).length, 0);
    });
    it('checks a post of style C blocks per section', () => {
      const c = `${FM}\n### 一\n\n中文一。\n\n中文二。\n\n<details>\n<summary>Original English Source</summary>\nOne.\nTwo.\n</details>\n\n### 二\n\n中文三。\n\n中文四。\n`;
      const ds = only(c, 'missing-translation');
      assert.strictEqual(ds.length, 1);
      assert.strictEqual(ds[0].range.start.line, c.split('\n').indexOf('### 二'));
      const out = fixes(c, 'missing-translation', ctx(), 0, ['empty-translation']);
      assert.ok(out.trimEnd().endsWith('中文四。\n\n<details>\n<summary>Original English Source</summary>\n\n\n\n</details>'));
    });
    it('finds nothing missing in the bilingual seeds', () => {
      assert.strictEqual(only(seed(0), 'missing-translation').length, 0);
      assert.strictEqual(only(seed(3), 'missing-translation').length, 0);
    });
  });

  describe('empty-translation', () => {
    it('flags an empty english-text on the <details> line, with no automatic fix', () => {
      const t = `${FM}\n中文。\n${A('')}\n`;
      const ds = only(t, 'empty-translation');
      assert.strictEqual(ds.length, 1);
      assert.strictEqual(ds[0].range.start.line, 7);
      assert.strictEqual(ds[0].fixes.length, 0);
      assert.strictEqual(only(`${FM}\n中文。\n${A('<br>')}\n`, 'empty-translation').length, 1);
    });
  });

  describe('malformed-block', () => {
    it('repairs a summary closed by </p>, keeping the English (seed 003, three times)', () => {
      const t = seed(3);
      const ds = only(t, 'malformed-block');
      assert.deepStrictEqual(ds.map(d => d.range.start.line + 1), [103, 147, 349]);
      assert.ok(ds.every(d => d.range.start.character === 0 && /closed by `<\/p>`/.test(d.message)));
      let out = t;
      for (let i = 0; i < 3; i++) out = fixes(out, 'malformed-block');
      assert.strictEqual(only(out, 'malformed-block').length, 0);
      assert.strictEqual(out.length, t.length + 3 * ('</summary>'.length - '</p>'.length));
    });
    it('closes an unclosed summary, an unclosed english-text and an unclosed <details>', () => {
      const s = `${FM}\n中文。\n<details>\n<summary>View/Hide Original English\n<p class="english-text">English.</p>\n</details>\n`;
      assert.ok(fixes(s, 'malformed-block').includes('<summary>View/Hide Original English</summary>\n'));
      const p = `${FM}\n中文。\n<details>\n<summary>View/Hide Original English</summary>\n<p class="english-text">English.\n</details>\n`;
      assert.ok(fixes(p, 'malformed-block').includes('English.</p>\n</details>'));
      const d = `${FM}\n中文。\n<details>\n<summary>View/Hide Original English</summary>\n<p class="english-text">English.</p>\n\n下一段。\n${A('Next.')}\n`;
      const ds = only(d, 'malformed-block');
      assert.strictEqual(ds.length, 1);
      assert.match(ds[0].message, /never closed/);
      assert.ok(fixes(d, 'malformed-block').includes('English.</p>\n</details>\n\n下一段。'));
    });
    it('fixes the wrong class, stray tags, a misspelled </details> and a doubled <', () => {
      const cls = `${FM}\n中文。\n<details>\n<summary>View/Hide Original English</summary>\n<p class="english">English.</p>\n</details>\n`;
      assert.ok(fixes(cls, 'malformed-block').includes('<p class="english-text">English.</p>'));
      const stray = `${FM}\n中文。\n<details>\n<summary>View/Hide Original English</summary>\n<p class="english-text">English.</p>\n</p>\n</details>\n`;
      assert.ok(fixes(stray, 'malformed-block').includes('English.</p>\n</details>'));
      const typo = `${FM}\n中文。\n<details>\n<summary>View/Hide Original English</summary>\n<p class="english-text">English.</p>\n</detais>\n`;
      assert.ok(fixes(typo, 'malformed-block').endsWith('English.</p>\n</details>\n'));
      const junk = `${FM}\n中文。\n\n<<details>\n<summary>View/Hide Original English</summary>\n<p class="english-text">English.</p>\n</details>\n`;
      assert.ok(fixes(junk, 'malformed-block').includes('\n<details>\n<summary>'));
    });
    it('flags a stray </details> with no opening', () => {
      const t = `${FM}\n中文。\n${A('English.')}\n</details>\n`;
      const out = fixes(t, 'malformed-block');
      assert.strictEqual(out.split('</details>').length - 1, 1);
    });
  });

  describe('summary-label', () => {
    it('corrects near misses of the accepted labels and accepts the blog\'s own labels', () => {
      for (const [bad, good] of [['View/Hide Original Original English', 'View/Hide Original English'], ['Veiw/Hide Original English', 'View/Hide Original English'], ['V/Hide Original English', 'View/Hide Original English'], ['Orignal English', 'Original English']]) {
        const t = `${FM}\n中文。\n${A('English.', bad)}\n`;
        const ds = only(t, 'summary-label');
        assert.strictEqual(ds.length, 1, bad);
        assert.strictEqual(ds[0].range.start.line, 7);
        assert.ok(fixes(t, 'summary-label').includes(`<summary>${good}</summary>`), bad);
      }
      for (const ok of ['View/Hide Original English', 'Original English', '查看/隐藏英文原文 / View/Hide Original English', 'View/Hide Original Chinese', 'View/Hide Original Text']) {
        assert.strictEqual(only(`${FM}\n中文。\n${A('English.', ok)}\n`, 'summary-label').length, 0, ok);
      }
    });
    it('honours configured labels', () => {
      const c = ctx({ acceptedLabels: ['英文原文'] });
      assert.strictEqual(only(`${FM}\n中文。\n${A('English.', '英文原文')}\n`, 'summary-label', c).length, 0);
      assert.strictEqual(only(`${FM}\n中文。\n${A('English.', '英文原')}\n`, 'summary-label', c).length, 1);
    });
  });

  describe('chinese-in-english', () => {
    it('flags a block whose text is mostly Chinese and offers the Chinese label', () => {
      const t = `${FM}\n中文。\n${A('这是中文，不是英文，原文就是中文的。')}\n`;
      const ds = only(t, 'chinese-in-english');
      assert.strictEqual(ds.length, 1);
      assert.ok(fixes(t, 'chinese-in-english').includes('<summary>View/Hide Original Chinese</summary>'));
      assert.strictEqual(only(`${FM}\n中文。\n${A('The **术语** (term) is English with a few 中文 words in it.')}\n`, 'chinese-in-english').length, 0);
    });
  });

  describe('orphan-translation', () => {
    it('flags a block after a heading or after another block', () => {
      const t = `${FM}\n### 标题\n\n${A('Orphan.')}\n\n中文。\n\n${A('One.')}\n${A('Two.')}\n`;
      const ds = only(t, 'orphan-translation');
      const lines = t.split('\n');
      assert.deepStrictEqual(ds.map(d => d.range.start.line), [lines.indexOf('<details>'), lines.lastIndexOf('<details>')]);
      assert.match(ds[0].message, /heading/);
      assert.match(ds[1].message, /another English block/);
    });
  });

  describe('block-spacing', () => {
    it('flags text right after </details> and inserts the blank line', () => {
      const t = `${FM}\n中文。\n${A('One.')}\n第二段。\n${A('Two.')}\n`;
      const ds = only(t, 'block-spacing');
      assert.strictEqual(ds.length, 1);
      assert.strictEqual(ds[0].range.start.line, 11);
      assert.ok(fixes(t, 'block-spacing').includes('</details>\n\n第二段。'));
    });
    it('flags text on the </details> line itself', () => {
      const t = `${FM}\n中文。\n<details> <summary>View/Hide Original English</summary> <p class="english-text">One.</p> </details> [BODY_END]\n`;
      const ds = only(t, 'block-spacing');
      assert.strictEqual(ds.length, 1);
      assert.strictEqual(t.slice(ds[0].start, ds[0].end), '[BODY_END]');
      assert.ok(fixes(t, 'block-spacing').includes('</details>\n\n[BODY_END]'));
    });
    it('accepts a block right under its paragraph (a convention) and HTML after </details>', () => {
      assert.strictEqual(only(`${FM}\n中文。\n${A('One.')}\n<!-- chunk 1/2 -->\n`, 'block-spacing').length, 0);
    });
  });

  describe('front matter rules', () => {
    it('frontmatter-yaml: reports broken YAML at its place', () => {
      const t = "---\ntitle: '未闭合\ndate: '2025-01-01'\n---\n正文\n";
      const ds = only(t, 'frontmatter-yaml');
      assert.ok(ds.length >= 1);
      assert.ok(ds.every(d => d.range.start.line >= 1 && d.range.start.line <= 3 && d.severity === 'error'));
    });
    it('frontmatter-yaml: closes an unclosed front matter', () => {
      const t = "---\ntitle: 标题\ndate: '2025-01-01'\nlayout: post.njk\n\n中文。\n";
      assert.ok(fixes(t, 'frontmatter-yaml').startsWith("---\ntitle: 标题\ndate: '2025-01-01'\nlayout: post.njk\n---\n"));
    });
    it('frontmatter-unknown-key: suggests the key meant and renames it', () => {
      const t = FM.replace('layout:', 'tag:\n- x\nlayout:');
      const ds = only(t, 'frontmatter-unknown-key');
      assert.strictEqual(ds.length, 1);
      assert.match(ds[0].message, /Did you mean "tags"\?/);
      assert.deepStrictEqual(ds[0].range, { start: { line: 3, character: 0 }, end: { line: 3, character: 3 } });
      assert.ok(fixes(t, 'frontmatter-unknown-key').includes('\ntags:\n- x\n'));
      assert.strictEqual(only(FM.replace('layout:', 'companies:\n- x\nchannel: y\nlayout:'), 'frontmatter-unknown-key').length, 0, 'legacy and rare keys the blog uses are known');
    });
    it('frontmatter-type: list vs scalar vs boolean', () => {
      const str = FM.replace('layout:', 'tags: ai\nlayout:');
      assert.ok(fixes(str, 'frontmatter-type').includes('\ntags:\n- ai\n'));
      const quotedEmpty = FM.replace('layout:', "people: '[]'\nlayout:");
      assert.ok(fixes(quotedEmpty, 'frontmatter-type').includes('\npeople: []\n'));
      const draft = FM.replace('layout:', "draft: 'true'\nlayout:");
      assert.ok(fixes(draft, 'frontmatter-type').includes('\ndraft: true\n'));
      const list = FM.replace('layout:', 'speaker:\n- a\n- b\nlayout:');
      assert.strictEqual(only(list, 'frontmatter-type').length, 1);
      assert.strictEqual(only(FM.replace('layout:', 'tags:\nguest: null\nlayout:'), 'frontmatter-type').length, 0, 'null is accepted');
    });
    it('frontmatter-date: accepts quoted and bare dates, fixes near misses', () => {
      assert.strictEqual(only(FM.replace("'2025-01-01'", '2025-01-01'), 'frontmatter-date').length, 0);
      const t = FM.replace("'2025-01-01'", "'2025-1-5'");
      const ds = only(t, 'frontmatter-date');
      assert.strictEqual(ds.length, 1);
      assert.strictEqual(t.slice(ds[0].start, ds[0].end), "'2025-1-5'");
      assert.ok(fixes(t, 'frontmatter-date').includes("date: '2025-01-05'"));
      assert.strictEqual(only(FM.replace("'2025-01-01'", "'2025-02-30'"), 'frontmatter-date').length, 1);
      assert.strictEqual(only(FM.replace("'2025-01-01'", "'soon'"), 'frontmatter-date')[0].fixes.length, 0);
    });
    it('frontmatter-required: title, date and layout', () => {
      const t = "---\ntitle: 标题\ndate: '2025-01-01'\n---\n正文\n";
      const ds = only(t, 'frontmatter-required');
      assert.strictEqual(ds.length, 1);
      assert.deepStrictEqual(ds[0].range.start, { line: 0, character: 0 });
      assert.ok(fixes(t, 'frontmatter-required').includes('layout: post.njk\n---'));
      assert.strictEqual(only('正文\n', 'frontmatter-required').length, 1, 'a post with no front matter is told so');
    });
  });

  describe('entity-variant', () => {
    it("flags seed 001's openai against the OpenAI the other seeds use, and fixes it", () => {
      const c = ctx();
      const index = new EntityIndex(c.config);
      for (const n of [0, 1, 2, 3]) index.updateText(`seed${n}`, seed(n));
      c.entities = index;
      const t = seed(1);
      const ds = only(t, 'entity-variant', c);
      const openai = ds.find(d => t.slice(d.start, d.end) === 'openai');
      assert.ok(openai, JSON.stringify(ds.map(d => t.slice(d.start, d.end))));
      assert.strictEqual(openai.range.start.line, 4);
      assert.match(openai.message, /"OpenAI"/);
      const out = fixes(t, 'entity-variant', c);
      assert.ok(out.includes('companies_orgs:\n- OpenAI\n'));
    });
    it('uses configured names and aliases over counts', () => {
      const { config } = parseConfig(JSON.stringify({ entities: { companies_orgs: { NVIDIA: ['英伟达', 'Nvidia'] } } }));
      const index = new EntityIndex(config);
      index.updateText('a', '---\ncompanies_orgs:\n- Nvidia\n---\n');
      index.updateText('b', '---\ncompanies_orgs:\n- Nvidia\n---\n');
      const t = '---\ntitle: x\ndate: 2025-01-01\nlayout: post.njk\ncompanies_orgs:\n- 英伟达\n- Nvidia\n---\n';
      const ds = only(t, 'entity-variant', { config, entities: index });
      assert.deepStrictEqual(ds.map(d => t.slice(d.start, d.end)), ['英伟达', 'Nvidia']);
      assert.ok(ds.every(d => /"NVIDIA"/.test(d.message)));
    });
  });

  describe('severities', () => {
    it('applies configured severities and turns codes off', () => {
      const t = `${FM}\n中文。\n${A('')}\n`;
      const { config } = parseConfig(JSON.stringify({ severity: { 'empty-translation': 'error' } }));
      assert.strictEqual(only(t, 'empty-translation', { config })[0].severity, 'error');
      const off = parseConfig(JSON.stringify({ severity: { 'empty-translation': 'off' } })).config;
      assert.ok(!codes(t, { config: off }).includes('empty-translation'));
    });
    it('reports config mistakes without giving up the rest', () => {
      const r = parseConfig(JSON.stringify({ translationMode: 'sometimes', severity: { 'no-such-code': 'error', 'block-spacing': 'off' }, bogus: 1 }));
      assert.strictEqual(r.problems.length, 3);
      assert.strictEqual(r.config.severity['block-spacing'], 'off');
      assert.strictEqual(parseConfig('{ not json').problems.length, 1);
    });
  });

  it('gives the bilingual seeds only the mistakes they really have', () => {
    assert.deepStrictEqual([...new Set(codes(seed(3)))], ['malformed-block']);
    assert.deepStrictEqual(codes(seed(0)), ['summary-label'], 'seed 000 has one "View/Hide Original Original English"');
  });
});
