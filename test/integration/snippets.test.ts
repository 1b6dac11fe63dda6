// The snippets expand through editor.action.insertSnippet, and the grammar's colour defaults are contributed.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { lintPost, parsePost, defaultConfig } from '../../src/core';
import { activateExtension, closeAllEditors, openText, waitFor } from './helpers';

async function insertSnippet(editor: vscode.TextEditor, name: string): Promise<void> {
  const before = editor.document.version;
  await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: 'markdown', name });
  await waitFor(() => editor.document.version > before, { message: `snippet "${name}" inserted` });
}

const end = (doc: vscode.TextDocument) => doc.positionAt(doc.getText().length);

describe('snippets', () => {
  before(activateExtension);
  afterEach(closeAllEditors);

  it('"English block" expands under a Chinese paragraph; tab moves from the label into the <p>', async () => {
    const editor = await openText('我们正在见证21世纪最复杂的金融工程。\n\n');
    editor.selection = new vscode.Selection(end(editor.document), end(editor.document));
    await insertSnippet(editor, 'English block');
    const doc = editor.document;
    assert.strictEqual(doc.getText(), '我们正在见证21世纪最复杂的金融工程。\n\n<details>\n<summary>View/Hide Original English</summary>\n<p class="english-text"></p>\n</details>\n');
    assert.strictEqual(doc.getText(editor.selection), 'View/Hide Original English', 'the label is the first placeholder');
    await vscode.commands.executeCommand('jumpToNextSnippetPlaceholder');
    await vscode.commands.executeCommand('type', { text: 'We are witnessing the most sophisticated act of financial engineering.' });
    const post = parsePost(doc.getText());
    assert.strictEqual(post.english.length, 1);
    assert.strictEqual(post.english[0].text, 'We are witnessing the most sophisticated act of financial engineering.');
    assert.strictEqual(post.english[0].pairedWith, 0);
  });

  it('"English block" around a selection puts the selected English inside', async () => {
    const editor = await openText('中文。\n\nThe English paragraph.\n');
    const doc = editor.document;
    const at = doc.getText().indexOf('The');
    editor.selection = new vscode.Selection(doc.positionAt(at), doc.positionAt(at + 'The English paragraph.'.length));
    await insertSnippet(editor, 'English block');
    assert.strictEqual(doc.getText(), '中文。\n\n<details>\n<summary>View/Hide Original English</summary>\n<p class="english-text">The English paragraph.</p>\n</details>\n\n');
  });

  it('"English block (Markdown body)" gives a style-B block', async () => {
    const editor = await openText('中文。\n\n');
    editor.selection = new vscode.Selection(end(editor.document), end(editor.document));
    await insertSnippet(editor, 'English block (Markdown body)');
    const post = parsePost(editor.document.getText());
    assert.strictEqual(post.english[0].style, 'B');
    assert.strictEqual(post.english[0].label, 'Original English');
  });

  it('"Bilingual post front matter" gives every key, dated today, with no front-matter problem left', async () => {
    const editor = await openText('');
    await insertSnippet(editor, 'Bilingual post front matter');
    await vscode.commands.executeCommand('leaveSnippet');
    const text = editor.document.getText() + '正文。\n';
    const fm = parsePost(text).frontMatter!;
    assert.ok(fm && fm.closed);
    assert.deepStrictEqual(fm.entries.map(e => e.key), ['area', 'category', 'companies_orgs', 'date', 'draft', 'guest', 'insight', 'layout', 'media_books',
      'people', 'products_models', 'project', 'series', 'source', 'speaker', 'status', 'summary', 'tags', 'title']);
    const now = new Date();
    const today = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
    assert.match(text, new RegExp(`^date: '${today}'$`, 'm'));
    const problems = lintPost(text, { config: defaultConfig() }).filter(d => d.code.startsWith('frontmatter'));
    assert.deepStrictEqual(problems.map(d => `${d.code}: ${d.message}`), []);
  });

  it('"Glossary term" and "Speaker label" write the blog\'s forms', async () => {
    const editor = await openText('');
    await insertSnippet(editor, 'Speaker label');
    await vscode.commands.executeCommand('type', { text: '主持人' });
    await vscode.commands.executeCommand('jumpToNextSnippetPlaceholder');
    await vscode.commands.executeCommand('type', { text: '我们来谈谈' });
    await insertSnippet(editor, 'Glossary term');
    await vscode.commands.executeCommand('type', { text: '金融工程' });
    await vscode.commands.executeCommand('jumpToNextSnippetPlaceholder');
    await vscode.commands.executeCommand('type', { text: 'Financial Engineering' });
    await vscode.commands.executeCommand('jumpToNextSnippetPlaceholder');
    await vscode.commands.executeCommand('type', { text: '结合金融理论设计金融产品' });
    assert.strictEqual(editor.document.getText(), '**主持人**: 我们来谈谈**金融工程**（Financial Engineering: 结合金融理论设计金融产品）');
    const first = parsePost(editor.document.getText()).blocks[0];
    assert.ok(first.kind === 'text' && first.unit === 'speaker', 'the parser reads it as a speaker turn');
  });
});

describe('grammar contribution', () => {
  before(activateExtension);

  it('contributes default token styles for the English text, terms and speakers', () => {
    const rules = vscode.workspace.getConfiguration('editor').get<{ textMateRules?: { scope: string; settings: { fontStyle?: string } }[] }>('tokenColorCustomizations')?.textMateRules ?? [];
    const style = (scope: string) => rules.find(r => r.scope === scope)?.settings.fontStyle;
    assert.strictEqual(style('string.unquoted.english-text.bilingual'), 'italic');
    assert.strictEqual(style('markup.bold.term.bilingual'), 'bold');
    assert.strictEqual(style('entity.name.speaker.bilingual'), 'bold');
  });
});
