// Front-matter completion and hover on real posts: contexts, ranked values with counts, aliases, no duplicates.
import * as assert from 'assert';
import {
  completeFrontMatter, EntityIndex, frontMatterContext, frontMatterHover, parseFrontMatter,
  applyEdits, yamlScalar, entryData, type FmCompletion,
} from '../../src/core';
import { fixtureConfig, fixtureIndex, fixturePost as post } from './entityFixtures';
import { corpus, corpusNames } from './realPosts';

/** The text with `insert` put at `at`, and the cursor offset just after it. */
function typeAt(text: string, at: number, insert: string): { text: string; offset: number } {
  return { text: text.slice(0, at) + insert + text.slice(at), offset: at + insert.length };
}
/** The text after accepting a completion item, as VS Code does (replace range + additional edits). */
function accept(text: string, item: FmCompletion): string {
  return applyEdits(text, [{ start: item.start, end: item.end, newText: item.insertText }, ...(item.additionalEdits ?? [])]);
}
const labels = (items: FmCompletion[]) => items.map(i => i.label);
const TODAY = new Date(2025, 10, 22);

describe('front-matter completion', () => {
  const config = fixtureConfig();
  const index = fixtureIndex(config);

  it('offers entities at a new block list item of a real post, most used first, with counts and an example post', () => {
    const src = post('003-michael-burry.md');
    const { text, offset } = typeAt(src, src.indexOf('- Futu\n') + '- Futu\n'.length, '- ');
    const r = completeFrontMatter(text, offset, index, config)!;
    assert.strictEqual(r.context.kind, 'item');
    assert.strictEqual((r.context as { key: string }).key, 'companies_orgs');
    const ls = labels(r.items);
    // Used by other fixture posts and not in this post's list.
    for (const want of ['AMD', 'Oracle', 'Intel', 'Palantir']) assert.ok(ls.includes(want), `${want} in ${ls.join(', ')}`);
    // Already in this post's list (Nvidia, OpenAI, CoreWeave...) are not offered again.
    for (const have of ['Nvidia', 'OpenAI', 'CoreWeave', 'Microsoft', 'Futu']) assert.ok(!ls.includes(have), `${have} not offered again`);
    const counts = r.items.map(i => i.count ?? 0);
    assert.deepStrictEqual(counts, [...counts].sort((a, b) => b - a), 'ranked by use');
    const amd = r.items.find(i => i.label === 'AMD')!;
    assert.match(amd.detail!, /^\d+ posts?$/);
    assert.match(amd.documentation!, /Used in \d+ posts?, e\.g\. \*.+\* \(.+\.md\)/);
  });

  it('offers Nvidia for 英伟 through its alias 英伟达, and the item filters on the alias', () => {
    const src = post('001-silicon-valley-101.md');
    const at = src.indexOf('- openai\n') + '- openai\n'.length;
    const { text, offset } = typeAt(src, at, '- 英伟');
    const r = completeFrontMatter(text, offset, index, config)!;
    assert.deepStrictEqual(labels(r.items), ['Nvidia']);
    const nv = r.items[0];
    assert.ok(nv.filterText.split(' ').includes('英伟达'));
    assert.strictEqual(nv.description, '英伟达 · NVIDIA');
    assert.strictEqual(text.slice(nv.start, offset), '英伟', 'VS Code filters on the typed 英伟');
    const after = accept(text, nv);
    assert.deepStrictEqual(entryData(parseFrontMatter(after)!.entries.find(e => e.key === 'companies_orgs')!), ['openai', 'Nvidia']);
  });

  it('does not offer a value the list already has in another spelling (openai ~ OpenAI, NVIDIA ~ Nvidia)', () => {
    const src = post('002-chinese-only.md'); // lists NVIDIA and OpenAI
    const { text, offset } = typeAt(src, src.indexOf('- General Electric\n') + '- General Electric\n'.length, '- ');
    const ls = labels(completeFrontMatter(text, offset, index, config)!.items);
    assert.ok(!ls.includes('Nvidia') && !ls.includes('OpenAI'), ls.join(', '));
    assert.ok(ls.includes('CoreWeave'));
  });

  it('right after a typed "-" the item inserts its own space', () => {
    const src = post('000-ai-circular-economy.md');
    const at = src.indexOf('people:\n- Elon Musk\n') + 'people:\n- Elon Musk\n'.length;
    const { text, offset } = typeAt(src, at, '-\n');
    const r = completeFrontMatter(text, offset - 1, index, config)!;
    const sam = r.items.find(i => i.label === 'Sam Altman')!;
    assert.ok(sam, labels(r.items).join(', '));
    assert.ok(!labels(r.items).includes('Elon Musk'));
    const people = entryData(parseFrontMatter(accept(text, sam))!.entries.find(e => e.key === 'people')!);
    assert.deepStrictEqual(people, ['Elon Musk', 'Sam Altman']);
  });

  it('completes inside a flow list, keeping it flow and skipping its items', () => {
    const src = post('003-michael-burry.md').replace('people:\n- Michael Burry\n', 'people: [Michael Burry, ]\n');
    const offset = src.indexOf('[Michael Burry, ') + '[Michael Burry, '.length;
    const r = completeFrontMatter(src, offset, index, config)!;
    assert.strictEqual(r.context.kind, 'item');
    assert.ok((r.context as { flow: boolean }).flow);
    const ls = labels(r.items);
    assert.ok(!ls.includes('Michael Burry') && ls.includes('Elon Musk'), ls.join(', '));
    const out = accept(src, r.items.find(i => i.label === 'Elon Musk')!);
    assert.deepStrictEqual(entryData(parseFrontMatter(out)!.entries.find(e => e.key === 'people')!), ['Michael Burry', 'Elon Musk']);
  });

  it('inside the empty [] of a real post', () => {
    const src = post('001-silicon-valley-101.md');
    const offset = src.indexOf('media_books: [') + 'media_books: ['.length;
    const r = completeFrontMatter(src, offset, index, config)!;
    assert.ok(labels(r.items).includes('Bloomberg'));
    const out = accept(src, r.items.find(i => i.label === 'Bloomberg')!);
    assert.match(out, /^media_books: \[Bloomberg\]$/m);
  });

  it('after "key: " of an empty list key, a value starts a block list in the post\'s indent', () => {
    const src = post('-561cZmir5Q.md').replace('people: []\n', 'people: \n');
    const offset = src.indexOf('people: ') + 'people: '.length;
    const r = completeFrontMatter(src, offset, index, config)!;
    assert.strictEqual(r.context.kind, 'list-start');
    const item = r.items.find(i => i.label === 'Michael Burry')!;
    const out = accept(src, item);
    assert.ok(out.includes('people:\n  - Michael Burry\n'), 'two-space indent like the post\'s other lists');
    assert.deepStrictEqual(entryData(parseFrontMatter(out)!.entries.find(e => e.key === 'people')!), ['Michael Burry']);
  });

  it('scalar values: the schema\'s areas first, then other areas posts use, each with its count', () => {
    const src = post('001-silicon-valley-101.md');
    const offset = src.indexOf('area: ') + 'area: '.length;
    const r = completeFrontMatter(src, offset, index, config)!;
    assert.strictEqual(r.context.kind, 'value');
    const ls = labels(r.items);
    assert.deepStrictEqual(ls.slice(0, 8).sort(), ['PAI', 'finance-wealth', 'geopolitics', 'knowledge-meta', 'life-family', 'society-thinking', 'tech-engineering', 'work-career'].sort());
    assert.strictEqual(ls[0], 'finance-wealth', 'the most used schema area first');
    assert.ok(ls.indexOf('market-analysis') > 7, 'off-schema areas used by posts come after');
    assert.strictEqual(r.items.find(i => i.label === 'market-analysis')!.detail, '2 posts');
    // In quotes, as several real posts write it: the value goes inside them.
    const q = post('002-chinese-only.md');
    const qo = q.indexOf('area: "') + 'area: "'.length;
    const rq = completeFrontMatter(q, qo, index, config)!;
    const out = accept(q, rq.items.find(i => i.label === 'geopolitics')!);
    assert.match(out, /^area: "geopolitics"$/m);
  });

  it('status, layout and speaker values; speaker completes the name after a comma', () => {
    const src = post('001-silicon-valley-101.md');
    const at = (k: string) => src.indexOf(`\n${k}: `) + k.length + 3;
    assert.strictEqual(labels(completeFrontMatter(src, at('status'), index, config)!.items)[0], 'evergreen');
    assert.deepStrictEqual(labels(completeFrontMatter(src, at('layout'), index, config)!.items), ['post.njk', 'book-note.njk']);
    const sp = src.replace('speaker: 硅谷101', 'speaker: 硅谷101, ');
    const r = completeFrontMatter(sp, sp.indexOf('硅谷101, ') + '硅谷101, '.length, index, config)!;
    const ls = labels(r.items);
    assert.ok(ls.includes('TechButMakeItReal') && !ls.includes('硅谷101'), ls.join(', '));
    assert.match(accept(sp, r.items.find(i => i.label === 'TechButMakeItReal')!), /^speaker: 硅谷101, TechButMakeItReal$/m);
  });

  it('date completion offers today, quoted as the blog writes dates', () => {
    const src = post('001-silicon-valley-101.md').replace("date: '2025-10-14'", 'date: ');
    const offset = src.indexOf('date: ') + 'date: '.length;
    const r = completeFrontMatter(src, offset, index, config, { today: TODAY })!;
    assert.deepStrictEqual(labels(r.items), ["'2025-11-22'"]);
    assert.match(accept(src, r.items[0]), /^date: '2025-11-22'$/m);
    // Right after the colon (the ':' trigger): a space comes first.
    const t2 = src.replace('date: ', 'date:');
    const r2 = completeFrontMatter(t2, t2.indexOf('date:') + 5, index, config, { today: TODAY })!;
    assert.match(accept(t2, r2.items[0]), /^date: '2025-11-22'$/m);
  });

  it('keys: the schema\'s keys not yet present, in the schema\'s order, with descriptions', () => {
    const src = post('-0zpuizDulg.md');
    const at = src.indexOf('\nstatus: evergreen\n') + 1;
    const { text, offset } = typeAt(src, at, 'sp\n');
    const r = completeFrontMatter(text, offset - 1, index, config)!;
    assert.strictEqual(r.context.kind, 'key');
    const ls = labels(r.items);
    // -0zpuizDulg has every common key (and author), so only the rare ones are left, in the schema's order.
    for (const k of ['speaker', 'title', 'tags', 'author', 'status']) assert.ok(!ls.includes(k), `${k} is present, not offered`);
    assert.ok(!ls.includes('companies'), 'legacy keys are not offered');
    assert.deepStrictEqual(ls.slice(0, 3), ['channel', 'file_name', 'created']);
    const sorts = r.items.map(i => i.sortText);
    assert.deepStrictEqual(sorts, [...sorts].sort(), 'schema order');
    const empty = typeAt(src, at, '\n');
    const all = completeFrontMatter(empty.text, empty.offset - 1, index, config)!;
    assert.ok(all.items.every(i => i.documentation && i.documentation.length > 5));
  });

  it('a list key inserts a block list item and asks for suggestions again', () => {
    const src = '---\ntitle: 标题\npeople:\n  - Elon Musk\n\n---\nbody\n';
    const offset = src.indexOf('\n\n---') + 1;
    const r = completeFrontMatter(src, offset, index, config)!;
    const tags = r.items.find(i => i.label === 'tags')!;
    assert.strictEqual(tags.insertText, 'tags:\n  - ');
    assert.ok(tags.retrigger);
    const date = r.items.find(i => i.label === 'date')!;
    assert.ok(!date.retrigger);
  });

  it('outside the front matter, on its fences and on indented junk there is nothing to complete', () => {
    const src = post('001-silicon-valley-101.md');
    const fm = parseFrontMatter(src)!;
    assert.strictEqual(completeFrontMatter(src, fm.end + 10, index, config), undefined);
    assert.strictEqual(completeFrontMatter(src, 2, index, config), undefined);
    assert.strictEqual(completeFrontMatter(src, fm.contentEnd + 1, index, config), undefined);
    assert.strictEqual(frontMatterContext('no front matter\n- ', 18, config), undefined);
    assert.strictEqual(frontMatterContext('---\ntitle: x\n  nested: |\n---\n', 23, config), undefined);
  });

  it('works while the front matter is unclosed or half-typed', () => {
    const text = '---\ntitle: 新文章\ncompanies_orgs:\n- Nv';
    const r = completeFrontMatter(text, text.length, index, config)!;
    assert.strictEqual(labels(r.items)[0], 'Nvidia');
    assert.ok(r.items.every(i => /^N/.test(i.label)), labels(r.items).join(', '));
  });

  it('on a big index the list is cut to the best matches and marked incomplete', () => {
    const idx = new EntityIndex(config);
    for (let i = 0; i < 3000; i++) idx.update(`file:///p${i}.md`, { values: { tags: [`tag-${i % 700}`, 'common'] } });
    const text = '---\ntags:\n- \n---\n';
    const r = completeFrontMatter(text, text.indexOf('- ') + 2, idx, config, { limit: 50 })!;
    assert.strictEqual(r.items.length, 50);
    assert.ok(r.incomplete);
    assert.strictEqual(r.items[0].label, 'common');
    const t2 = '---\ntags:\n- tag-69\n---\n';
    const r2 = completeFrontMatter(t2, t2.indexOf('tag-69') + 6, idx, config, { limit: 50 })!;
    assert.ok(!r2.incomplete);
    const ls2 = labels(r2.items);
    for (const want of ['tag-69', ...Array.from({ length: 10 }, (_, i) => `tag-69${i}`)]) assert.ok(ls2.includes(want), want);
    // Looser matches (letters in order, as VS Code's filter allows) may follow; nothing unrelated does.
    assert.ok(ls2.every(l => /^tag-\d*6\d*9\d*$/.test(l)), ls2.join(', '));
    assert.ok(!ls2.includes('common'));
  });

  it('never throws on any position of any real post', () => {
    for (const name of corpusNames().slice(0, 30)) {
      const text = corpus(name);
      const fm = parseFrontMatter(text);
      const end = Math.min(text.length, (fm?.end ?? 200) + 5);
      for (let o = 0; o <= end; o += 3) completeFrontMatter(text, o, index, config, {}, fm);
    }
  });
});

