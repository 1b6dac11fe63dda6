// Front-matter completion and hover in the real editor, on the fixture workspace's real posts and its entity lists.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { entryData, parseFrontMatter } from '../../src/core';
import { ensureFixtureConfig } from './entityHelpers';
import { activateExtension, closeAllEditors, openPost, positionOf, waitFor } from './helpers';

type Info = { stats: { files: number; building: boolean } };

/** The workspace posts (on disk) whose `key` list holds `value`: the count completion should show. */
async function postsListing(key: string, value: string): Promise<number> {
  let n = 0;
  for (const uri of await vscode.workspace.findFiles('**/*.md')) {
    const fm = parseFrontMatter(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)));
    const e = fm?.entries.find(x => x.key === key);
    const v = e && entryData(e);
    if (Array.isArray(v) ? v.includes(value) : v === value) n++;
  }
  return n;
}

async function complete(uri: vscode.Uri, pos: vscode.Position, trigger?: string): Promise<vscode.CompletionList> {
  return vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, pos, trigger);
}
const labelOf = (i: vscode.CompletionItem) => (typeof i.label === 'string' ? i.label : i.label.label);
const descriptionOf = (i: vscode.CompletionItem) => (typeof i.label === 'string' ? undefined : i.label.description);
const docOf = (i: vscode.CompletionItem) => (typeof i.documentation === 'string' ? i.documentation : i.documentation?.value ?? '');

/** Inserts `text` at the end of the line holding `after` (a new line below it); returns the position after the text. */
async function typeLineAfter(editor: vscode.TextEditor, after: string, text: string): Promise<vscode.Position> {
  const at = positionOf(editor.document, after);
  const end = editor.document.lineAt(at.line).range.end;
  assert.ok(await editor.edit(b => b.insert(end, '\n' + text)));
  const pos = new vscode.Position(at.line + 1, text.length);
  editor.selection = new vscode.Selection(pos, pos);
  return pos;
}

