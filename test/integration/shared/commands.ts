// Authoring-command cases run by both in-editor suites (commands.test.ts in the Node host, test/web in the web worker).
// No Node modules here: each suite passes in how it reads test/fixtures/expected/ (Node's fs, or the web bundle's copy).
import * as assert from 'assert';
import * as vscode from 'vscode';
import { parsePost } from '../../../src/core';
import { openPost, openText, waitFor } from '../helpers';

export interface CursorSpec { text: string; occurrence?: number; offset?: number; to?: CursorSpec }
export interface Case { name: string; file?: string; input?: string; command: string; args?: unknown; cursors: CursorSpec[] }
export interface Outcome { applied: boolean; messages: string[] }

/** What differs between the hosts: where the cases and the expected files come from. */
export interface CommandFixtures {
  /** test/fixtures/expected/cases.json's cases. */
  cases: Case[];
  /** The text of a file of test/fixtures/expected/, by file name. */
  read(name: string): string;
}

function offsetOf(text: string, s: CursorSpec): number {
  let at = -1;
  for (let i = 0; i <= (s.occurrence ?? 0); i++) {
    at = text.indexOf(s.text, at + 1);
    assert.ok(at >= 0, `"${s.text}" is in the post`);
  }
  return at + (s.offset ?? 0);
}

export function place(editor: vscode.TextEditor, cursors: CursorSpec[]): void {
  const doc = editor.document, text = doc.getText();
  editor.selections = cursors.map(s => new vscode.Selection(doc.positionAt(offsetOf(text, s)), doc.positionAt(offsetOf(text, s.to ?? s))));
}

/** A case's post: a fixture post of the workspace, or an input file of test/fixtures/expected/ as an untitled document. */
export async function open(fixtures: CommandFixtures, c: { file?: string; input?: string }): Promise<vscode.TextEditor> {
  if (c.input) return openText(fixtures.read(c.input));
  return openPost(c.file!);
}

/** Equal texts, or a failure that shows the first line that differs (the posts are too long to print whole). */
export function assertSameText(actual: string, want: string, what: string): void {
  if (actual === want) return;
  const a = actual.split('\n'), b = want.split('\n');
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  assert.fail(`${what}: first difference at line ${i + 1}\n  actual:   ${JSON.stringify((a[i] ?? '<end>').slice(0, 160))}\n  expected: ${JSON.stringify((b[i] ?? '<end>').slice(0, 160))}`);
}

export async function run(command: string, args?: unknown): Promise<Outcome> {
  const out = await vscode.commands.executeCommand<Outcome>(command, args);
  assert.ok(out, `${command} returns what it did`);
  return out;
}

/** Runs a command where it cannot work and checks that it said why and changed nothing. */
export async function refuses(editor: vscode.TextEditor, command: string, why: RegExp, args?: unknown): Promise<void> {
  const before = editor.document.getText(), version = editor.document.version;
  const out = await run(command, args);
  assert.strictEqual(out.applied, false, `${command} applied nothing`);
  assert.match(out.messages.join(' '), why);
  assert.strictEqual(editor.document.version, version, 'the document was not edited');
  assert.strictEqual(editor.document.getText(), before);
}

/** Every case of cases.json against its expected file, then multi-cursor typing and unwrap + wrap; call inside a describe. */
export function commandCaseTests(fixtures: CommandFixtures): void {
  const expected = (name: string) => fixtures.read(`${name}.md`);

  for (const c of fixtures.cases) {
    it(`${c.name}: the whole result equals the expected file, and one undo gives back the post exactly`, async function () {
      this.timeout(60000);
      const editor = await open(fixtures, c);
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
    const c = fixtures.cases.find(x => x.name === 'insert-two-cursors')!;
    const editor = await open(fixtures, c);
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
}

/** Wrap where it cannot work; call inside the suite's "in the wrong place they change nothing and say why" describe. */
export function wrapRefusalTest(): void {
  it('Wrap on a Chinese paragraph, a heading, the front matter or inside a block', async () => {
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
}
