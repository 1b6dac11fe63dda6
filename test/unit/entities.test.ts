// The entity index on the fixture posts: grouped spellings, counts, examples, caching, persistence; config-file edits.
import * as assert from 'assert';
import { addEntityToConfig, ConfigFileError, renameEntityInConfig } from '../../src/core/entityConfig';
import { defaultConfig, EntityIndex, fileEntryOf, fileEntryOfIndexedPart, fileEntryOfText, frontMatterByteLength, parseConfig, parseFrontMatter, type EntityUse } from '../../src/core';
import { fixtureConfig, fixtureIndex, fixturePost, INDEXED_POSTS } from './entityFixtures';
import { corpus, corpusNames, seed } from './realPosts';

describe('entity index', () => {
  const config = fixtureConfig();

  it('groups spellings under the configured name and counts each post once', () => {
    const idx = fixtureIndex(config);
    const nv = idx.entity('companies_orgs', 'NVIDIA')!;
    assert.strictEqual(nv.name, 'Nvidia');
    // 000, 003 and Bbp-Vhk_Vic list Nvidia; 002 lists NVIDIA.
    assert.strictEqual(nv.count, 4);
    assert.deepStrictEqual(nv.aliases, ['英伟达', 'NVIDIA']);
    assert.deepStrictEqual(nv.variants, []);
    assert.ok(nv.configured);
    assert.strictEqual(idx.entity('companies_orgs', '英伟达')!.name, 'Nvidia');
    const cw = idx.entity('companies_orgs', 'Coreweave')!;
    assert.strictEqual(cw.name, 'CoreWeave');
    assert.strictEqual(cw.count, 3);
    const names = idx.entities('companies_orgs').map(e => e.name);
    assert.ok(!names.includes('NVIDIA') && !names.includes('openai') && !names.includes('Coreweave'), 'one entry per entity');
    assert.strictEqual(new Set(names).size, names.length);
  });

  it('without config, spellings that normalise alike group under the most used one', () => {
    const idx = fixtureIndex({ ...defaultConfig() });
    const e = idx.entity('companies_orgs', 'NVIDIA')!;
    assert.strictEqual(e.name, 'Nvidia');
    assert.deepStrictEqual(e.variants, ['NVIDIA']);
    assert.strictEqual(e.count, 4);
  });

  it('lists configured names no post uses yet, after the used ones', () => {
    const cfg = parseConfig(JSON.stringify({ entities: { people: { 'Jensen Huang': ['黄仁勋'] } } }), config).config;
    const idx = fixtureIndex(cfg);
    const people = idx.entities('people');
    const jh = people.find(p => p.name === 'Jensen Huang')!;
    assert.strictEqual(jh.count, 0);
    assert.ok(jh.configured);
    assert.strictEqual(people[people.length - 1].count, 0);
  });

  it('has examples with titles, every file of a value, and stays current after update and remove', () => {
    const idx = fixtureIndex(config);
    const mb = idx.entity('people', 'Michael Burry')!;
    assert.strictEqual(mb.count, 3);
    assert.deepStrictEqual(idx.filesOf('people', 'Michael Burry').sort(), ['file:///blog/002-chinese-only.md', 'file:///blog/003-michael-burry.md', 'file:///blog/Bbp-Vhk_Vic.md']);
    assert.match(idx.title(mb.files[0])!, /[\u4e00-\u9fff]/);
    idx.remove('file:///blog/003-michael-burry.md');
    assert.strictEqual(idx.entity('people', 'Michael Burry')!.count, 2);
    idx.updateText('file:///blog/new.md', '---\ntitle: 新\npeople:\n- Michael Burry\n- Michael burry\n---\n');
    assert.strictEqual(idx.entity('people', 'Michael Burry')!.count, 3, 'one post with two spellings counts once');
    assert.strictEqual(idx.canonical('people', 'Michael burry'), 'Michael Burry');
  });

  it('reads the same entry from the indexed keys alone as from the whole front matter, on every real post', () => {
    const keys = new EntityIndex(config).entityKeys();
    const texts = [...corpusNames().map(corpus), ...INDEXED_POSTS.map(fixturePost), seed(0), seed(1), seed(2), seed(3)];
    for (const t of texts) assert.deepStrictEqual(fileEntryOfText(t, keys), fileEntryOf(parseFrontMatter(t), keys));
    // Made-up awkward cases: a folded summary, a block scalar, a nested map, no closing fence.
    for (const t of [
      '---\ntitle: 标题\nsummary: 第一行\n  第二行也是摘要\ntags:\n- a\n---\n',
      '---\ninsight: |\n  tags: not a key\npeople: [A, B]\n---\n',
      '---\nextra:\n  nested: 1\ncompanies_orgs:\n  - X\n---\n',
      '---\ntitle: t\ntags:\n- a\n',
      '---\ntitle: "multi\nline"\ntags: [x]\n---\n',
    ]) assert.deepStrictEqual(fileEntryOfText(t, keys), fileEntryOf(parseFrontMatter(t), keys), t);
    // Broken YAML in a key the index does not read no longer hides the entity lists.
    const broken = '---\ntitle: t\nsummary: 一行\n  又一行: 坏了\ntags:\n- a\n---\n';
    assert.ok(parseFrontMatter(broken)!.errors.length > 0);
    assert.deepStrictEqual(fileEntryOfText(broken, keys).values, { tags: ['a'] });
  });

  it('an update that changes nothing keeps every cache; a change touches only the keys and entities it changes', () => {
    const idx = fixtureIndex(config);
    const text = fixturePost('003-michael-burry.md');
    const orgs = idx.entities('companies_orgs');
    const nvidia = idx.entity('companies_orgs', 'Nvidia')!;
    const [g, vOrgs, vTags] = [idx.generation, idx.keyVersion('companies_orgs'), idx.keyVersion('tags')];
    idx.updateText('file:///blog/003-michael-burry.md', text + '\n正文改了。\n');
    assert.deepStrictEqual([idx.generation, idx.keyVersion('companies_orgs'), idx.keyVersion('tags')], [g, vOrgs, vTags], 'body edits change nothing');
    idx.updateText('file:///blog/003-michael-burry.md', text.replace('- Futu\n', '- Futu\n- Robinhood\n'));
    assert.ok(idx.generation > g && idx.keyVersion('companies_orgs') > vOrgs);
    assert.strictEqual(idx.keyVersion('tags'), vTags, 'tags did not change');
    assert.strictEqual(idx.entities('companies_orgs'), orgs, 'the table is patched in place');
    assert.strictEqual(idx.entity('companies_orgs', 'Nvidia'), nvidia, 'untouched entities keep their entry');
    assert.strictEqual(idx.entity('companies_orgs', 'Robinhood')!.count, 2);
    const list = idx.entities('companies_orgs');
    for (let i = 1; i < list.length; i++) assert.ok(list[i - 1].count > list[i].count || (list[i - 1].count === list[i].count && list[i - 1].name < list[i].name), `sorted at ${i}`);
  });

  it('patched tables equal tables built from scratch, through random adds, changes and removals', () => {
    const idx = fixtureIndex(config);
    idx.entities('companies_orgs'); idx.entities('people');
    const names = ['Nvidia', 'NVIDIA', '英伟达', 'nvidia', 'OpenAI', 'openai', 'Open AI', 'CoreWeave', 'Coreweave', 'Acme', 'ACME', 'Elon', 'Elon Musk', '马斯克'];
    let seedN = 7;
    const rnd = (n: number) => { seedN = (seedN * 1103515245 + 12345) & 0x7fffffff; return seedN % n; };
    for (let step = 0; step < 300; step++) {
      const file = `file:///r/${rnd(12)}.md`;
      if (rnd(5) === 0) idx.remove(file);
      else idx.update(file, { title: 't', values: { companies_orgs: Array.from({ length: rnd(4) }, () => names[rnd(names.length)]), people: [names[rnd(names.length)]] } });
      if (step % 25 === 0) {
        const fresh = EntityIndex.deserialize(idx.serialize(), config);
        // Example posts may differ (any three of the posts that use it); everything else must be equal.
        const strip = (es: readonly EntityUse[]) => es.map(e => ({ ...e, files: e.files.length }));
        for (const k of ['companies_orgs', 'people']) {
          assert.deepStrictEqual(strip(idx.entities(k)), strip(fresh.entities(k)), `${k} after step ${step}`);
          for (const e of idx.entities(k)) for (const f of e.files) assert.ok([e.name, ...e.variants, ...e.aliases].some(v => idx.filesOf(k, v).includes(f)), `${f} uses ${e.name}`);
        }
      }
    }
  });

  it('survives a serialize/deserialize round trip', () => {
    const idx = fixtureIndex(config);
    const back = EntityIndex.deserialize(JSON.parse(JSON.stringify(idx.serialize())), config);
    assert.strictEqual(back.size, idx.size);
    assert.deepStrictEqual(back.entities('companies_orgs'), idx.entities('companies_orgs'));
    assert.deepStrictEqual(back.values('tags'), idx.values('tags'));
  });
});

