// Outline: headings with each section's translation coverage ("EN 5/7"), and the paragraphs that still need English.
import * as vscode from 'vscode';
import { postOutline, sectionDetail, type CoverageMode, type OutlineSection } from '../core';
import { offsetRange } from './convert';
import { isMarkdown, type Services } from './services';

/** The name our symbols group under in the Outline view, beside VS Code's own Markdown headings. */
export const OUTLINE_LABEL = 'Translation coverage';

function toSymbol(doc: vscode.TextDocument, mode: CoverageMode, s: OutlineSection): vscode.DocumentSymbol {
  const range = offsetRange(doc, s.start, s.end);
  const sym = new vscode.DocumentSymbol(s.heading ?? '(before the first heading)', sectionDetail(mode, s), vscode.SymbolKind.String,
    range, offsetRange(doc, s.nameStart, s.nameEnd));
  const missing = s.missing.map(m => {
    const r = offsetRange(doc, m.start, m.end);
    return new vscode.DocumentSymbol(m.text, 'needs English', vscode.SymbolKind.Event, r, new vscode.Range(r.start, r.start));
  });
  sym.children = [...missing, ...s.children.map(c => toSymbol(doc, mode, c))].sort((a, b) => a.range.start.compareTo(b.range.start));
  return sym;
}

export function registerSymbols(services: Services): vscode.Disposable {
  const provider: vscode.DocumentSymbolProvider = {
    provideDocumentSymbols(doc) {
      if (!isMarkdown(doc)) return [];
      const o = postOutline(services.posts.get(doc), services.config.forUri(doc.uri).translationMode);
      // Chinese-only posts (or checks turned off) have no coverage to show: VS Code's own headings say it all.
      if (o.mode === 'chinese-only' || o.mode === 'off') return [];
      return o.sections.map(s => toSymbol(doc, o.mode, s));
    },
  };
  return vscode.languages.registerDocumentSymbolProvider({ language: 'markdown' }, provider, { label: OUTLINE_LABEL });
}
