// Completion inside front matter: keys, scalar values and list items from the workspace entity index.
import * as vscode from 'vscode';
import { completeFrontMatter, type FmCompletion } from '../core';
import { isMarkdown, type Services } from './services';

/** VS Code keeps quick suggestions off in Markdown, so completion opens on the characters authors type there. */
export const TRIGGER_CHARACTERS = [' ', '-', ':', '[', ','];
const FENCE = /^\uFEFF?---[ \t]*$/;
const CLOSE = /^(---|\.\.\.)[ \t]*$/;
const MAX_SCAN_LINES = 5000;

/**
 * The text from the top of the document to the end of its front matter, when `line` is inside it; the
 * body is never read, so completion costs the same in a 150 KB post as in a short one.
 */
export function frontMatterSlice(doc: vscode.TextDocument, line: number): string | undefined {
  if (doc.lineCount < 2 || !FENCE.test(doc.lineAt(0).text)) return undefined;
  if (line === 0) return undefined;
  const last = Math.min(doc.lineCount - 1, MAX_SCAN_LINES);
  for (let i = 1; i <= last; i++) {
    if (CLOSE.test(doc.lineAt(i).text)) return line < i ? doc.getText(new vscode.Range(0, 0, i + 1, 0)) : undefined;
  }
  // Unclosed (a post being started): the whole head is front matter as far as completion cares.
  return line <= last ? doc.getText(new vscode.Range(0, 0, last + 1, 0)) : undefined;
}

export function fileLabel(file: string): string {
  try { return vscode.workspace.asRelativePath(vscode.Uri.parse(file), false); } catch { return file; }
}

const KIND: Record<FmCompletion['kind'], vscode.CompletionItemKind> = {
  key: vscode.CompletionItemKind.Property,
  entity: vscode.CompletionItemKind.Value,
  value: vscode.CompletionItemKind.EnumMember,
  date: vscode.CompletionItemKind.Constant,
  boolean: vscode.CompletionItemKind.Keyword,
};

function toItem(doc: vscode.TextDocument, pos: vscode.Position, c: FmCompletion): vscode.CompletionItem {
  const description = [c.detail && c.kind !== 'key' ? c.detail : undefined, c.description].filter(Boolean).join(' · ') || undefined;
  const item = new vscode.CompletionItem({ label: c.label, description }, KIND[c.kind]);
  item.detail = c.kind === 'key' ? c.detail : c.description ? `${c.label} (${c.description})` : c.detail;
  if (c.documentation) item.documentation = new vscode.MarkdownString(c.documentation);
  item.filterText = c.filterText;
  item.sortText = c.sortText;
  item.insertText = c.insertText;
  const start = doc.positionAt(c.start);
  item.range = { inserting: new vscode.Range(start, pos), replacing: new vscode.Range(start, doc.positionAt(Math.max(c.end, doc.offsetAt(pos)))) };
  if (c.additionalEdits) item.additionalTextEdits = c.additionalEdits.map(e => vscode.TextEdit.replace(new vscode.Range(doc.positionAt(e.start), doc.positionAt(e.end)), e.newText));
  if (c.retrigger) item.command = { command: 'editor.action.triggerSuggest', title: 'Suggest values' };
  return item;
}

export function registerCompletion(services: Services): vscode.Disposable {
  const provider: vscode.CompletionItemProvider = {
    provideCompletionItems(doc, pos) {
      if (!isMarkdown(doc)) return undefined;
      const text = frontMatterSlice(doc, pos.line);
      if (text === undefined) return undefined;
      const config = services.config.forUri(doc.uri);
      const result = completeFrontMatter(text, doc.offsetAt(pos), services.index.index, config, { fileLabel });
      if (!result) return undefined;
      return new vscode.CompletionList(result.items.map(c => toItem(doc, pos, c)), result.incomplete);
    },
  };
  return vscode.languages.registerCompletionItemProvider({ language: 'markdown' }, provider, ...TRIGGER_CHARACTERS);
}
