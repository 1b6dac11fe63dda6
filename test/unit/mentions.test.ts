// "Add entities mentioned in this post" and front-matter list edits, on real posts: what is found, where it goes, in which style.
import * as assert from 'assert';
import {
  addMentionedEntities, addToFrontMatter, applyEdits, defaultConfig, EntityIndex, entryData, findMentions, lintPost,
  parseFrontMatter, parsePost, renameValueEdits,
} from '../../src/core';
import { fixtureConfig, fixtureIndex, fixturePost as post } from './entityFixtures';
import { corpus, corpusNames } from './realPosts';

const listOf = (text: string, key: string) => { const e = parseFrontMatter(text)!.entries.find(x => x.key === key); return e && entryData(e); };
const keysOf = (text: string) => parseFrontMatter(text)!.entries.map(e => e.key);

describe('entities mentioned in the body', () => {
  const config = fixtureConfig();
  const index = fixtureIndex(config);

  it('finds known entities by alias (英伟达, 甲骨文) and by name in a real post, not those it already lists', () => {
    const p = parsePost(post('001-silicon-valley-101.md'));
    const found = findMentions(p, index, config);
    const byName = new Map(found.map(m => [m.name, m]));
    assert.strictEqual(byName.get('Nvidia')?.surface, '英伟达');
    assert.strictEqual(byName.get('Nvidia')?.key, 'companies_orgs');
    assert.strictEqual(byName.get('Oracle')?.surface, '甲骨文');
    assert.strictEqual(byName.get('Sam Altman')?.key, 'people');
    assert.ok(byName.has('AMD') && byName.has('CoreWeave'));
    assert.ok(!byName.has('OpenAI'), 'listed already as "openai"');
    for (const m of found) assert.strictEqual(p.text.slice(m.start, m.end), m.surface);
    const starts = found.map(m => m.start);
    assert.deepStrictEqual(starts, [...starts].sort((a, b) => a - b), 'in order of first mention');
  });

  it('adds them to the right lists, keeping the post\'s alphabetical keys and unindented block lists', () => {
    const src = post('001-silicon-valley-101.md');
    const p = parsePost(src);
    const { mentions, edits } = addMentionedEntities(p, index, config);
    const out = applyEdits(src, edits);
    assert.deepStrictEqual(keysOf(out), keysOf(src), 'no key added or moved');
    const orgs = listOf(out, 'companies_orgs') as string[];
    assert.strictEqual(orgs[0], 'openai', 'existing items stay first');
    for (const m of mentions.filter(x => x.key === 'companies_orgs')) assert.ok(orgs.includes(m.name), m.name);
    // people: [] became a block list in the post's style (items not indented).
    assert.match(out, /\npeople:\n- Sam Altman\n/);
    assert.ok(parseFrontMatter(out)!.fastPath, 'still flat YAML');
    const fmProblems = (t: string) => lintPost(t, { config, entities: index }).filter(d => d.code.startsWith('frontmatter')).map(d => `${d.code}: ${d.message}`);
    assert.deepStrictEqual(fmProblems(out), fmProblems(src), 'no new front-matter problems');
    // Running it again finds nothing more.
    assert.deepStrictEqual(addMentionedEntities(parsePost(out), index, config).mentions, []);
  });

  it('keeps two-space indentation and inserts a missing key after its schema neighbour in unsorted posts', () => {
    const src = post('-561cZmir5Q.md').replace('people: []\n', '');
    const p = parsePost(src);
    const edits = addToFrontMatter(p, [{ key: 'people', value: 'Akram Baharlouei' }, { key: 'companies_orgs', value: 'Nvidia' }, { key: 'products_models', value: 'scGPT' }], config);
    const out = applyEdits(src, edits);
    // people goes right after companies_orgs, the present key nearest before it in the schema's order.
    assert.ok(out.includes('companies_orgs:\n  - Altos Labs\n  - Nvidia\npeople:\n  - Akram Baharlouei\nproducts_models:'), out.slice(0, 1200));
    assert.deepStrictEqual(listOf(out, 'products_models'), ['scGPT', 'PrimeFlow'], 'scGPT is there already');
  });

  it('inserts a missing key alphabetically in a post whose keys are sorted', () => {
    const src = post('LHjUSZnjQFk.md'); // no media_books, no products_models, sorted keys
    const out = applyEdits(src, addToFrontMatter(parsePost(src), [{ key: 'products_models', value: 'Guinness' }, { key: 'media_books', value: 'Financial Times' }], config));
    const keys = keysOf(out);
    assert.deepStrictEqual(keys, [...keys].sort());
    assert.deepStrictEqual(listOf(out, 'media_books'), ['Financial Times']);
    assert.deepStrictEqual(listOf(out, 'products_models'), ['Guinness']);
  });

  it('a non-empty flow list stays flow; a lone string and null become block lists', () => {
    const base = '---\ntitle: t\npeople: [Elon Musk]\ncompanies_orgs: Nvidia\nproducts_models:\nmedia_books: ~\n---\nbody\n';
    const out = applyEdits(base, addToFrontMatter(parsePost(base), [
      { key: 'people', value: 'Sam Altman' }, { key: 'companies_orgs', value: 'OpenAI' }, { key: 'products_models', value: 'H100' }, { key: 'media_books', value: 'a, b' },
    ], config));
    assert.strictEqual(out, "---\ntitle: t\npeople: [Elon Musk, Sam Altman]\ncompanies_orgs:\n- Nvidia\n- OpenAI\nproducts_models:\n- H100\nmedia_books:\n- a, b\n---\nbody\n");
  });

  it('keeps CRLF line endings', () => {
    const src = post('001-silicon-valley-101.md').replace(/\n/g, '\r\n');
    const out = applyEdits(src, addMentionedEntities(parsePost(src), index, config).edits);
    assert.ok(!/[^\r]\n/.test(out), 'every newline is CRLF');
    assert.ok((listOf(out, 'companies_orgs') as string[]).includes('Nvidia'));
  });

  it('matches case-sensitively on word boundaries, and not in code blocks', () => {
    const idx = new EntityIndex(defaultConfig());
    for (let i = 0; i < 2; i++) idx.update(`file:///o${i}.md`, { values: { companies_orgs: ['Meta', 'Circle'], products_models: ['H100'] } });
    const text = '---\ntitle: t\n---\n\nThe Metaverse and a circle, H1000 chips.\n\n```\nMeta H100\n```\n\n我们用Meta的H100。\n';
    const found = findMentions(parsePost(text), idx, defaultConfig()).map(m => m.name);
    assert.deepStrictEqual(found, ['Meta', 'H100']);
    assert.ok(text.indexOf('我们用Meta') < text.length);
    const m = findMentions(parsePost(text), idx, defaultConfig());
    assert.ok(m[0].start > text.indexOf('```\n'), 'the mention is the one after the code block');
  });

  it('never breaks the front matter of any real post', () => {
    let changed = 0;
    for (const name of corpusNames()) {
      const src = corpus(name);
      const p = parsePost(src);
      const { mentions, edits } = addMentionedEntities(p, index, config);
      if (!edits.length) continue;
      changed++;
      const out = applyEdits(src, edits);
      const fm = parseFrontMatter(out)!;
      assert.deepStrictEqual(fm.errors.map(e => e.message), p.frontMatter!.errors.map(e => e.message), name);
      for (const m of mentions) {
        const v = entryData(fm.entries.find(e => e.key === m.key)!);
        assert.ok(Array.isArray(v) ? v.includes(m.name) : false, `${name}: ${m.key} has ${m.name}`);
      }
      assert.strictEqual(out.slice(fm.end), src.slice(p.frontMatter!.end), `${name}: the body is untouched`);
    }
    assert.ok(changed > 10, `${changed} posts got additions`);
  });
});

