// The entity index on the fixture posts: grouped spellings, counts, examples, caching, persistence; config-file edits.
import * as assert from 'assert';
import { addEntityToConfig, ConfigFileError, renameEntityInConfig } from '../../src/core/entityConfig';
import { defaultConfig, EntityIndex, parseConfig } from '../../src/core';
import { fixtureConfig, fixtureIndex } from './entityFixtures';

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
