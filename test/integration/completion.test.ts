// Front-matter completion and hover in the real editor, on the fixture workspace's real posts and its entity lists.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { ensureFixtureConfig } from './entityHelpers';
import { activateExtension, closeAllEditors, openPost, positionOf } from './helpers';
import { complete, docOf, entityCompletionTests, entityIndexReady, labelOf, postsListing, typeLineAfter } from './shared/completion';

describe('front-matter completion (in VS Code)', () => {
  before(() => entityIndexReady(ensureFixtureConfig));
  afterEach(closeAllEditors);

  // Shared with the web suite (test/web/completion.web.test.ts).
  entityCompletionTests();

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
