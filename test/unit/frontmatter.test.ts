// Front matter: every key, value and list item located exactly, on real posts and on each edge case.
import * as assert from 'assert';
import { parseFrontMatter, entryData, LineIndex, type FrontMatter, type FmEntry } from '../../src/core';
import { corpus, corpusNames, seed } from './realPosts';

const entry = (fm: FrontMatter, key: string): FmEntry => {
  const e = fm.entries.find(x => x.key === key);
  assert.ok(e, `key ${key} present`);
  return e;
};

describe('front matter', () => {
  it('locates every key, scalar and list item of seed 000', () => {
    const text = seed(0);
    const fm = parseFrontMatter(text)!;
    assert.ok(fm.fastPath);
    assert.strictEqual(fm.closed, true);
    assert.strictEqual(fm.errors.length, 0);
    assert.deepStrictEqual(fm.entries.map(e => e.key), ['area', 'category', 'companies_orgs', 'date', 'draft', 'guest', 'insight', 'layout', 'media_books', 'people', 'products_models', 'project', 'series', 'source', 'speaker', 'status', 'summary', 'tags', 'title']);
    const lines = new LineIndex(text);
    const companies = entry(fm, 'companies_orgs');
    assert.strictEqual(lines.positionAt(companies.keyStart).line, 3);
    assert.strictEqual(companies.value.kind, 'list');
    if (companies.value.kind !== 'list') return;
    assert.strictEqual(companies.value.items.length, 11);
    const nvidia = companies.value.items[0];
    assert.strictEqual(nvidia.value, 'Nvidia');
    assert.strictEqual(nvidia.start, text.indexOf('- Nvidia\n') + 2);
    assert.strictEqual(nvidia.end, nvidia.start + 'Nvidia'.length);
    assert.deepStrictEqual(lines.positionAt(nvidia.start), { line: 4, character: 2 });
    const date = entry(fm, 'date');
    assert.strictEqual(date.value.kind === 'scalar' && date.value.value, '2025-11-05');
    assert.strictEqual(date.value.kind === 'scalar' && date.value.quoted, true);
    assert.strictEqual(text.slice(date.value.start, date.value.end), "'2025-11-05'");
    assert.strictEqual(entryData(entry(fm, 'draft')), true);
    assert.strictEqual(entryData(entry(fm, 'guest')), '');
    assert.strictEqual(fm.listIndent, '');
    assert.strictEqual(text.slice(fm.start, fm.start + 3), '---');
    assert.ok(text.slice(fm.end).startsWith('\n### AI经济'));
  });

  it('reads an empty flow list [] and a quoted number', () => {
    const text = seed(1);
    const fm = parseFrontMatter(text)!;
    const media = entry(fm, 'media_books');
    assert.strictEqual(media.value.kind, 'list');
    assert.strictEqual(media.value.kind === 'list' && media.value.flow, true);
    assert.deepStrictEqual(entryData(media), []);
    assert.deepStrictEqual(entryData(entry(fm, 'tags')), ['101', 'ai-bubble', 'circular-financing', 'gpu-market', 'silicon-valley']);
  });

  it('reads indented lists the same as flush ones', () => {
    const flush = '---\ntags:\n- a\n- b\n---\n';
    const indented = '---\ntags:\n  - a\n  - b\n---\n';
    const a = parseFrontMatter(flush)!, b = parseFrontMatter(indented)!;
    assert.deepStrictEqual(entryData(a.entries[0]), ['a', 'b']);
    assert.deepStrictEqual(entryData(b.entries[0]), ['a', 'b']);
    assert.strictEqual(a.listIndent, '');
    assert.strictEqual(b.listIndent, '  ');
    const item = (b.entries[0].value as { items: { start: number }[] }).items[1];
    assert.strictEqual(item.start, indented.indexOf('- b') + 2);
  });

  it('handles a BOM and CRLF line endings with exact offsets', () => {
    const text = '\uFEFF---\r\ntitle: 标题\r\ntags:\r\n- x\r\ndate: 2025-01-02\r\n---\r\n正文\r\n';
    const fm = parseFrontMatter(text)!;
    assert.strictEqual(fm.start, 1);
    assert.strictEqual(fm.errors.length, 0);
    const title = entry(fm, 'title');
    assert.strictEqual(title.value.kind === 'scalar' && title.value.value, '标题');
    assert.strictEqual(text.slice(title.value.start, title.value.end), '标题');
    assert.deepStrictEqual(entryData(entry(fm, 'tags')), ['x']);
    assert.strictEqual(entryData(entry(fm, 'date')), '2025-01-02', 'a bare date stays a string (YAML 1.2 core schema)');
    assert.strictEqual(text.slice(fm.end), '正文\r\n');
  });

  it('gives null for empty values and ~', () => {
    const fm = parseFrontMatter('---\nguest:\nseries: ~\ninsight: null\n---\n')!;
    assert.deepStrictEqual(fm.entries.map(entryData), [null, null, null]);
  });

  it('returns undefined when there is no front matter', () => {
    assert.strictEqual(parseFrontMatter('### 标题\n\n正文'), undefined);
    assert.strictEqual(parseFrontMatter(''), undefined);
  });

  it('reports a missing closing --- and keeps the body', () => {
    const text = '---\ntitle: x\ndate: 2025-01-01\n\n### 标题\n\n正文\n';
    const fm = parseFrontMatter(text)!;
    assert.strictEqual(fm.closed, false);
    assert.strictEqual(fm.errors.length, 1);
    assert.match(fm.errors[0].message, /no closing/);
    assert.strictEqual(fm.entries.length, 2);
    assert.strictEqual(text.slice(fm.end).trimStart().startsWith('### 标题'), true);
  });

  it('reports broken YAML where it is and keeps the keys it could read', () => {
    const text = '---\ntitle: "unclosed\ndate: 2025-01-01\ntags: [a, b\n---\nbody\n';
    const fm = parseFrontMatter(text)!;
    assert.strictEqual(fm.fastPath, false);
    assert.ok(fm.errors.length >= 1);
    for (const e of fm.errors) {
      assert.ok(e.start >= fm.contentStart && e.end <= fm.contentEnd + 1, 'error lies inside the front matter');
      assert.match(e.message, /^YAML: /);
    }
  });

  it('reports duplicate keys and a fence of four dashes (a real post)', () => {
    const dup = parseFrontMatter('---\ntitle: a\ntitle: b\n---\n')!;
    assert.ok(dup.errors.some(e => /unique|duplicate/i.test(e.message)), JSON.stringify(dup.errors));
    const text = corpus('Atw2h2qCL4o');
    const fm = parseFrontMatter(text)!;
    assert.ok(fm.errors.some(e => /exactly `---`/.test(e.message) && e.start === 0 && e.end === 4));
    assert.ok(fm.entries.some(e => e.key === 'title'));
  });

  it('does not expand alias bombs and reports unknown tags', () => {
    const bomb = '---\na: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n---\n';
    const fm = parseFrontMatter(bomb)!;
    assert.strictEqual(fm.entries.length, 4);
    const fn = parseFrontMatter('---\ntitle: !!js/function "function(){}"\n---\n')!;
    assert.ok(fn.errors.length > 0, 'a !!js/function tag is refused with an error');
  });

  it('reads a long plain value folded over indented lines on the fast path, as YAML folds it (a real post)', () => {
    const text = corpus('CBneTpXF1CQ');
    const fm = parseFrontMatter(text)!;
    assert.ok(fm.fastPath);
    const summary = entry(fm, 'summary');
    const data = entryData(summary) as string;
    assert.ok(data.includes('“Claude Haiku 4.5”'), 'the two lines joined by one space');
    assert.strictEqual(data, entryData(entry(parseFrontMatter(text, { forceYaml: true })!, 'summary')));
    assert.strictEqual(text.slice(summary.value.start, summary.value.end), text.slice(summary.value.start, text.indexOf('\ntags:')));
    // Continuations that are not plain text go to the YAML parser, which says what they are.
    for (const odd of ['s: one\n  two: three\n', 's: one\n  - two\n', 's: one\n  # c\n']) {
      const f = parseFrontMatter(`---\n${odd}---\n`)!;
      assert.strictEqual(f.fastPath, false, odd);
    }
    const two = parseFrontMatter('---\ns: one\n   two\n  three\nt: x\n---\n')!;
    assert.ok(two.fastPath);
    assert.strictEqual(entryData(entry(two, 's')), 'one two three');
    assert.strictEqual(entryData(entry(two, 't')), 'x');
  });

  it('gives the same entries on the fast path and through the yaml parser, on every real post', () => {
    let compared = 0;
    for (const name of corpusNames()) {
      const text = corpus(name);
      const fast = parseFrontMatter(text);
      const slow = parseFrontMatter(text, { forceYaml: true });
      if (!fast || !fast.fastPath) continue;
      compared++;
      const view = (fm: FrontMatter) => fm.entries.map(e => ({ key: e.key, keyStart: e.keyStart, data: entryData(e),
        items: e.value.kind === 'list' ? e.value.items.map(i => [i.start, i.end]) : e.value.kind === 'scalar' && e.value.raw ? [[e.value.start, e.value.end]] : [] }));
      assert.deepStrictEqual(view(fast), view(slow!), name);
    }
    assert.ok(compared >= 58, `compared ${compared} posts`);
  });
});