describe('config-file entity edits', () => {
  it('adds a name to a file that has none, creating the lists', () => {
    const out = addEntityToConfig(undefined, 'companies_orgs', 'Nvidia');
    assert.deepStrictEqual(JSON.parse(out), { entities: { companies_orgs: { Nvidia: [] } } });
    assert.deepStrictEqual(parseConfig(out).problems, []);
  });

  it('adds a name and an alias, keeping the rest of the file as it is', () => {
    const src = '{\n    "translationMode": "auto",\n    "entities": {\n        "people": { "Elon Musk": ["马斯克"] }\n    }\n}\n';
    const a = addEntityToConfig(src, 'people', 'Sam Altman');
    assert.ok(a.startsWith('{\n    "translationMode": "auto",\n'), 'untouched lines stay');
    assert.ok(a.endsWith('    }\n}\n'), 'the indentation of the file is kept');
    const b = addEntityToConfig(a, 'people', 'Elon Musk', 'Elon');
    assert.deepStrictEqual(JSON.parse(b).entities.people, { 'Elon Musk': ['马斯克', 'Elon'], 'Sam Altman': [] });
    assert.strictEqual(addEntityToConfig(b, 'people', 'Elon Musk', 'Elon'), b, 'nothing to add');
  });

  it('renames a configured name; its aliases and the old name move with it', () => {
    const src = JSON.stringify({ entities: { companies_orgs: { Coreweave: ['CW'] } } }, null, 2);
    const out = renameEntityInConfig(src, 'companies_orgs', 'Coreweave', 'CoreWeave');
    assert.deepStrictEqual(JSON.parse(out).entities.companies_orgs, { CoreWeave: ['CW', 'Coreweave'] });
    assert.strictEqual(renameEntityInConfig(src, 'companies_orgs', 'Nope', 'X'), src);
  });

  it('refuses to touch a config file that is not valid JSON', () => {
    assert.throws(() => addEntityToConfig('{ "entities": ', 'people', 'X'), ConfigFileError);
    assert.throws(() => addEntityToConfig('[1]', 'people', 'X'), ConfigFileError);
  });
});

