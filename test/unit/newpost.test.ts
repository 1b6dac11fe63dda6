// The "New Bilingual Post" text: the schema's front matter filled in, valid for the linter, named like the blog's posts.
import * as assert from 'assert';
import { defaultConfig, entryData, lintPost, newPostFileName, newPostText, parseFrontMatter, parsePost } from '../../src/core';

describe('new post', () => {
  const config = defaultConfig();
  const date = new Date(2025, 10, 5);

  it('fills the front matter in the schema\'s order: today, layout, status, draft, empty lists as []', () => {
    const { text, cursor } = newPostText({ title: '硅谷万亿AI资本闭环：杠杆、泡沫与市场情绪解析', source: 'https://www.youtube.com/watch?v=7fvQr224cGY', speaker: '硅谷101', date }, config);
    const fm = parseFrontMatter(text)!;
    assert.ok(fm.fastPath && fm.closed && !fm.errors.length);
    const data = Object.fromEntries(fm.entries.map(e => [e.key, entryData(e)]));
    assert.deepStrictEqual(fm.entries.map(e => e.key), ['title', 'date', 'summary', 'source', 'speaker', 'guest', 'area', 'category', 'status', 'layout', 'draft', 'series', 'insight', 'companies_orgs', 'people', 'products_models', 'media_books', 'project', 'tags']);
    assert.strictEqual(data.title, '硅谷万亿AI资本闭环：杠杆、泡沫与市场情绪解析');
    assert.strictEqual(data.date, '2025-11-05');
    assert.match(text, /^date: '2025-11-05'$/m);
    assert.strictEqual(data.layout, 'post.njk');
    assert.strictEqual(data.status, 'evergreen');
    assert.strictEqual(data.draft, true);
    assert.strictEqual(data.speaker, '硅谷101');
    assert.match(text, /^tags: \[\]$/m);
    assert.deepStrictEqual(data.people, []);
    assert.strictEqual(cursor, text.length);
    assert.ok(text.endsWith('---\n\n'));
    const problems = lintPost(parsePost(text), { config }).filter(d => d.severity === 'error');
    assert.deepStrictEqual(problems.map(d => d.message), []);
  });

  it('quotes titles YAML would misread, and honours given layout, status and CRLF', () => {
    const { text } = newPostText({ title: 'AI: the end? #1', date, layout: 'book-note.njk', status: 'inbox', eol: '\r\n' }, config);
    const fm = parseFrontMatter(text)!;
    const data = Object.fromEntries(fm.entries.map(e => [e.key, entryData(e)]));
    assert.strictEqual(data.title, 'AI: the end? #1');
    assert.strictEqual(data.layout, 'book-note.njk');
    assert.strictEqual(data.status, 'inbox');
    assert.strictEqual(data.source, '');
    assert.ok(!/[^\r]\n/.test(text));
  });

  it('names the file by the YouTube video id, else by date and an ASCII slug of the title', () => {
    assert.strictEqual(newPostFileName({ title: 'x', source: 'https://www.youtube.com/watch?v=-0zpuizDulg&t=10s' }), '-0zpuizDulg.md');
    assert.strictEqual(newPostFileName({ title: 'x', source: 'https://youtu.be/Bbp-Vhk_Vic' }), 'Bbp-Vhk_Vic.md');
    assert.strictEqual(newPostFileName({ title: 'Recall AI 如何改变研究', source: 'https://example.com/a', date }), '2025-11-05-recall-ai.md');
    assert.strictEqual(newPostFileName({ title: '中国语文教育', date }), '2025-11-05-post.md');
  });
});