describe('yamlScalar', () => {
  it('quotes only what YAML would read differently', () => {
    assert.strictEqual(yamlScalar('Nvidia'), 'Nvidia');
    assert.strictEqual(yamlScalar("McDonald's"), "McDonald's");
    assert.strictEqual(yamlScalar('101'), "'101'");
    assert.strictEqual(yamlScalar('true'), "'true'");
    assert.strictEqual(yamlScalar('AI: the end'), "'AI: the end'");
    assert.strictEqual(yamlScalar("'quoted'"), "'''quoted'''");
    assert.strictEqual(yamlScalar('a, b', true), "'a, b'");
    assert.strictEqual(yamlScalar('a, b'), 'a, b');
    for (const v of ['101', 'true', 'AI: the end', "'quoted'", '- dash', '#tag', '《大空头》', 'e.l.f. Beauty', 'null', '1.5']) {
      const fm = parseFrontMatter(`---\nk: ${yamlScalar(v)}\n---\n`)!;
      assert.strictEqual(entryData(fm.entries[0]), v, v);
    }
  });
});

describe('front-matter hover', () => {
  const config = fixtureConfig();
  const index = fixtureIndex(config);

  it('a list value: what it is, how many posts use it, aliases, and the blog\'s spelling', () => {
    const src = post('001-silicon-valley-101.md');
    const h = frontMatterHover(src, src.indexOf('- openai') + 4, index, config)!;
    assert.strictEqual(src.slice(h.start, h.end), 'openai');
    assert.match(h.markdown, /^\*\*openai\*\* · Companies and organisations \(`companies_orgs`\)/);
    assert.match(h.markdown, /The blog spells it \*\*OpenAI\*\* \(entity list\)/);
    assert.match(h.markdown, /Used in \*\*5\*\* posts/);
    assert.match(h.markdown, /Aliases: openai/);
    const src3 = post('003-michael-burry.md');
    const nv = frontMatterHover(src3, src3.indexOf('- Nvidia') + 3, index, config)!;
    assert.match(nv.markdown, /Used in \*\*4\*\* posts/);
    assert.match(nv.markdown, /Aliases: 英伟达, NVIDIA/);
  });

  it('a scalar value and a key', () => {
    const src = post('001-silicon-valley-101.md');
    const area = frontMatterHover(src, src.indexOf('tech-insights') + 2, index, config)!;
    assert.match(area.markdown, /Used in \*\*1\*\* post/);
    assert.match(area.markdown, /Not one of the blog's area values/);
    const key = frontMatterHover(src, src.indexOf('\nstatus:') + 2, index, config)!;
    assert.match(key.markdown, /^\*\*status\*\* \(string\)\n\nEditorial status\./);
    assert.strictEqual(frontMatterHover(src, src.indexOf('title: ') + 10, index, config), undefined, 'titles are not indexed values');
  });
});