describe('renaming a front-matter value', () => {
  it('renames list items, keeping their quotes, in block and flow lists', () => {
    const src = "---\ncompanies_orgs:\n- Coreweave\n- 'Nvidia'\npeople: [Elon, Sam Altman]\n---\n";
    const p = parsePost(src);
    let out = applyEdits(src, renameValueEdits(p, 'companies_orgs', 'Coreweave', 'CoreWeave'));
    out = applyEdits(out, renameValueEdits(parsePost(out), 'companies_orgs', 'Nvidia', 'NVIDIA Corp'));
    out = applyEdits(out, renameValueEdits(parsePost(out), 'people', 'Elon', 'Elon Musk'));
    assert.strictEqual(out, "---\ncompanies_orgs:\n- CoreWeave\n- 'NVIDIA Corp'\npeople: [Elon Musk, Sam Altman]\n---\n");
  });

  it('removes the item instead when the list already has the new name', () => {
    const src = '---\ncompanies_orgs:\n- Nvidia\n- NVIDIA\n- AMD\npeople: [Elon, Elon Musk]\n---\n';
    let out = applyEdits(src, renameValueEdits(parsePost(src), 'companies_orgs', 'NVIDIA', 'Nvidia'));
    out = applyEdits(out, renameValueEdits(parsePost(out), 'people', 'Elon', 'Elon Musk'));
    assert.strictEqual(out, '---\ncompanies_orgs:\n- Nvidia\n- AMD\npeople: [Elon Musk]\n---\n');
  });

  it('renames one name among several speakers, and scalars of other keys', () => {
    const src = '---\nspeaker: 硅谷101, Bruce Liu\narea: pai\n---\n';
    let out = applyEdits(src, renameValueEdits(parsePost(src), 'speaker', 'Bruce Liu', 'Bruce Lau'));
    out = applyEdits(out, renameValueEdits(parsePost(out), 'area', 'pai', 'PAI'));
    assert.strictEqual(out, '---\nspeaker: 硅谷101, Bruce Lau\narea: PAI\n---\n');
    assert.deepStrictEqual(renameValueEdits(parsePost(src), 'people', 'Bruce Liu', 'X'), [], 'only under the given key');
  });
});