describe('entity index: one-pass reading, partial decoding, what it keeps', () => {
  const config = fixtureConfig();
  const keys = new EntityIndex(config).entityKeys();
  const realTexts = () => [...corpusNames().map(corpus), ...INDEXED_POSTS.map(fixturePost), seed(0), seed(1), seed(2), seed(3)];

  it('the one-pass scanner reads what parsing the indexed keys reads, on real posts and on every line of them disturbed', () => {
    // Each real front matter line in turn replaced by an awkward variant: the scanner must agree or step aside.
    const variants = (line: string): string[] => [
      line + '\r', line + ' \t', '  ' + line, '\t' + line, line.replace(/^- /, '-'), line.replace(/^- /, '  - '),
      line.replace(/: /, ':'), line.replace(/: /, ' : '), line + ' # note', line.replace(/^(\w+):.*$/, '$1:'),
      `${line}\n${line}`, `${line}\n  continued`, `# ${line}`, `${line}\n\n`, line.replace(/^- (.*)$/, "- '$1'"),
      line.replace(/^- (.*)$/, '- "$1"'), line.replace(/^- (.*)$/, '- [$1]'), line.replace(/^(\w+): (.+)$/, '$1: [$2, x]'),
      line.replace(/^- .*$/, '- 42'), line.replace(/^- .*$/, '- true'), line.replace(/^- .*$/, '- key:'), line + '\r\r', '...', '----x',
    ];
    let compared = 0;
    for (const text of realTexts()) {
      assert.deepStrictEqual(fileEntryOfText(text, keys), fileEntryOfIndexedPart(text, keys));
      const close = text.indexOf('\n---', 3);
      if (!text.startsWith('---\n') || close < 0) continue;
      const lines = text.slice(4, close).split('\n');
      for (let i = 0; i < lines.length; i += 7) {
        for (const v of variants(lines[i])) {
          const t = `---\n${[...lines.slice(0, i), v, ...lines.slice(i + 1)].join('\n')}${text.slice(close, close + 200)}`;
          assert.deepStrictEqual(fileEntryOfText(t, keys), fileEntryOfIndexedPart(t, keys), JSON.stringify(v));
          compared++;
        }
      }
    }
    assert.ok(compared > 1000, `${compared} variants`);
    for (const t of ['\uFEFF---\ntags:\n- a\n---\n', '---\r\ntags:\r\n- a\r\n---\r\n', '--- \ntags: [a, b]\n...\n', '---\ntags:\n- a', '---\ntags:\n- a\n---', 'no front matter', '']) {
      assert.deepStrictEqual(fileEntryOfText(t, keys), fileEntryOfIndexedPart(t, keys), JSON.stringify(t));
    }
  });

  it('decoding only up to the end of the front matter gives the entry the whole file gives', () => {
    const decode = (b: Uint8Array, n: number) => new TextDecoder().decode(b.subarray(0, n));
    const cases = [...realTexts(), '\uFEFF---\ntitle: 标题\ntags:\n- 人工智能\n---\n正文', '---\ntags:\n- a\n...\nbody', '---\r\ntags:\r\n- a\r\n---\r\nbody',
      '---\ntags:\n- never closed\n\n正文 ' + '长'.repeat(20000), 'no front matter\n---\ntags:\n- a\n---\n', '---\ntags:\n- a\n---', '---', '',
      '---\ntitle: ' + '中'.repeat(6000) + '\ntags:\n- 后面\n---\n' + '文'.repeat(10000)];
    for (const text of cases) {
      const bytes = new TextEncoder().encode(text);
      const n = frontMatterByteLength(bytes);
      assert.ok(n <= bytes.length);
      const head = decode(bytes, n);
      assert.ok(!head.includes('\uFFFD'), 'the cut never splits a character');
      assert.deepStrictEqual(fileEntryOfText(head, keys), fileEntryOfText(decode(bytes, bytes.length), keys), text.slice(0, 60));
      if (text.startsWith('---\n') && text.includes('\n---\n')) assert.strictEqual(n, Buffer.byteLength(text.slice(0, text.indexOf('\n---\n') + 5)), 'stops after the closing fence');
    }
  });

  it('removing every post leaves nothing behind, after the values changed over and over', () => {
    const idx = new EntityIndex(config);
    const texts = realTexts().filter(t => t.startsWith('---'));
    for (let round = 0; round < 4; round++) {
      texts.forEach((t, i) => idx.updateText(`file:///p/${i}.md`, round ? t.replace(/^(- .*)$/gm, `$1 r${round}`) : t));
      for (const k of idx.usedKeys()) idx.entities(k);
    }
    const full = idx.stats();
    assert.ok(full.values > 100 && full.groups > 100 && full.tableRows > 100, JSON.stringify(full));
    // Only the last round's spellings are held: the earlier rounds' are gone.
    const fresh = new EntityIndex(config);
    texts.forEach((t, i) => fresh.updateText(`file:///p/${i}.md`, t.replace(/^(- .*)$/gm, '$1 r3')));
    for (const k of fresh.usedKeys()) fresh.entities(k);
    assert.deepStrictEqual({ ...idx.stats(), pending: 0 }, { ...fresh.stats(), pending: 0 });
    const used = idx.usedKeys();
    for (let i = 0; i < texts.length; i++) idx.remove(`file:///p/${i}.md`);
    for (const k of used) idx.entities(k);
    const empty = idx.stats();
    // Configured names stay listed (they are config, not posts); nothing a post contributed does.
    const configured = used.reduce((n, k) => n + Object.keys(config.entities[k] ?? {}).length, 0);
    assert.deepStrictEqual(empty, { files: 0, keys: 0, values: 0, groups: 0, tableRows: configured, pending: 0 });
    assert.deepStrictEqual(idx.usedKeys(), []);
    for (const k of used) assert.ok(idx.entities(k).every(e => e.configured && e.count === 0), k);
  });

  it('a value used by more posts than fit a short list keeps exact counts and its posts in order', () => {
    const idx = new EntityIndex(config);
    const model: string[] = [];
    const file = (i: number) => `file:///many/${i}.md`;
    for (let i = 0; i < 2600; i++) { idx.update(file(i), { values: { tags: ['shared', `own-${i}`] } }); model.push(file(i)); }
    let seedN = 11;
    const rnd = (n: number) => { seedN = (seedN * 1103515245 + 12345) & 0x7fffffff; return seedN % n; };
    for (let step = 0; step < 2400; step++) {
      const i = rnd(2600);
      if (model.includes(file(i))) { idx.remove(file(i)); model.splice(model.indexOf(file(i)), 1); }
      else { idx.update(file(i), { values: { tags: [`own-${i}`, 'shared'] } }); model.push(file(i)); }
      if (step % 400 === 0 || step === 2399) {
        assert.deepStrictEqual(idx.filesOf('tags', 'shared'), model, `step ${step}`);
        assert.strictEqual(idx.use('tags', 'shared')!.count, model.length);
        assert.deepStrictEqual(idx.use('tags', 'shared')!.files, model.slice(0, 3));
      }
    }
    for (const f of [...model]) idx.remove(f);
    assert.strictEqual(idx.stats().values, 0);
  });
});
