// Converting core types (offsets, ranges, severities, edits) to VS Code types and back.
import * as vscode from 'vscode';
import type { Range, Severity, TextEdit } from '../core';

export function toRange(r: Range): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

export function offsetRange(doc: vscode.TextDocument, start: number, end: number): vscode.Range {
  return new vscode.Range(doc.positionAt(start), doc.positionAt(end));
}

export function toSeverity(s: Severity): vscode.DiagnosticSeverity {
  switch (s) {
    case 'error': return vscode.DiagnosticSeverity.Error;
    case 'warning': return vscode.DiagnosticSeverity.Warning;
    case 'info': return vscode.DiagnosticSeverity.Information;
    default: return vscode.DiagnosticSeverity.Hint;
  }
}

/** Core edits (offsets into the document's current text) as one WorkspaceEdit: one undo step. */
export function toWorkspaceEdit(doc: vscode.TextDocument, edits: readonly TextEdit[], into = new vscode.WorkspaceEdit()): vscode.WorkspaceEdit {
  for (const e of edits) into.replace(doc.uri, offsetRange(doc, e.start, e.end), e.newText);
  return into;
}

export function toTextEdits(doc: vscode.TextDocument, edits: readonly TextEdit[]): vscode.TextEdit[] {
  return edits.map(e => vscode.TextEdit.replace(offsetRange(doc, e.start, e.end), e.newText));
}