describe('front-matter completion (in VS Code)', () => {
  before(async () => {
    await activateExtension();
    await ensureFixtureConfig();
    await waitFor(async () => !(await vscode.commands.executeCommand<Info>('bilingual.entityIndexInfo')).stats.building, { message: 'the entity index is built', timeout: 20000 });
  });
  afterEach(closeAllEditors);

  it('after "- " in companies_orgs: other posts\' companies, most used first, with the count and an example post', async () => {
    const editor = await openPost('003-michael-burry.md');
    const pos = await typeLineAfter(editor, '- Futu', '- ');
    const list = await complete(editor.document.uri, pos, ' ');
    const labels = list.items.map(labelOf);
    for (const want of ['AMD', 'Oracle', 'Intel', 'Palantir']) assert.ok(labels.includes(want), `${want} in ${labels.join(', ')}`);
    for (const have of ['Nvidia', 'OpenAI', 'CoreWeave', 'Futu']) assert.ok(!labels.includes(have), `${have} is in the list already`);
    const amd = list.items.find(i => labelOf(i) === 'AMD')!;
    const n = await postsListing('companies_orgs', 'AMD');
    assert.ok(n >= 2);
    assert.strictEqual(descriptionOf(amd), `${n} posts`);
    assert.match(docOf(amd), /Used in \d+ posts, e\.g\. \*[^*]+\* \([^)]+\.md\)/);
    assert.ok(amd.range && 'inserting' in amd.range && amd.range.inserting.start.isEqual(pos), 'inserts at the cursor');
    // Accepting it writes a list item YAML reads back.
    assert.ok(await editor.edit(b => b.insert(pos, 'AMD')));
    const fm = parseFrontMatter(editor.document.getText())!;
    assert.ok((entryData(fm.entries.find(e => e.key === 'companies_orgs')!) as string[]).includes('AMD'));
  });

  it('typing 英伟 offers Nvidia through its alias 英伟达, filtering on the alias', async () => {
    const editor = await openPost('001-silicon-valley-101.md');
    const pos = await typeLineAfter(editor, '- openai', '- 英伟');
    const list = await complete(editor.document.uri, pos);
    const nv = list.items.find(i => labelOf(i) === 'Nvidia');
    assert.ok(nv, list.items.map(labelOf).join(', '));
    assert.ok(nv.filterText!.split(' ').includes('英伟达'), nv.filterText);
    assert.match(descriptionOf(nv)!, /英伟达 · NVIDIA$/);
    const r = nv.range as { inserting: vscode.Range };
    assert.strictEqual(editor.document.getText(r.inserting), '英伟', 'VS Code matches 英伟 against the filter text');
    assert.ok(!list.items.some(i => labelOf(i) === 'Oracle'), 'unrelated names are not offered');
  });

  it('does not offer a value the list already has, in any spelling (NVIDIA, OpenAI in 002)', async () => {
    const editor = await openPost('002-chinese-only.md');
    const pos = await typeLineAfter(editor, '- General Electric', '-');
    const labels = (await complete(editor.document.uri, pos, '-')).items.map(labelOf);
    assert.ok(labels.includes('CoreWeave'), labels.join(', '));
    assert.ok(!labels.includes('Nvidia') && !labels.includes('OpenAI') && !labels.includes('Microsoft'));
  });

  it('inside [] and after "area: "', async () => {
    const editor = await openPost('001-silicon-valley-101.md');
    const inFlow = positionOf(editor.document, 'media_books: [', 0, 'media_books: ['.length);
    const flow = (await complete(editor.document.uri, inFlow, '[')).items.map(labelOf);
    assert.ok(flow.includes('Bloomberg'), flow.join(', '));
    const area = positionOf(editor.document, 'area: ', 0, 'area: '.length);
    const areas = (await complete(editor.document.uri, area, ' ')).items.map(labelOf);
    assert.deepStrictEqual(areas.slice(0, 8).sort(), ['PAI', 'finance-wealth', 'geopolitics', 'knowledge-meta', 'life-family', 'society-thinking', 'tech-engineering', 'work-career'].sort());
    assert.ok(areas.includes('market-analysis'), 'areas posts use beyond the schema follow');
  });

  it('date completion offers today; keys on an empty line come in the schema\'s order', async () => {
    const editor = await openPost('LHjUSZnjQFk.md');
    const date = positionOf(editor.document, "date: '2025-03-26'");
    assert.ok(await editor.edit(b => b.replace(new vscode.Range(date, editor.document.lineAt(date.line).range.end), 'date: ')));
    const list = await complete(editor.document.uri, editor.document.lineAt(date.line).range.end, ' ');
    const d = new Date();
    const today = `'${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}'`;
    assert.deepStrictEqual(list.items.map(labelOf), [today]);
    // LHjUSZnjQFk has no media_books, products_models or summary... an empty line offers them.
    const pos = await typeLineAfter(editor, 'layout: post.njk', '');
    const keys = (await complete(editor.document.uri, pos)).items.filter(i => i.kind === vscode.CompletionItemKind.Property);
    const names = keys.map(labelOf);
    for (const k of ['media_books', 'products_models']) assert.ok(names.includes(k), names.join(', '));
    for (const k of ['title', 'date', 'layout', 'people']) assert.ok(!names.includes(k), `${k} is present`);
    assert.ok(names.indexOf('products_models') < names.indexOf('media_books'), 'schema order');
    const mb = keys.find(i => labelOf(i) === 'media_books')!;
    assert.match(docOf(mb), /Media outlets and books/);
    assert.strictEqual(mb.command?.command, 'editor.action.triggerSuggest', 'values are suggested right after the key');
  });

  it('nothing in the body', async () => {
    const editor = await openPost('001-silicon-valley-101.md');
    const inBody = positionOf(editor.document, '### OpenAI万亿算力采购');
    const list = await complete(editor.document.uri, inBody.translate(0, 4), ' ');
    // VS Code's word-based suggestions (kind Text) list words of the document; ours never come here.
    const ours = list.items.filter(i => i.kind !== vscode.CompletionItemKind.Text);
    assert.ok(!ours.some(i => ['Nvidia', 'AMD', 'title'].includes(labelOf(i))), ours.map(labelOf).join(', '));
    // In the front matter, ours do come (same document, same trigger).
    const fmList = await complete(editor.document.uri, positionOf(editor.document, 'area: ', 0, 6), ' ');
    assert.ok(fmList.items.some(i => i.kind !== vscode.CompletionItemKind.Text && labelOf(i) === 'finance-wealth'));
  });
});

describe('front-matter hover (in VS Code)', () => {
  before(async () => { await activateExtension(); await ensureFixtureConfig(); });
  afterEach(closeAllEditors);

  const hoverText = async (uri: vscode.Uri, pos: vscode.Position) => {
    const hs = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, pos);
    return hs.flatMap(h => h.contents.map(c => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n---\n');
  };

  it('on a value: what it is, how many posts use it, its aliases and the blog\'s spelling', async () => {
    const editor = await openPost('001-silicon-valley-101.md');
    const text = await hoverText(editor.document.uri, positionOf(editor.document, '- openai', 0, 4));
    assert.match(text, /\*\*openai\*\* · Companies and organisations \(`companies_orgs`\)/);
    assert.match(text, /The blog spells it \*\*OpenAI\*\* \(entity list\)/);
    const n = await postsListing('companies_orgs', 'OpenAI') + await postsListing('companies_orgs', 'openai');
    assert.match(text, new RegExp(`Used in \\*\\*${n}\\*\\* posts`));
    assert.match(text, /Aliases: openai/);
  });

  it('on a key: its description', async () => {
    const editor = await openPost('003-michael-burry.md');
    const text = await hoverText(editor.document.uri, positionOf(editor.document, 'products_models:', 0, 3));
    assert.match(text, /\*\*products\\_models\*\* \(list, entity list\)\n\nProducts and AI models mentioned\./);
  });
});
