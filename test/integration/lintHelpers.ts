// Helpers for the diagnostics, quick-fix and navigation integration tests: our diagnostics, code actions, undo.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { diagnostics, waitFor, waitForDiagnostics } from './helpers';

export const SOURCE = 'bilingual-posts';

/** Our diagnostics on a document, in position order. */
export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return diagnostics(uri, SOURCE).sort((a, b) => a.range.start.compareTo(b.range.start));
}

export function codesOf(ds: readonly vscode.Diagnostic[]): string[] {
  return ds.map(d => String(d.code));
}

/** Code -> count, for comparing what a post has before and after. */
export function countCodes(ds: readonly vscode.Diagnostic[]): Record<string, number> {
  const m: Record<string, number> = {};
  for (const d of ds) m[String(d.code)] = (m[String(d.code)] ?? 0) + 1;
  return m;
}

/** Waits until our diagnostics on `uri` satisfy `predicate`. */
export function waitForOurs(uri: vscode.Uri, predicate: (ds: vscode.Diagnostic[]) => boolean, timeout = 20000): Promise<vscode.Diagnostic[]> {
  return waitForDiagnostics(uri, ds => predicate(ds.sort((a, b) => a.range.start.compareTo(b.range.start))), SOURCE, timeout);
}

/**
 * The code actions VS Code collects for a range (what the light bulb / Ctrl+. lists), optionally of one kind,
 * resolved (fix-all actions compute their edit only then, as when a user picks one).
 */
export async function codeActions(uri: vscode.Uri, range: vscode.Range, kind?: string): Promise<vscode.CodeAction[]> {
  const all = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, range, kind, 100);
  return (all ?? []).filter((a): a is vscode.CodeAction => 'edit' in a || 'kind' in a);
}

/** Applies a code action the way the editor does: its edit, then its command. */
export async function applyAction(action: vscode.CodeAction): Promise<void> {
  assert.ok(action.edit, `"${action.title}" has an edit`);
  assert.strictEqual(await vscode.workspace.applyEdit(action.edit), true, `"${action.title}" applied`);
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
}

/** One undo in the editor (shown and active first), waiting until it has changed the document. */
export async function undoOnce(editor: vscode.TextEditor): Promise<void> {
  await vscode.window.showTextDocument(editor.document, { preview: false });
  const before = editor.document.version;
  await vscode.commands.executeCommand('undo');
  await waitFor(() => editor.document.version !== before, { message: 'undo changed the document' });
}
