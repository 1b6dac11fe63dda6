// The authoring commands (wrap, insert, unwrap, convert) in VS Code for the Web, on the fixture posts. The cases and
// the expected whole-text results are those of test/integration/commands.test.ts (test/fixtures/expected/, which
// test/web/build.mjs bundles in: that file reads them with Node's fs).
import * as assert from 'assert';
import * as vscode from 'vscode';
import { parsePost } from '../../src/core';
import { activateExtension, closeAllEditors, openPost, openText, waitFor } from '../integration/helpers';
import casesFile from '../fixtures/expected/cases.json';
import files from 'web-fixtures:expected';

interface CursorSpec { text: string; occurrence?: number; offset?: number; to?: CursorSpec }
interface Case { name: string; file?: string; input?: string; command: string; args?: unknown; cursors: CursorSpec[] }
interface Outcome { applied: boolean; messages: string[] }

const cases = casesFile.cases as Case[];
function fixture(name: string): string {
  const text = files[name];
  assert.ok(typeof text === 'string', `test/fixtures/expected/${name} is bundled`);
  return text;
}
const expected = (name: string) => fixture(`${name}.md`);

function offsetOf(text: string, s: CursorSpec): number {
  let at = -1;
  for (let i = 0; i <= (s.occurrence ?? 0); i++) {
    at = text.indexOf(s.text, at + 1);
    assert.ok(at >= 0, `"${s.text}" is in the post`);
  }
  return at + (s.offset ?? 0);
}

function place(editor: vscode.TextEditor, cursors: CursorSpec[]): void {
  const doc = editor.document, text = doc.getText();
  editor.selections = cursors.map(s => new vscode.Selection(doc.positionAt(offsetOf(text, s)), doc.positionAt(offsetOf(text, s.to ?? s))));
}

async function open(c: { file?: string; input?: string }): Promise<vscode.TextEditor> {
  if (c.input) return openText(fixture(c.input));
  return openPost(c.file!);
}

/** Equal texts, or a failure that shows the first line that differs (the posts are too long to print whole). */
function assertSameText(actual: string, want: string, what: string): void {
  if (actual === want) return;
  const a = actual.split('\n'), b = want.split('\n');
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  assert.fail(`${what}: first difference at line ${i + 1}\n  actual:   ${JSON.stringify((a[i] ?? '<end>').slice(0, 160))}\n  expected: ${JSON.stringify((b[i] ?? '<end>').slice(0, 160))}`);
}

async function run(command: string, args?: unknown): Promise<Outcome> {
  const out = await vscode.commands.executeCommand<Outcome>(command, args);
  assert.ok(out, `${command} returns what it did`);
  return out;
}

/** Runs a command where it cannot work and checks that it said why and changed nothing. */
async function refuses(editor: vscode.TextEditor, command: string, why: RegExp, args?: unknown): Promise<void> {
  const before = editor.document.getText(), version = editor.document.version;
  const out = await run(command, args);
  assert.strictEqual(out.applied, false, `${command} applied nothing`);
  assert.match(out.messages.join(' '), why);
  assert.strictEqual(editor.document.version, version, 'the document was not edited');
  assert.strictEqual(editor.document.getText(), before);
}

describe('web: authoring commands', () => {
  before(activateExtension);
  afterEach(closeAllEditors);

  it('the bundled cases are the shared ones', () => {
    assert.ok(cases.filter(c => c.command === 'bilingual.wrapInEnglishBlock').length >= 3, cases.map(c => c.name).join(', '));
  });

  for (const c of cases) {
    it(`${c.name}: the whole result equals the expected file, and one undo gives back the post exactly`, async function () {
      this.timeout(60000);
      const editor = await open(c);
      const doc = editor.document;
      const original = doc.getText();
      place(editor, c.cursors);
      const before = editor.selections.map(s => original.slice(doc.offsetAt(s.active), doc.offsetAt(s.active) + 8));
      const out = await run(c.command, c.args);
      assert.ok(out.applied, out.messages.join(' | '));
      assertSameText(doc.getText(), expected(c.name), `${c.command} on ${c.file ?? c.input}`);
      // The cursors follow their text (wrap, unwrap, convert) or sit inside the new block (insert).
      const now = doc.getText();
      if (c.command === 'bilingual.insertEnglishBlock') {
        assert.strictEqual(editor.selections.length, c.cursors.length);
        for (const s of editor.selections) assert.strictEqual(now.slice(doc.offsetAt(s.active) - 24, doc.offsetAt(s.active) + 4), '<p class="english-text"></p>');
      } else {
        const after = editor.selections.map(s => now.slice(doc.offsetAt(s.active), doc.offsetAt(s.active) + 8));
        assert.strictEqual(after[0], before[0], 'the first cursor stays on the same English or Chinese characters');
      }
      await vscode.commands.executeCommand('undo');
      await waitFor(() => doc.getText() === original, { message: 'one undo restores the post' });
      await vscode.commands.executeCommand('redo');
      await waitFor(() => doc.getText() === expected(c.name), { message: 'redo applies the whole command again' });
    });
  }

  it('after Insert English Block with two cursors, typing fills both new blocks', async () => {
    const c = cases.find(x => x.name === 'insert-two-cursors')!;
    const editor = await open(c);
    place(editor, c.cursors);
    assert.ok((await run(c.command)).applied);
    await vscode.commands.executeCommand('type', { text: 'The original English.' });
    const post = parsePost(editor.document.getText());
    assert.deepStrictEqual(post.english.map(e => e.text), ['The original English.', 'The original English.']);
    assert.ok(post.english.every(e => e.pairedWith !== undefined), 'each block belongs to its Chinese paragraph');
  });

  it('unwrap then wrap at the same cursor gives back the real post', async () => {
    const editor = await openPost('000-ai-circular-economy.md');
    const original = editor.document.getText();
    place(editor, [{ text: 'We are witnessing', offset: 20 }]);
    assert.ok((await run('bilingual.unwrapEnglishBlock')).applied);
    assert.ok((await run('bilingual.wrapInEnglishBlock')).applied);
    assertSameText(editor.document.getText(), original, 'unwrap then wrap');
  });

  it('Wrap on a Chinese paragraph, a heading, the front matter or inside a block changes nothing and says why', async () => {
    const editor = await openPost('000-ai-circular-economy.md');
    for (const [spec, why] of [
      [{ text: '我们正在见证21世纪' }, /Chinese paragraph.*Insert English Block/],
      [{ text: '### AI经济的金融工程' }, /heading/],
      [{ text: 'area: market-analysis' }, /front matter/],
      [{ text: 'We are witnessing' }, /English block/],
    ] as [CursorSpec, RegExp][]) {
      place(editor, [spec]);
      await refuses(editor, 'bilingual.wrapInEnglishBlock', why);
    }
  });
});
