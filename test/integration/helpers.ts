// Helpers for the integration tests that run inside the VS Code extension host (see test/host/README.md).
// Rule: never assert after a fixed sleep; poll the condition with waitFor() instead.
import * as assert from 'assert';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'bilingual-posts.bilingual-posts';

export interface WaitOptions {
  /** Give up after this many ms (default 10000). */
  timeout?: number;
  /** Poll every this many ms (default 50). */
  interval?: number;
  /** Says what was awaited, for the error message. */
  message?: string;
}

/**
 * Polls `condition` until it returns a truthy value (or a promise of one) and returns that value.
 * Exceptions thrown by the condition count as "not yet"; the last one is reported on timeout.
 *   const diags = await waitFor(() => { const d = vscode.languages.getDiagnostics(uri); return d.length ? d : undefined; });
 */
export async function waitFor<T>(condition: () => T | Promise<T>, options: WaitOptions = {}): Promise<NonNullable<T>> {
  const timeout = options.timeout ?? 10000;
  const interval = options.interval ?? 50;
  const start = Date.now();
  let last: unknown;
  let lastError: unknown;
  for (;;) {
    try {
      last = await condition();
      lastError = undefined;
      if (last) return last as NonNullable<T>;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() - start >= timeout) {
      const what = options.message ?? condition.toString().slice(0, 200);
      const detail = lastError !== undefined ? `last error: ${lastError instanceof Error ? lastError.message : String(lastError)}` : `last value: ${safeString(last)}`;
      throw new Error(`waitFor timed out after ${timeout}ms: ${what} (${detail})`);
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

function safeString(v: unknown): string {
  try {
    return JSON.stringify(v)?.slice(0, 300) ?? String(v);
  } catch {
    return String(v);
  }
}

/** The first workspace folder: a throw-away copy of test/fixtures/workspace made by the launcher. */
export function workspaceFolder(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the launcher opens a copy of test/fixtures/workspace as the workspace folder');
  return folder.uri;
}

/** URI of a fixture post by file name (or relative path), e.g. fixtureUri('001-silicon-valley-101.md'). */
export function fixtureUri(name: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceFolder(), ...name.split('/'));
}

/** Opens a fixture post by name and shows it in the active editor group; returns its editor. */
export async function openPost(name: string, options: vscode.TextDocumentShowOptions = {}): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(fixtureUri(name));
  return vscode.window.showTextDocument(doc, { preview: false, ...options });
}

/** Opens an untitled document with the given content (markdown by default), shown in an editor. */
export async function openText(content: string, language = 'markdown'): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument({ language, content });
  return vscode.window.showTextDocument(doc, { preview: false });
}

/** Closes all editors without a save prompt: unsaved changes are reverted (nothing is written to disk). */
export async function closeAllEditors(): Promise<void> {
  for (const doc of vscode.workspace.textDocuments) {
    if (!doc.isDirty) continue;
    await vscode.window.showTextDocument(doc, { preview: false });
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  // Retried until no tab is left: a close racing with another editor change (e.g. a webview panel being
  // disposed) can be cancelled by the workbench.
  await waitFor(
    async () => {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      return vscode.window.tabGroups.all.every((g) => g.tabs.length === 0);
    },
    { timeout: 10000, interval: 200, message: 'all editors to close' },
  );
}

/** Our extension as VS Code knows it (fails if it is not loaded at all). */
export function getExtension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is loaded as the extension under development`);
  return ext;
}

/** Waits until the extension has activated by itself (e.g. after openPost of a Markdown file). */
export async function waitForActivation(timeout = 15000): Promise<vscode.Extension<unknown>> {
  const ext = getExtension();
  await waitFor(() => ext.isActive, { timeout, message: `${EXTENSION_ID} to activate` });
  return ext;
}

/** Activates the extension now if needed (for tests that do not care how it activates). */
export async function activateExtension(): Promise<vscode.Extension<unknown>> {
  const ext = getExtension();
  if (!ext.isActive) await ext.activate();
  return ext;
}

/** Position of the n-th (0-based) occurrence of `text` in the document, plus `offset` characters. */
export function positionOf(doc: vscode.TextDocument, text: string, occurrence = 0, offset = 0): vscode.Position {
  const all = doc.getText();
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = all.indexOf(text, at + 1);
    assert.ok(at >= 0, `"${text}" occurs ${occurrence + 1} time(s) in ${doc.uri.path}`);
  }
  return doc.positionAt(at + offset);
}

/** Diagnostics on a document, optionally only those from one `source`. */
export function diagnostics(uri: vscode.Uri, source?: string): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => source === undefined || d.source === source);
}

/** Waits until `predicate` accepts the document's diagnostics (from `source`, if given); returns them. */
export async function waitForDiagnostics(
  uri: vscode.Uri,
  predicate: (diags: vscode.Diagnostic[]) => boolean,
  source?: string,
  timeout = 10000,
): Promise<vscode.Diagnostic[]> {
  let last: vscode.Diagnostic[] = [];
  try {
    await waitFor(() => predicate((last = diagnostics(uri, source))), { timeout });
  } catch {
    assert.fail(`diagnostics on ${uri.path} did not reach the expected state in ${timeout}ms; last: ${last.map((d) => `${d.range.start.line}:${d.range.start.character} ${d.message}`).join(' | ') || 'none'}`);
  }
  return last;
}

/** Labels of the completion items all providers offer at a position (what Ctrl+Space would list). */
export async function completionLabels(uri: vscode.Uri, position: vscode.Position, triggerCharacter?: string): Promise<string[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, position, triggerCharacter);
  return list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
}

/** Runs `fn`, resolving with its value or rejecting if it takes longer than `ms`. */
export function withTimeout<T>(promise: Thenable<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms}ms: ${what}`)), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}
