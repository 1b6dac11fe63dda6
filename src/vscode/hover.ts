// Hover on front-matter keys and values: what the key is for; how many posts use a value, its aliases and spelling.
import * as vscode from 'vscode';
import { frontMatterHover } from '../core';
import { fileLabel, frontMatterSlice } from './completion';
import { isMarkdown, type Services } from './services';

export function registerHover(services: Services): vscode.Disposable {
  return vscode.languages.registerHoverProvider({ language: 'markdown' }, {
    provideHover(doc, pos) {
      if (!isMarkdown(doc)) return undefined;
      const text = frontMatterSlice(doc, pos.line);
      if (text === undefined) return undefined;
      const h = frontMatterHover(text, doc.offsetAt(pos), services.index.index, services.config.forUri(doc.uri), { fileLabel });
      if (!h) return undefined;
      return new vscode.Hover(new vscode.MarkdownString(h.markdown), new vscode.Range(doc.positionAt(h.start), doc.positionAt(h.end)));
    },
  });
}
