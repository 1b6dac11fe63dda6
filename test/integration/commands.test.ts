// The authoring commands in the real editor: whole-text results against expected files, multi-cursor, undo, wrong places.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, openPost, openText, waitFor } from './helpers';
import { assertSameText, type Case, type CommandFixtures, commandCaseTests, open, type Outcome, place, refuses, run, wrapRefusalTest } from './shared/commands';

const EXPECTED = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'expected');

const fixtures: CommandFixtures = {
  cases: (JSON.parse(fs.readFileSync(path.join(EXPECTED, 'cases.json'), 'utf8')) as { cases: Case[] }).cases,
  read: (name) => fs.readFileSync(path.join(EXPECTED, name), 'utf8'),
};
const expected = (name: string) => fixtures.read(`${name}.md`);

describe('authoring commands', () => {
  before(activateExtension);
  afterEach(closeAllEditors);

  // Shared with the web suite (test/web/commands.web.test.ts).
  commandCaseTests(fixtures);

  it('Convert Alternating asks nothing for clear pairs and can be cancelled when guesses are involved', async () => {
    const editor = await open(fixtures, { input: 'convert-ambiguous.input.md' });
    await refuses(editor, 'bilingual.convertAlternatingParagraphs', /Cancelled/, { ambiguous: 'cancel' });
  });

  it('Convert Alternating can show its guesses in the Refactor Preview: they start unchecked, so applying as is converts the clear pairs', async function () {
    this.timeout(60000);
    const editor = await open(fixtures, { input: 'convert-ambiguous.input.md' });
    const doc = editor.document;
    const pending = vscode.commands.executeCommand<Outcome>('bilingual.convertAlternatingParagraphs', { ambiguous: 'preview' });
    // Nothing changes while the preview is open; applying it writes every checked change in one edit.
    await waitFor(async () => {
      await vscode.commands.executeCommand('refactorPreview.apply');
      return doc.getText() !== fixtures.read('convert-ambiguous.input.md');
    }, { timeout: 20000, message: 'the Refactor Preview opens and applies' });
    const out = await pending;
    assert.ok(out.applied);
    assertSameText(doc.getText(), expected('convert-ambiguous-clear'), 'preview then apply');
    await vscode.commands.executeCommand('undo');
    await waitFor(() => doc.getText() === fixtures.read('convert-ambiguous.input.md'), { message: 'one undo' });
    // The preview's own documents go away once it is applied; wait for that so closing editors does not race them.
    await waitFor(() => !vscode.workspace.textDocuments.some(d => d.uri.scheme.startsWith('vscode-bulkeditpreview')), { message: 'the preview closed' });
  });

  it('Convert Block Style A -> B -> A gives back the real post', async () => {
    const editor = await openPost('000-ai-circular-economy.md');
    const original = editor.document.getText();
    assert.ok((await run('bilingual.convertBlockStyle', 'B')).applied);
    assert.ok((await run('bilingual.convertBlockStyle', { style: 'A' })).applied);
    assertSameText(editor.document.getText(), original, 'A -> B -> A');
  });

  describe('in the wrong place they change nothing and say why', () => {
    wrapRefusalTest();

    it('Insert on a paragraph that already has its English, on an English paragraph, or on a heading', async () => {
      let editor = await openPost('000-ai-circular-economy.md');
      place(editor, [{ text: '我们正在见证21世纪' }]);
      await refuses(editor, 'bilingual.insertEnglishBlock', /already has its English block \(line 56\)/);
      place(editor, [{ text: '### AI经济的金融工程' }]);
      await refuses(editor, 'bilingual.insertEnglishBlock', /heading/);
      editor = await openPost('-6VqXRAxNdA.md');
      place(editor, [{ text: 'About a year ago' }]);
      await refuses(editor, 'bilingual.insertEnglishBlock', /English: use Wrap/);
    });

    it('Unwrap outside a block, and on a block with no </details>', async () => {
      const editor = await openPost('000-ai-circular-economy.md');
      place(editor, [{ text: '我们正在见证21世纪' }]);
      await refuses(editor, 'bilingual.unwrapEnglishBlock', /Chinese paragraph, not an English block/);
      // The real mistake "<details> never closed" (45 files in the census), made by deleting the first </details>.
      const doc = editor.document;
      const close = doc.getText().indexOf('</details>');
      await editor.edit(b => b.delete(new vscode.Range(doc.positionAt(close), doc.positionAt(close + '</details>\n'.length))));
      place(editor, [{ text: 'We are witnessing' }]);
      await refuses(editor, 'bilingual.unwrapEnglishBlock', /has no `<\/details>`/);
    });

    it('Convert Alternating on a post that is already converted, and Convert Block Style to the style it has', async () => {
      const editor = await openPost('000-ai-circular-economy.md');
      await refuses(editor, 'bilingual.convertAlternatingParagraphs', /No alternating English and Chinese paragraphs/);
      await refuses(editor, 'bilingual.convertBlockStyle', /already style A/, 'A');
    });

    it('any of them in a plain-text editor', async () => {
      const editor = await openText('Some English.\n\n中文。\n', 'plaintext');
      for (const command of ['bilingual.wrapInEnglishBlock', 'bilingual.insertEnglishBlock', 'bilingual.unwrapEnglishBlock', 'bilingual.convertAlternatingParagraphs']) {
        await refuses(editor, command, /No Markdown editor/);
      }
    });
  });
});
